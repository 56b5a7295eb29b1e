package org.ringfs.meta.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.InodeAttributes;
import org.ringfs.meta.MetaFixture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InodeTableTest {
    @TempDir Path dir;

    @Test
    void aReaderReadsWhatGetReads() throws Exception {
        try (MetaFixture f = new MetaFixture(dir)) {
            f.meta.mkdir("/d", 0755, 0, 0);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 50; i++) ids.add(f.meta.create("/d/f" + i, 0600 + i, i, 2 * i, true).id());
            ids.add(f.meta.stat("/d").id());
            long unknown = ids.stream().mapToLong(Long::longValue).max().orElseThrow() + 1000;
            List<Long> order = new ArrayList<>(ids);
            order.add(0, unknown);
            order.add(unknown);
            java.util.Collections.reverse(order.subList(10, 30)); // not in id order, as a listing's are
            List<InodeAttributes>[] seen = f.store.read(txn -> {
                List<InodeAttributes> byGet = new ArrayList<>();
                List<InodeAttributes> byReader = new ArrayList<>();
                try (InodeTable.Reader reader = txn.inodes().reader()) {
                    for (long id : order) {
                        InodeRecord g = txn.inodes().get(id);
                        InodeRecord r = reader.get(id);
                        byGet.add(g == null ? null : g.attributes());
                        byReader.add(r == null ? null : r.attributes());
                    }
                }
                @SuppressWarnings("unchecked") List<InodeAttributes>[] both = new List[] {byGet, byReader};
                return both;
            });
            assertThat(seen[1]).isEqualTo(seen[0]);
            assertThat(seen[1].get(0)).isNull();
            assertThat(seen[1].get(order.size() - 1)).isNull();
            assertThat(seen[1].stream().filter(a -> a != null).count()).isEqualTo(ids.size());
        }
    }

    @Test
    void aListingGivesEachEntryTheAttributesStatGives() throws Exception {
        try (MetaFixture f = new MetaFixture(dir)) {
            f.meta.mkdir("/d", 0755, 0, 0);
            for (int i = 0; i < 300; i++) f.meta.create("/d/f" + i, 0644, 0, 0, true);
            f.meta.mkdir("/d/sub", 0700, 1, 1);
            f.meta.symlink("/d/link", "f1", 0, 0);
            f.meta.unlink("/d/f7");
            List<DirectoryEntry> listed = f.meta.list("/d");
            assertThat(listed).hasSize(301);
            for (DirectoryEntry e : listed) assertThat(e.attributes()).isEqualTo(f.meta.stat("/d/" + e.name()));
            assertThat(f.meta.listPacked("/d").entries()).isEqualTo(listed);
        }
    }
}
