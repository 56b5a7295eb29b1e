package org.ringfs.cli;

import picocli.CommandLine.Option;

/** {@code --quiet}: no progress bar even on a terminal; {@link Progress} looks for it. */
public final class QuietOption {
    @Option(names = {"-q", "--quiet"}, description = "Show no progress bar (none is shown anyway when stderr is not a terminal).")
    boolean quiet;

    public boolean quiet() { return quiet; }
}
