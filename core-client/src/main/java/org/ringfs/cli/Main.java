package org.ringfs.cli;

import org.ringfs.cli.admin.FsckCommand;
import org.ringfs.cli.admin.InjectCommand;
import org.ringfs.cli.admin.MetricsTokenCommand;
import org.ringfs.cli.admin.RetireCommand;
import org.ringfs.cli.admin.StatusCommand;
import org.ringfs.cli.files.GetCommand;
import org.ringfs.cli.files.LnCommand;
import org.ringfs.cli.files.LsCommand;
import org.ringfs.cli.files.MkdirCommand;
import org.ringfs.cli.files.MvCommand;
import org.ringfs.cli.files.PutCommand;
import org.ringfs.cli.files.RmCommand;
import org.ringfs.cli.files.StatCommand;
import org.ringfs.cli.local.CrashCommand;
import org.ringfs.cli.local.DownCommand;
import org.ringfs.cli.local.MetaAddCommand;
import org.ringfs.cli.local.MetaRemoveCommand;
import org.ringfs.cli.local.StartCommand;
import org.ringfs.cli.local.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

/**
 * {@code ringfs}: the one entry point of every role and tool. The server roles (meta, data, and
 * the fronts later) are found with {@link ServiceLoader} so this module needs no compile-time
 * dependency on them.
 */
@Command(name = "ringfs", mixinStandardHelpOptions = true, versionProvider = RingFsVersion.class,
        description = "RingFS, a replicated network drive: run a local cluster, its servers, and file and repair tools.",
        subcommands = {
                UpCommand.class, DownCommand.class, CrashCommand.class, StartCommand.class, StatusCommand.class,
                PutCommand.class, GetCommand.class, LsCommand.class, MkdirCommand.class, MvCommand.class,
                RmCommand.class, StatCommand.class, LnCommand.class,
                FsckCommand.class, InjectCommand.class, MetricsTokenCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Callable<Integer> {

    private static final String LOGBACK_STATUS_LISTENER = "logback.statusListenerClass";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        quietLogbackStartup();
        int code = commandLine().execute(args);
        // A foreground role (a server, `up` without --detach) returns only when it is done.
        System.exit(code);
    }

    /**
     * Logback prints its own start-up report on stdout when a resource is on the classpath twice,
     * which would corrupt `ringfs get FILE -`. Set before the first logger exists.
     */
    private static void quietLogbackStartup() {
        if (System.getProperty(LOGBACK_STATUS_LISTENER) == null) {
            System.setProperty(LOGBACK_STATUS_LISTENER, "ch.qos.logback.core.status.NopStatusListener");
        }
    }

    /** The root command with every subcommand, error handling and exit codes wired in. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        Iterator<RoleCommand> roles = ServiceLoader.load(RoleCommand.class).iterator();
        while (true) {
            try {
                if (!roles.hasNext()) break;
                cli.addSubcommand(roles.next());
            } catch (ServiceConfigurationError e) {
                // One broken role (a jar built half way) must not take every other command down with it.
                System.err.println("ringfs: a server role is unavailable: " + e.getMessage());
            }
        }
        // `ringfs data retire NAME` talks to meta: it lives here, under the data server's role when it is there.
        CommandLine data = cli.getSubcommands().get("data");
        if (data != null) data.addSubcommand(new RetireCommand());
        // `ringfs meta add` and `ringfs meta remove NAME` change a local cluster's meta group, under meta's role likewise.
        CommandLine meta = cli.getSubcommands().get("meta");
        if (meta != null) {
            meta.addSubcommand(new MetaAddCommand());
            meta.addSubcommand(new MetaRemoveCommand());
        }
        cli.setExecutionExceptionHandler(new FailureReporter());
        giveVersion(cli);
        return cli;
    }

    /** `ringfs <any command> --version` prints RingFS's version, not nothing. */
    private static void giveVersion(CommandLine cli) {
        if (cli.getCommandSpec().version().length == 0) {
            cli.getCommandSpec().versionProvider(new RingFsVersion());
        }
        cli.getSubcommands().values().forEach(Main::giveVersion);
    }

    /** {@code ringfs} alone: say what is missing and show the commands, as any usage error does. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
    }
}
