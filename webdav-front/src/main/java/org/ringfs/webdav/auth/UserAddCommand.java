package org.ringfs.webdav.auth;

import org.ringfs.cli.local.ClusterDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * {@code ringfs user add NAME}: adds a user, or sets a user's password, in a users file: by default
 * the one the WebDAV front of the cluster in --dir reads, DIR/webdav/users. The password is asked
 * twice on a terminal, else read as the first line of stdin or of --password-file; it is never an
 * argument (the process list would show it).
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add a WebDAV user, or set the password of an existing one.")
public final class UserAddCommand implements Callable<Integer> {
    private static final int MIN_LENGTH = 8;

    @Parameters(index = "0", paramLabel = "NAME", description = "The user name: 1 to 64 of A-Z a-z 0-9 . _ @ -")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ClusterDirectory.DEFAULT,
            description = "Directory of the local cluster whose front the user is for (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--users", paramLabel = "FILE",
            description = "The users file (default: DIR/webdav/users, the one `ringfs up` and `ringfs webdav` read);"
                    + " created mode 0600 if missing.")
    Path users;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from this file's first line.")
    Path passwordFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try {
            UsersFile.checkName(name);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        char[] password = password();
        try {
            if (password.length < MIN_LENGTH) {
                throw new IllegalArgumentException("a password has at least " + MIN_LENGTH + " characters");
            }
            UsersFile.put(usersFile(), name, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        spec.commandLine().getOut().println("user " + name + " saved in " + usersFile());
        return 0;
    }

    private Path usersFile() {
        return users != null ? users : new ClusterDirectory(dir).webdavUsersFile();
    }

    private char[] password() throws IOException {
        if (passwordFile != null) return firstLine(Files.newBufferedReader(passwordFile, StandardCharsets.UTF_8));
        Console console = System.console();
        if (console == null) return firstLine(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        char[] first = console.readPassword("password for %s: ", name);
        char[] again = console.readPassword("again: ");
        if (first == null || again == null || !Arrays.equals(first, again)) {
            throw new IllegalArgumentException("the two passwords differ");
        }
        Arrays.fill(again, '\0');
        return first;
    }

    private static char[] firstLine(BufferedReader reader) throws IOException {
        try (reader) {
            String line = reader.readLine();
            if (line == null) throw new IOException("no password given (empty input)");
            return line.toCharArray();
        }
    }
}
