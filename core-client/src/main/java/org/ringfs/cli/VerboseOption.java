package org.ringfs.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}: print the stack trace of a failure; {@link FailureReporter} looks for it. */
public final class VerboseOption {
    @Option(names = "--verbose", description = "On failure, print the stack trace too.")
    boolean verbose;
}
