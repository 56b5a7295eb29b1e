package org.ringfs.meta.store;

import com.sleepycat.je.Durability;
import com.sleepycat.je.rep.NoConsistencyRequiredPolicy;
import com.sleepycat.je.rep.ReplicationConfig;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The settings of one member of a meta group (a JE replication group): the group's name
 * ({@code "ringfs-" + cluster id}), this member's node name and replication address (JE's node
 * HOST:PORT), and the helpers' replication addresses a joining member asks for the group (a founder
 * names only itself, or nothing). The timeouts are short so a failover takes seconds, not minutes.
 */
public record Replication(String groupName, String nodeName, String hostPort, List<String> helpers) {

    /** A commit is acknowledged by a majority of the group's members; each writes it without syncing. */
    public static final Durability DURABILITY = new Durability(Durability.SyncPolicy.WRITE_NO_SYNC,
            Durability.SyncPolicy.WRITE_NO_SYNC, Durability.ReplicaAckPolicy.SIMPLE_MAJORITY);

    /** What JE accepts as a group or node name. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    public Replication {
        if (groupName == null || groupName.isBlank()) throw new IllegalArgumentException("a meta group needs a name");
        if (nodeName == null || nodeName.isBlank()) throw new IllegalArgumentException("a meta member needs a node name");
        if (hostPort == null || hostPort.isBlank()) throw new IllegalArgumentException("a meta member needs a replication address");
        if (!NAME.matcher(groupName).matches()) {
            throw new IllegalArgumentException("a meta group's name is letters, digits, '-', '_' and '.', not '" + groupName + "'");
        }
        if (!NAME.matcher(nodeName).matches()) {
            throw new IllegalArgumentException("a meta member's name is letters, digits, '-', '_' and '.', not '" + nodeName + "'");
        }
        helpers = List.copyOf(helpers);
    }

    /** The group of the cluster {@code clusterId}. */
    public static String groupOf(String clusterId) { return "ringfs-" + clusterId; }

    ReplicationConfig config() {
        ReplicationConfig rc = new ReplicationConfig(groupName, nodeName, hostPort);
        // A founder lists itself (or nobody): it then starts the group alone.
        rc.setHelperHosts(helpers.isEmpty() ? hostPort : String.join(",", helpers));
        // Reads see what this member has; only the master serves, and a digest reads the local copy.
        rc.setConsistencyPolicy(NoConsistencyRequiredPolicy.NO_CONSISTENCY);
        // A member that had a store opens it in UNKNOWN state after 5 s rather than waiting forever for a master.
        rc.setConfigParam(ReplicationConfig.ENV_UNKNOWN_STATE_TIMEOUT, "5 s");
        rc.setConfigParam(ReplicationConfig.FEEDER_TIMEOUT, "6 s");
        rc.setConfigParam(ReplicationConfig.REPLICA_TIMEOUT, "6 s");
        rc.setConfigParam(ReplicationConfig.INSUFFICIENT_REPLICAS_TIMEOUT, "3 s");
        rc.setConfigParam(ReplicationConfig.REPLICA_ACK_TIMEOUT, "3 s");
        rc.setConfigParam(ReplicationConfig.ELECTIONS_PRIMARY_RETRIES, "2");
        rc.setConfigParam("je.rep.electionsRebroadcastPeriod", "1 s");
        rc.setConfigParam("je.rep.electionsOpenTimeout", "1 s");
        rc.setConfigParam("je.rep.electionsReadTimeout", "2 s");
        rc.setConfigParam("je.rep.heartbeatInterval", "500");
        return rc;
    }
}
