package org.ringfs.webdav.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.cli.local.ClusterDirectory;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class UserAddCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheUsersFileOfTheClusterInDir() throws Exception {
        Path dir = tmp.resolve("var");
        Path password = Files.writeString(tmp.resolve("pw"), "a-long-password\n");
        int exit = new CommandLine(new UserAddCommand())
                .execute("bob", "--dir", dir.toString(), "--password-file", password.toString());
        assertThat(exit).isZero();
        Path users = new ClusterDirectory(dir).webdavUsersFile();
        assertThat(users).isEqualTo(dir.resolve("webdav").resolve("users"));
        assertThat(new UserDirectory(users).checkPassword("bob", "a-long-password")).isTrue();
    }

    @Test
    void usersNamesAnotherFile() throws Exception {
        Path users = tmp.resolve("elsewhere.users");
        Path password = Files.writeString(tmp.resolve("pw"), "a-long-password\n");
        int exit = new CommandLine(new UserAddCommand()).execute("bob", "--dir", tmp.resolve("var").toString(),
                "--users", users.toString(), "--password-file", password.toString());
        assertThat(exit).isZero();
        assertThat(new UserDirectory(users).checkPassword("bob", "a-long-password")).isTrue();
        assertThat(tmp.resolve("var")).doesNotExist();
    }
}
