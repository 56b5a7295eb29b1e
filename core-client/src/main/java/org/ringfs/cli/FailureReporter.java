package org.ringfs.cli;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Turns a command's failure into one line, {@code ringfs: <command>: <message>}, and exit code 1.
 * The stack trace is for {@code --verbose} only: users want the reason, developers the trace.
 * Usage errors never get here; picocli prints them with the usage and exits 2.
 */
public final class FailureReporter implements CommandLine.IExecutionExceptionHandler {
    /** A command failed: the cluster or the local file system said no. */
    public static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        err.println("ringfs: " + commandPath(cmd) + ": " + describe(ex));
        if (verbose(parsed)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return FAILED;
    }

    static String describe(Throwable ex) {
        Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        if (t instanceof RingFsException r && r.code() == ErrorCode.NO_SPACE) {
            return "no space left on the cluster; remove files to free some: " + r.getMessage() + " (" + r.code() + ")";
        }
        if (t instanceof RingFsException r) return r.getMessage() + " (" + r.code() + ")";
        if (t instanceof java.nio.file.NoSuchFileException n) return n.getFile() + ": no such file";
        if (t instanceof java.nio.file.AccessDeniedException a) return a.getFile() + ": permission denied";
        if (t instanceof java.nio.file.FileAlreadyExistsException f) return f.getFile() + ": already exists";
        if (t instanceof IOException || t instanceof IllegalStateException || t instanceof IllegalArgumentException) {
            return String.valueOf(t.getMessage());
        }
        return t.toString();
    }

    private static String commandPath(CommandLine cmd) {
        String full = cmd.getCommandSpec().qualifiedName(" ");
        return full.startsWith("ringfs ") ? full.substring("ringfs ".length()) : full;
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) return true;
        }
        return false;
    }
}
