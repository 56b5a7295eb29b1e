package org.ringfs.transport;

import java.util.List;

/**
 * The meta members a client was given and the one it sends to: the member it last found to be
 * master (at first the first member). Shared by every thread of one client; a call that is answered
 * moves it there.
 */
final class MetaRoute {
    private final List<String> members;
    private volatile String current;

    /** @param members at least one HOST:PORT, each once */
    MetaRoute(List<String> members) {
        if (members.isEmpty()) throw new IllegalArgumentException("no meta member");
        this.members = List.copyOf(members);
        this.current = this.members.get(0);
    }

    List<String> members() { return members; }

    /** More than one member: failover among them is possible. */
    boolean group() { return members.size() > 1; }

    /** Where a call goes first: the member that answered last. */
    String current() { return current; }

    /** {@code address} answered a call: the next calls go there. */
    void answeredBy(String address) { current = address; }

    /**
     * The member after {@code address} in the given order, round the end; the first member for an
     * address that is not one of them (a master some member named).
     */
    String after(String address) {
        int i = members.indexOf(address);
        return members.get((i + 1) % members.size());
    }

    @Override
    public String toString() { return String.join(",", members); }
}
