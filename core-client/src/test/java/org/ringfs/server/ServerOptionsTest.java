package org.ringfs.server;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** The options every server command mixes in: its own default address, one meaning of --listen. */
class ServerOptionsTest {

    @Command(name = "some-server")
    static final class SomeServer implements Callable<Integer> {
        @Mixin
        ServerOptions server = new ServerOptions("127.0.0.1:7000");

        @Override
        public Integer call() {
            return server.port();
        }
    }

    @Test
    void theCommandsDefaultAddressIsUsedAndShown() throws Exception {
        SomeServer command = new SomeServer();
        CommandLine cli = new CommandLine(command);
        cli.parseArgs();
        assertThat(command.server.host()).isEqualTo("127.0.0.1");
        assertThat(command.server.port()).isEqualTo(7000);
        assertThat(command.server.secret()).isNull();
        assertThat(command.server.keystore()).isNull();
        assertThat(cli.getUsageMessage()).contains("(default: 127.0.0.1:7000)")
                .contains("--secret-file").contains("--tls-keystore").contains("--tls-password-file");
    }

    @Test
    void anAddressIsParsed() throws Exception {
        SomeServer command = new SomeServer();
        new CommandLine(command).parseArgs("--listen", "0.0.0.0:0");
        assertThat(command.server.host()).isEqualTo("0.0.0.0");
        assertThat(command.server.port()).isZero();
    }

    @Test
    void aListenWithoutPortIsAUsageError() {
        for (String bad : new String[] {"7000", ":7000", "host:", "host:70000", "host:x"}) {
            int exit = new CommandLine(new SomeServer()).setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()))
                    .execute("--listen", bad);
            assertThat(exit).as(bad).isEqualTo(CommandLine.ExitCode.USAGE);
        }
    }
}
