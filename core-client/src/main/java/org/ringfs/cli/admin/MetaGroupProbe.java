package org.ringfs.cli.admin;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaMember;
import org.ringfs.api.RingFsException;
import org.ringfs.security.RequestSigner;
import org.ringfs.transport.MetaClient;

import javax.net.ssl.SSLContext;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the members of a meta group say of the group, each asked once ({@code metaMembers}, which
 * any member answers): whom the master names, each member's role, lag and term, and which members do
 * not answer. Used by {@code ringfs status} and {@code ringfs meta remove}; never waits for an
 * election, so it answers within a few call timeouts even with most of the group down.
 */
public final class MetaGroupProbe {
    private static final String ROW = "%-10s %-22s %-12s %6s %6s%n";

    private final List<String> addresses;
    /** Call address to that member's answer, for the members that answered. */
    private final Map<String, List<MetaMember>> answers = new LinkedHashMap<>();
    /** Call address to why that member gave no answer. */
    private final Map<String, String> silent = new LinkedHashMap<>();
    /** Members that gave no answer but accept connections: up, busy (an election, a restore), not down. */
    private final java.util.Set<String> listening = new java.util.HashSet<>();
    private boolean single;
    /** Call address to member name, where the caller knows them (a local cluster's record). */
    private Map<String, String> knownNames = Map.of();

    private MetaGroupProbe(List<String> addresses) {
        this.addresses = List.copyOf(addresses);
    }

    /** The members of a comma-separated meta address list (spaces dropped). */
    public static List<String> split(String metaAddress) {
        List<String> out = new ArrayList<>();
        for (String a : metaAddress.split(",")) {
            if (!a.isBlank()) out.add(a.trim());
        }
        return out;
    }

    /** Asks every member at {@code addresses} once. */
    public static MetaGroupProbe probe(List<String> addresses, Duration timeout, RequestSigner signer, SSLContext tls) {
        MetaGroupProbe probe = new MetaGroupProbe(addresses);
        for (String address : addresses) {
            try {
                probe.answers.put(address, MetaClient.connect(address, timeout, signer, tls).metaMembers());
            } catch (RingFsException e) {
                // A meta that runs no group (before groups: it does not know the call).
                if (e.code() == ErrorCode.NOT_SUPPORTED && addresses.size() == 1) probe.single = true;
                probe.silent.put(address, e.getMessage());
                if (accepts(address)) probe.listening.add(address);
            }
        }
        return probe;
    }

    /** Whether something accepts a TCP connection at HOST:PORT within a second: the member's process is up. */
    private static boolean accepts(String address) {
        int colon = address.lastIndexOf(':');
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(address.substring(0, colon),
                    Integer.parseInt(address.substring(colon + 1))), 1000);
            return true;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether the member at {@code address} runs: it answered, or it accepts connections. */
    public boolean up(String address) {
        return answers.containsKey(address) || listening.contains(address);
    }

    /** Names the members at these call addresses (a local cluster's record), for rows of members that are down. */
    public MetaGroupProbe naming(Map<String, String> namesByAddress) {
        this.knownNames = Map.copyOf(namesByAddress);
        return this;
    }

    /** One meta that is no group member at all (answers no group call); the status shows no group then. */
    public boolean singleMeta() {
        return single;
    }

    /**
     * The group as the member that answered and counts itself master sees it; else as the first
     * member that answered; empty when none answered.
     */
    public List<MetaMember> view() {
        for (Map.Entry<String, List<MetaMember>> e : answers.entrySet()) {
            if (self(e.getKey(), e.getValue()).map(m -> m.role() == MetaMember.Role.MASTER).orElse(false)) return e.getValue();
        }
        return answers.isEmpty() ? List.of() : answers.values().iterator().next();
    }

    /** The master: a member that answered and counts itself master. */
    public Optional<MetaMember> master() {
        for (Map.Entry<String, List<MetaMember>> e : answers.entrySet()) {
            Optional<MetaMember> self = self(e.getKey(), e.getValue());
            if (self.isPresent() && self.get().role() == MetaMember.Role.MASTER) return self;
        }
        return Optional.empty();
    }

    /** Whether the member called at {@code address} answered. */
    public boolean answered(String address) {
        return answers.containsKey(address);
    }

    /** The members asked, by call address. */
    public List<String> addresses() {
        return addresses;
    }

    /** Call address to why it gave no answer. */
    public Map<String, String> silent() {
        return silent;
    }

    /** The entry a member gives of itself (matched by its call address). */
    private static Optional<MetaMember> self(String address, List<MetaMember> view) {
        return view.stream().filter(m -> m.callAddress().equals(address)).findFirst();
    }

    /**
     * Prints the meta section of {@code ringfs status}: a line on the group, one row per member
     * (the members the group knows, then any address asked that it does not know), and who is down.
     *
     * @return true when the group has a master now
     */
    public boolean print(PrintWriter out) {
        List<MetaMember> view = view();
        Optional<MetaMember> master = master();
        int size = Math.max(view.size(), addresses.size());
        int up = answers.size() + listening.size();
        out.println("meta group of " + size + " members: " + master.map(m -> "master " + m.name() + " (term " + m.term() + ")")
                .orElse("NO MASTER") + ", " + up + " of " + size + " up");
        out.printf(ROW, "MEMBER", "ADDRESS", "ROLE", "LAG", "TERM");
        List<String> down = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (MetaMember m : view) {
            // A member that is down may not have told this one its call address: the caller's record may know it.
            String address = !m.callAddress().isEmpty() ? m.callAddress() : knownNames.entrySet().stream()
                    .filter(e -> e.getValue().equals(m.name())).map(Map.Entry::getKey).findFirst().orElse("");
            boolean isUp = answered(address);
            shown.add(address);
            if (!up(address)) down.add(m.name());
            String role = isUp ? m.role().name().toLowerCase() : up(address) ? "no-answer" : "DOWN";
            out.printf(ROW, m.name(), address.isEmpty() ? "-" : address, role,
                    isUp && m.lag() >= 0 ? Long.toString(m.lag()) : "-", isUp && m.term() >= 0 ? Long.toString(m.term()) : "-");
        }
        for (String a : addresses) {
            if (shown.contains(a)) continue;
            String name = knownNames.getOrDefault(a, "?");
            if (!up(a)) down.add(knownNames.getOrDefault(a, a));
            out.printf(ROW, name, a, answers.containsKey(a) ? "not-in-group" : up(a) ? "no-answer" : "DOWN", "-", "-");
        }
        int majority = size / 2 + 1;
        if (master.isEmpty()) {
            out.println("meta: no master" + (down.isEmpty() ? " (an election is running)" : "; down: " + String.join(", ", down))
                    + ". Meta refuses every change until " + majority + " of " + size
                    + " members are up and have elected one; start the members that are down.");
        }
        if (!listening.isEmpty()) {
            for (String a : listening) {
                out.println("meta member " + knownNames.getOrDefault(a, a) + " runs but did not answer: " + silent.get(a));
            }
        }
        if (master.isPresent() && !down.isEmpty()) {
            out.println("meta members down: " + String.join(", ", down) + " (meta serves while " + majority + " of " + size
                    + " are up; start them with `ringfs start NAME`)");
        }
        return master.isPresent();
    }
}
