package org.ringfs.e2e.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.cli.RoleCommand;
import org.ringfs.data.server.DataServer;
import org.ringfs.data.server.DataServerCommand;
import org.ringfs.meta.server.MetaServer;
import org.ringfs.meta.server.MetaServerCommand;
import org.ringfs.webdav.server.WebDavCommand;
import picocli.CommandLine;

import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every role that listens binds 127.0.0.1 unless told otherwise; the others open no port. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class LoopbackByDefaultTest {
    @TempDir Path dir;

    static String defaultListen(Object command) {
        CommandLine.Model.OptionSpec listen = new CommandLine(command).getCommandSpec().findOption("--listen");
        if (listen == null) return null;
        // A server command's shared options take their default address as the field's initial value.
        return listen.defaultValue() != null ? listen.defaultValue() : (String) listen.initialValue();
    }

    @Test
    void everyListeningRoleDefaultsToLoopback() {
        assertThat(defaultListen(new MetaServerCommand())).startsWith("127.0.0.1:");
        assertThat(defaultListen(new DataServerCommand())).startsWith("127.0.0.1:");
        assertThat(defaultListen(new WebDavCommand())).startsWith("127.0.0.1:");
        // Any role added later: if it takes --listen, its default is loopback too.
        for (RoleCommand role : ServiceLoader.load(RoleCommand.class)) {
            String listen = defaultListen(role);
            if (listen != null) assertThat(listen).as(role.getClass().getSimpleName()).startsWith("127.0.0.1:");
        }
    }

    @Test
    void serversBuiltWithoutAHostAreOnlyReachableOnLoopback() throws Exception {
        try (MetaServer meta = MetaServer.builder().dir(dir.resolve("meta")).start();
             DataServer data = DataServer.builder().name("d").dir(dir.resolve("d")).scrubInterval(Duration.ZERO).start()) {
            assertThat(meta.address()).startsWith("127.0.0.1:");
            assertThat(data.address()).startsWith("127.0.0.1:");
            String external = externalAddress();
            if (external == null) return; // a host with loopback only: nothing more to prove
            for (int port : new int[] {meta.port(), data.port()}) {
                assertThatThrownBy(() -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(external, port), 2000);
                    }
                }).as("port %d on %s", port, external).isInstanceOf(java.io.IOException.class);
            }
        }
    }

    /** An address of this host other than loopback, or null. */
    private static String externalAddress() throws Exception {
        return NetworkInterface.networkInterfaces()
                .filter(LoopbackByDefaultTest::upAndNotLoopback)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof java.net.Inet4Address)
                .map(java.net.InetAddress::getHostAddress).findFirst().orElse(null);
    }

    private static boolean upAndNotLoopback(NetworkInterface i) {
        try {
            return i.isUp() && !i.isLoopback();
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }
}
