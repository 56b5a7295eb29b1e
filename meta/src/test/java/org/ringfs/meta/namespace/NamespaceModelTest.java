package org.ringfs.meta.namespace;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.meta.MetaFixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of mkdir, create, rename, unlink and rmdir on a few short names give the same
 * errors and the same tree as a plain in-memory model of POSIX, and directory link counts stay
 * 2 + subdirectories.
 */
class NamespaceModelTest {

    enum Kind { MKDIR, CREATE, UNLINK, RMDIR, RENAME }

    record Op(Kind kind, String path, String to) {
        @Override public String toString() { return kind + " " + path + (kind == Kind.RENAME ? " -> " + to : ""); }
    }

    @Property(tries = 40)
    void metaBehavesLikeTheModel(@ForAll("scripts") List<Op> script) throws Exception {
        Path dir = Files.createTempDirectory("meta-model");
        try (MetaFixture fx = new MetaFixture(dir)) {
            MetaService meta = fx.meta;
            Model model = new Model();
            for (Op op : script) {
                ErrorCode expected = model.apply(op);
                ErrorCode actual = run(meta, op);
                assertThat(actual).as("%s", op).isEqualTo(expected);
            }
            Map<String, Boolean> tree = new TreeMap<>();
            walk(meta, "", tree);
            assertThat(tree).isEqualTo(model.entries);
        } finally {
            deleteTree(dir);
        }
    }

    private static ErrorCode run(MetaService meta, Op op) {
        try {
            switch (op.kind()) {
                case MKDIR -> meta.mkdir(op.path(), 0755, 0, 0);
                case CREATE -> meta.create(op.path(), 0644, 0, 0, true);
                case UNLINK -> meta.unlink(op.path());
                case RMDIR -> meta.rmdir(op.path());
                case RENAME -> meta.rename(op.path(), op.to());
            }
            return null;
        } catch (RingFsException e) {
            return e.code();
        }
    }

    /** Lists the whole tree, checking every directory's nlink on the way. */
    private static void walk(MetaService meta, String path, Map<String, Boolean> out) throws RingFsException {
        int subdirs = 0;
        for (DirectoryEntry e : meta.list(path.isEmpty() ? "/" : path)) {
            String child = path + "/" + e.name();
            out.put(child, e.attributes().isDirectory());
            if (e.attributes().isDirectory()) {
                subdirs++;
                walk(meta, child, out);
            }
        }
        assertThat(meta.stat(path.isEmpty() ? "/" : path).nlink()).as("nlink of %s", path).isEqualTo(2 + subdirs);
    }

    @Provide
    Arbitrary<List<Op>> scripts() {
        Arbitrary<String> paths = Arbitraries.of("a", "b", "c").list().ofMinSize(1).ofMaxSize(3)
                .map(names -> "/" + String.join("/", names));
        Arbitrary<Op> ops = Combinators.combine(Arbitraries.of(Kind.class), paths, paths).as(Op::new);
        return ops.list().ofMinSize(1).ofMaxSize(30);
    }

    /** POSIX on a map from path to "is a directory". */
    static final class Model {
        final Map<String, Boolean> entries = new TreeMap<>();

        ErrorCode apply(Op op) {
            try {
                switch (op.kind()) {
                    case MKDIR -> add(op.path(), true);
                    case CREATE -> add(op.path(), false);
                    case UNLINK -> {
                        Boolean dir = lookup(op.path());
                        if (dir) throw fail(ErrorCode.IS_DIRECTORY);
                        entries.remove(op.path());
                    }
                    case RMDIR -> {
                        Boolean dir = lookup(op.path());
                        if (!dir) throw fail(ErrorCode.NOT_DIRECTORY);
                        if (!children(op.path()).isEmpty()) throw fail(ErrorCode.NOT_EMPTY);
                        entries.remove(op.path());
                    }
                    case RENAME -> rename(op.path(), op.to());
                }
                return null;
            } catch (Failure f) {
                return f.code;
            }
        }

        private void add(String path, boolean dir) throws Failure {
            checkParent(path);
            if (entries.containsKey(path)) throw fail(ErrorCode.EXISTS);
            entries.put(path, dir);
        }

        private void rename(String from, String to) throws Failure {
            boolean dir = lookup(from);
            if (dir && to.startsWith(from + "/")) throw fail(ErrorCode.INVALID);
            checkParent(to);
            Boolean target = entries.get(to);
            if (target != null) {
                if (from.equals(to)) return;
                if (dir && !target) throw fail(ErrorCode.NOT_DIRECTORY);
                if (dir && !children(to).isEmpty()) throw fail(ErrorCode.NOT_EMPTY);
                if (!dir && target) throw fail(ErrorCode.IS_DIRECTORY);
                entries.remove(to);
            }
            Map<String, Boolean> moved = new TreeMap<>();
            for (Map.Entry<String, Boolean> e : entries.entrySet()) {
                if (e.getKey().equals(from) || e.getKey().startsWith(from + "/")) moved.put(e.getKey(), e.getValue());
            }
            moved.keySet().forEach(entries::remove);
            moved.forEach((p, d) -> entries.put(to + p.substring(from.length()), d));
        }

        /** The entry's kind, after the same checks as resolving it. */
        private Boolean lookup(String path) throws Failure {
            checkParent(path);
            Boolean dir = entries.get(path);
            if (dir == null) throw fail(ErrorCode.NOT_FOUND);
            return dir;
        }

        private void checkParent(String path) throws Failure {
            String[] names = path.substring(1).split("/");
            StringBuilder at = new StringBuilder();
            for (int i = 0; i < names.length - 1; i++) {
                at.append('/').append(names[i]);
                Boolean dir = entries.get(at.toString());
                if (dir == null) throw fail(ErrorCode.NOT_FOUND);
                if (!dir) throw fail(ErrorCode.NOT_DIRECTORY);
            }
        }

        private List<String> children(String dir) {
            List<String> out = new ArrayList<>();
            for (String p : entries.keySet()) if (p.startsWith(dir + "/")) out.add(p);
            return out;
        }

        private static Failure fail(ErrorCode code) { return new Failure(code); }
    }

    static final class Failure extends Exception {
        final ErrorCode code;

        Failure(ErrorCode code) {
            super(code.name(), null, false, false);
            this.code = code;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
