package org.ringfs.cli.local;

/**
 * One member of a local cluster's meta group as cluster.properties records it: its node name
 * (meta-K, also its directory DIR/meta-K), the address clients call it at, and its replication
 * address (JE's node HOST:PORT, which the other members name as helpers). Both addresses are fixed
 * when the member is first planned and kept across restarts: JE's group knows a member by them.
 */
public record LocalMetaMember(String name, String callAddress, String replicationAddress) {
    public LocalMetaMember {
        if (!LocalMetaGroup.isMemberName(name)) throw new IllegalArgumentException("'" + name + "' is not meta-K");
        ClusterDirectory.checkAddress(callAddress, name + "'s call address");
        ClusterDirectory.checkAddress(replicationAddress, name + "'s replication address");
    }

    /** K of meta-K. */
    public int index() {
        return LocalMetaGroup.indexOf(name);
    }

    /** The port of the call address. */
    public int callPort() {
        return port(callAddress);
    }

    /** The port of the replication address. */
    public int replicationPort() {
        return port(replicationAddress);
    }

    static int port(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }
}
