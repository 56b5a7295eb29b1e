package org.ringfs.cli.admin;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code ringfs inject ...}: faults for tests; each kind is a subcommand. */
@Command(name = "inject", mixinStandardHelpOptions = true,
        description = "Inject faults into a cluster started with --allow-fault-injection (tests only).",
        subcommands = InjectCorruptCommand.class)
public final class InjectCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "which fault? (corrupt)");
    }
}
