package org.ringfs.cli.admin;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ringfs.api.BinaryCall;
import org.ringfs.api.MetaMethods;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What `ringfs status` prints of a meta group, from members that answer metaMembers, and one that is down. */
class MetaGroupProbeTest {
    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    private static String closedAddress() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + s.getLocalPort();
        }
    }

    @Test
    void showsEveryMemberWithTheMastersViewAndNamesTheOneThatIsDown() throws Exception {
        String down = closedAddress();
        int masterPort = port(closedAddress());
        int replicaPort = port(closedAddress());
        String master = "127.0.0.1:" + masterPort;
        String replica = "127.0.0.1:" + replicaPort;
        // The master's view knows meta-3 but not its call address (it never told this master): the record names it.
        memberOn(masterPort, "meta-1 SELF MASTER 0 4", "meta-2 " + replica + " REPLICA 2 4", "meta-3 - UNKNOWN -1 -1");
        memberOn(replicaPort, "meta-1 " + master + " MASTER 0 4", "meta-2 SELF REPLICA 0 4", "meta-3 - UNKNOWN -1 -1");

        MetaGroupProbe probe = MetaGroupProbe.probe(List.of(master, replica, down), Duration.ofSeconds(2), null, null)
                .naming(Map.of(master, "meta-1", replica, "meta-2", down, "meta-3"));
        StringWriter text = new StringWriter();
        assertThat(probe.print(new PrintWriter(text, true))).isTrue();
        String out = text.toString();
        assertThat(probe.master().orElseThrow().name()).isEqualTo("meta-1");
        assertThat(out).contains("meta group of 3 members: master meta-1 (term 4), 2 of 3 up")
                .containsPattern("meta-1 +" + master + " +master +0 +4")
                .containsPattern("meta-2 +" + replica + " +replica +2 +4")
                .containsPattern("meta-3 +" + down + " +DOWN +- +-")
                .contains("meta members down: meta-3 (meta serves while 2 of 3 are up");
    }

    @Test
    void withoutAMasterItSaysSoAndWhoIsDown() throws Exception {
        String down1 = closedAddress();
        String down2 = closedAddress();
        String alone = memberOn(port(closedAddress()), "meta-1 - UNKNOWN -1 -1", "meta-2 - UNKNOWN -1 -1",
                "meta-3 SELF UNKNOWN -1 3");
        MetaGroupProbe probe = MetaGroupProbe.probe(List.of(down1, down2, alone), Duration.ofSeconds(2), null, null)
                .naming(Map.of(down1, "meta-1", down2, "meta-2", alone, "meta-3"));
        StringWriter text = new StringWriter();
        assertThat(probe.print(new PrintWriter(text, true))).isFalse();
        assertThat(text.toString()).contains("NO MASTER, 1 of 3 up").contains("meta: no master; down: meta-1, meta-2.")
                .containsPattern("meta-3 +" + alone + " +unknown");
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.indexOf(':') + 1));
    }

    /** A member on {@code port} answering every call with {@code rows}: name, call address (SELF, or - for none), role, lag, term. */
    private String memberOn(int port, String... rows) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        servers.add(server);
        String address = "127.0.0.1:" + port;
        server.createContext(MetaMethods.BINARY_PATH, exchange -> {
            exchange.getRequestBody().readAllBytes();
            List<Object> members = new ArrayList<>();
            for (String row : rows) {
                String[] f = row.replace("SELF", address).split(" ");
                Map<String, Object> member = new HashMap<>();
                member.put("name", f[0]);
                member.put("callAddress", f[1].equals("-") ? "" : f[1]);
                member.put("replicationAddress", "127.0.0.1:1");
                member.put("role", f[2]);
                member.put("lag", Integer.parseInt(f[3]));
                member.put("term", Integer.parseInt(f[4]));
                members.add(member);
            }
            byte[] body = BinaryCall.reply(members.toArray());
            exchange.getResponseHeaders().set("Content-Type", MetaMethods.BINARY_TYPE);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return address;
    }
}
