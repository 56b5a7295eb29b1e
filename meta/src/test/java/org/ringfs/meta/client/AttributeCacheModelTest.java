package org.ringfs.meta.client;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.FileType;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.api.SetAttributes;
import org.ringfs.client.ClientSettings;
import org.ringfs.client.RingFsClient;
import org.ringfs.meta.server.MetaServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's own changes are seen at once: random sequences of namespace operations through a
 * RingFsClient whose attribute cache would keep anything for an hour, against meta itself as the
 * model. After every operation a third of the paths (another third each time) are checked: their
 * stat through the client equals meta's (or fails the same way), and a directory's listing too.
 * At the end every path is.
 */
class AttributeCacheModelTest {
    static Path dir;
    static MetaServer server;
    static MetaService meta;
    static RingFsClient client;
    static final AtomicInteger tries = new AtomicInteger();

    static final List<String> NAMES = List.of("a", "b", "x");

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("attr-cache-model");
        server = MetaServer.builder().dir(dir).port(0).blockSize(1024).initialRing(List.of("data-1", "data-2", "data-3"))
                .start();
        meta = server.service();
        client = new RingFsClient(ClientSettings.defaults(server.address()).withAttributeTtl(Duration.ofHours(1)), meta);
    }

    @AfterContainer
    static void stop() throws IOException {
        client.close();
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    enum Kind { MKDIR, CREATE, TRUNCATE, RENAME, UNLINK, RMDIR, REMOVE_TREE, CHMOD, LINK, SYMLINK, STAT, LIST }

    record Op(Kind kind, int from, int to, int number) {}

    @Provide
    Arbitrary<List<Op>> programs() {
        Arbitrary<Integer> path = Arbitraries.integers().between(0, 100);
        // names that meet often (link, then unlink of either name) come more often than the rest
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(Kind.CREATE)), Tuple.of(4, Arbitraries.just(Kind.LINK)),
                Tuple.of(4, Arbitraries.just(Kind.UNLINK)), Tuple.of(3, Arbitraries.just(Kind.STAT)),
                Tuple.of(6, Arbitraries.of(Kind.class)));
        return Combinators.combine(kinds, path, path, Arbitraries.integers().between(0, 5000))
                .as(Op::new).list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 200)
    void ownChangesAreSeenAtOnce(@ForAll("programs") List<Op> program) throws RingFsException {
        String root = "/t" + tries.incrementAndGet();
        client.mkdir(root, 0755, 0, 0);
        List<String> paths = new ArrayList<>();
        paths.add(root);
        for (String n : NAMES) {
            paths.add(root + "/" + n);
            for (String m : NAMES) paths.add(root + "/" + n + "/" + m);
        }
        for (Op op : program) {
            String p = pick(paths, op.from);
            String q = pick(paths, op.to);
            try {
                apply(op, p, q);
            } catch (RingFsException e) {
                // refused operations are part of the program too: nothing may have changed
            }
            // some paths each time, so that others stay uncached (or cached from long before)
            for (int i = 0; i < paths.size(); i++) if ((i + op.number) % 3 == 0) assertSameAsMeta(paths.get(i), op);
        }
        for (String each : paths) assertSameAsMeta(each, program.get(program.size() - 1));
    }

    /** A second name removed while uncached: the first name's cached nlink must go. */
    @Example
    void anUncachedSecondNameIsRemoved() throws RingFsException {
        String root = "/e" + tries.incrementAndGet();
        client.mkdir(root, 0755, 0, 0);
        client.create(root + "/a", 0644, 0, 0, true).close();
        client.link(root + "/a", root + "/b");
        assertThat(client.stat(root + "/a").nlink()).isEqualTo(2);
        client.unlink(root + "/b");
        assertThat(client.stat(root + "/a")).isEqualTo(meta.stat(root + "/a"));
    }

    /** Mostly the names right below the root, so that operations meet each other often. */
    private static String pick(List<String> paths, int n) {
        if (n < 70) return paths.get(1 + (n % NAMES.size()) * (NAMES.size() + 1));
        return paths.get(1 + n % (paths.size() - 1));
    }

    private static void apply(Op op, String p, String q) throws RingFsException {
        switch (op.kind) {
            case MKDIR -> client.mkdir(p, 0755, 0, 0);
            case CREATE -> client.create(p, 0644, 0, 0, false).close();
            case TRUNCATE -> client.truncate(p, op.number);
            case RENAME -> client.rename(p, q);
            case UNLINK -> client.unlink(p);
            case RMDIR -> client.rmdir(p);
            case REMOVE_TREE -> client.removeTree(p);
            case CHMOD -> client.setAttributes(p, new SetAttributes(op.number & 0777, null, null, null, null));
            case LINK -> client.link(p, q);
            case SYMLINK -> client.symlink(p, "target", 0, 0);
            case STAT -> client.stat(p);
            case LIST -> client.list(p);
        }
    }

    private static void assertSameAsMeta(String path, Op after) {
        Object truth = statOrCode(() -> meta.stat(path));
        Object seen = statOrCode(() -> client.stat(path));
        assertThat(seen).as("stat %s after %s", path, after).isEqualTo(truth);
        if (truth instanceof InodeAttributes a && a.type() == FileType.DIRECTORY) {
            Object listed = statOrCode(() -> client.list(path));
            assertThat(listed).as("list %s after %s", path, after).isEqualTo(statOrCode(() -> meta.list(path)));
            if (listed instanceof List<?> entries) {
                for (Object e : entries) {
                    DirectoryEntry d = (DirectoryEntry) e;
                    String child = path + "/" + d.name();
                    assertThat(statOrCode(() -> client.stat(child))).isEqualTo(statOrCode(() -> meta.stat(child)));
                }
            }
        }
    }

    interface Call {
        Object run() throws RingFsException;
    }

    private static Object statOrCode(Call call) {
        try {
            return call.run();
        } catch (RingFsException e) {
            return e.code();
        }
    }
}
