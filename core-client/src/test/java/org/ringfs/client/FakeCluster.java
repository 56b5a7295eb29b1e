package org.ringfs.client;

import org.ringfs.api.BlockKey;
import org.ringfs.api.MetaService;
import org.ringfs.placement.Placement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A meta and N data servers in memory, and clients over them: client logic tests without processes. */
public final class FakeCluster implements AutoCloseable {
    public final FakeMeta meta;
    public final Map<String, FakeDataServer> servers = new LinkedHashMap<>();
    private final List<RingFsClient> clients = new ArrayList<>();

    public FakeCluster(int dataServers, int blockSize) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= dataServers; i++) names.add("data-" + i);
        for (String n : names) servers.put(n, new FakeDataServer(n));
        meta = new FakeMeta(blockSize, names);
    }

    public static ClientSettings settings() {
        return ClientSettings.defaults("fake:0").withReadWait(Duration.ofSeconds(2)).withWriteWait(Duration.ofSeconds(2));
    }

    public RingFsClient client() {
        return client(settings());
    }

    public RingFsClient client(ClientSettings settings) {
        MetaService service = meta.service();
        RingFsClient c = new RingFsClient(settings, service, new ClusterView(service, servers::get));
        clients.add(c);
        return c;
    }

    public FakeDataServer server(String name) { return servers.get(name); }

    /** A new, empty data server joins the ring. */
    public FakeDataServer addServer(String name) {
        FakeDataServer s = new FakeDataServer(name);
        servers.put(name, s);
        meta.join(name);
        return s;
    }

    /** Placement over meta's current ring, retiring servers left out. */
    public Placement placement() { return new Placement(meta.clusterMap().placementNames()); }

    /** The data servers placement puts block {@code key} on, primary first. */
    public List<FakeDataServer> targets(BlockKey key) {
        List<FakeDataServer> out = new ArrayList<>();
        for (String n : placement().targets(key.inode(), key.index())) out.add(servers.get(n));
        return out;
    }

    @Override
    public void close() {
        for (RingFsClient c : clients) c.close();
    }
}
