package org.ringfs.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a client names meta: one HOST:PORT, or the members of a meta group as a comma-separated
 * list of them ({@code --meta A:7000,B:7000,C:7000}, {@code meta.address=...} in a local cluster's
 * properties). Spaces around a member are dropped.
 */
public final class MetaAddresses {
    /** A host name or IPv4 address, or an IPv6 address in brackets; then the port. */
    private static final Pattern HOST_PORT = Pattern.compile("(?:[^\\s:,/\\[\\]]+|\\[[0-9A-Fa-f:.]+\\]):([0-9]{1,5})");

    private MetaAddresses() {}

    /**
     * The members {@code list} names, in its order.
     *
     * @param what names the list in the error, e.g. {@code --meta}
     * @throws IllegalArgumentException (a usage error) for an empty list, an entry that is not
     *                                  HOST:PORT with a port of 1 to 65535, or a member named twice
     */
    public static List<String> parse(String list, String what) {
        if (list == null || list.isBlank()) {
            throw new IllegalArgumentException(what + " wants HOST:PORT or a comma-separated list of them, not nothing");
        }
        List<String> members = new ArrayList<>();
        for (String entry : list.split(",", -1)) {
            String member = entry.trim();
            if (!isHostPort(member)) {
                throw new IllegalArgumentException(what + " wants HOST:PORT or a comma-separated list of them: '"
                        + member + "' in '" + list + "' is not HOST:PORT");
            }
            if (members.contains(member)) {
                throw new IllegalArgumentException(what + " names meta member " + member + " twice in '" + list + "'");
            }
            members.add(member);
        }
        return List.copyOf(members);
    }

    /** Whether {@code address} is one HOST:PORT with a port of 1 to 65535. */
    public static boolean isHostPort(String address) {
        var m = HOST_PORT.matcher(address);
        if (!m.matches()) return false;
        int port = Integer.parseInt(m.group(1));
        return port >= 1 && port <= 65535;
    }
}
