package org.ringfs.webdav.auth;

import org.ringfs.cli.RoleCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ringfs user}: the WebDAV users; {@code ringfs user add NAME} is the one subcommand so far. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage WebDAV users.",
        subcommands = UserAddCommand.class)
public final class UserCommand implements RoleCommand {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed: add");
    }
}
