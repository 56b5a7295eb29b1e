package org.ringfs.e2e.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 through ./ringfs: `up` starts a meta group of three by default, `status` shows every
 * member with one master, `crash meta-K` and `start meta-K` (the master too: another takes over),
 * `meta add` and `meta remove` (the master refused), then `down` and `up` again on the same DIR.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class MetaMembersLauncherTest {
    private static final Pattern MEMBER_ROW = Pattern.compile("^(meta-[0-9]+) +(\\S+) +(master|replica|unknown|no-answer|not-in-group|DOWN) .*$",
            Pattern.MULTILINE);

    @TempDir
    Path work;

    @Test
    void upStartsThreeMembersThatStatusShowsAndTheCommandsChange() throws Exception {
        DetachedCluster cluster = DetachedCluster.start(work, "--data-servers", "3", "--block-size", "65536", "--no-webdav");
        try {
            assertThat(cluster.up.out()).contains("a meta group of 3 members at " + cluster.metaAddress());
            assertThat(cluster.metaAddress().split(",")).hasSize(3);
            for (String name : List.of("meta-1", "meta-2", "meta-3")) {
                assertThat(cluster.process(name)).as(name + " runs").isPresent();
                assertThat(cluster.dir.resolve(name).resolve("command")).exists();
            }
            assertThat(cluster.dir.resolve("meta")).doesNotExist();
            String status = cluster.ok("status").out();
            assertThat(roles(status)).as(status).hasSize(3).containsValue("master");
            assertThat(roles(status).values().stream().filter("master"::equals)).as(status).hasSize(1);
            assertThat(status).contains("3 of 3 up").contains("3 of 3 data servers alive");

            Path file = work.resolve("hello.txt");
            Files.writeString(file, "kept through every change of the group\n");
            cluster.ok("put", file.toString(), "/hello.txt");

            // The master crashes: another takes over, status names the one that is down, writes go on.
            String master = master(status);
            assertThat(cluster.ok("crash", master).out()).contains("crashed " + master);
            status = cluster.ok("status").out();
            assertThat(roles(status).get(master)).as(status).isEqualTo("DOWN");
            assertThat(status).contains("meta members down: " + master);
            assertThat(master(status)).isNotEqualTo(master);
            cluster.ok("mkdir", "/while-" + master + "-down");
            assertThat(cluster.ok("start", master).out()).contains("started " + master);
            status = cluster.ok("status").out();
            assertThat(roles(status).values()).as(status).doesNotContain("DOWN");

            // meta add: meta-4 joins; meta remove: it leaves, its store moved aside; the master is refused.
            String added = cluster.ok("meta", "add").out();
            assertThat(added).contains("added meta-4").contains("the meta group has 4 members");
            assertThat(roles(cluster.ok("status").out())).containsKeys("meta-4");
            assertThat(properties(cluster)).contains("meta.members=meta-1,meta-2,meta-3,meta-4");
            String current = master(cluster.ok("status").out());
            RingFsProcess.Result refused = cluster.run("meta", "remove", current);
            assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(1);
            assertThat(refused.err()).contains(current + " is the meta group's master: it is not removed");
            String removable = current.equals("meta-4") ? "meta-3" : "meta-4";
            assertThat(cluster.ok("meta", "remove", removable).out()).contains("removed " + removable + " from the meta group");
            assertThat(roles(cluster.ok("status").out())).hasSize(3).doesNotContainKey(removable);
            assertThat(cluster.process(removable)).isEmpty();
            try (var aside = Files.list(cluster.dir)) {
                assertThat(aside.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith(removable + ".removed-"));
            }
            // Two of three down: status shows the meta section, no master, who is down, and exits 1.
            List<String> left = List.copyOf(roles(cluster.ok("status").out()).keySet());
            String masterNow = master(cluster.ok("status").out());
            String other = left.stream().filter(n -> !n.equals(masterNow)).findFirst().orElseThrow();
            cluster.ok("crash", masterNow);
            cluster.ok("crash", other);
            RingFsProcess.Result noMaster = cluster.run("status");
            assertThat(noMaster.exitCode()).as(noMaster.describe()).isEqualTo(1);
            assertThat(noMaster.out()).contains("NO MASTER").contains("1 of 3 up").contains("meta: no master; down: ");
            assertThat(noMaster.err()).contains("the meta group has no master");
            assertThat(roles(noMaster.out()).get(masterNow)).isEqualTo("DOWN");
            cluster.ok("start", other);
            assertThat(cluster.ok("status").out()).contains("2 of 3 up");
            cluster.ok("start", masterNow);

            RingFsProcess.Result unknown = cluster.run("meta", "remove", "meta-9");
            assertThat(unknown.exitCode()).isEqualTo(1);
            assertThat(unknown.err()).contains("meta-9 is not a member of the meta group");
            assertThat(cluster.ok("meta", "add", "--help").out()).contains("Usage: ringfs meta add");
            assertThat(cluster.ok("meta", "remove", "--help").out()).contains("Usage: ringfs meta remove");
        } finally {
            cluster.close(); // down
        }
        // A second up on the same DIR restarts the group's members; nothing acknowledged is lost.
        DetachedCluster again = DetachedCluster.start(work, "--no-webdav");
        try {
            String status = again.ok("status").out();
            assertThat(roles(status)).as(status).hasSize(3).containsValue("master").doesNotContainValue("DOWN");
            assertThat(again.ok("get", "/hello.txt", "-").out()).isEqualTo("kept through every change of the group\n");
            assertThat(again.ok("ls", "/").out()).contains("while-");
        } finally {
            again.close();
        }
    }

    private static java.util.Map<String, String> roles(String status) {
        java.util.Map<String, String> roles = new java.util.LinkedHashMap<>();
        Matcher m = MEMBER_ROW.matcher(status);
        while (m.find()) roles.put(m.group(1), m.group(3));
        return roles;
    }

    private static String master(String status) {
        return roles(status).entrySet().stream().filter(e -> e.getValue().equals("master")).map(java.util.Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("no master in:\n" + status));
    }

    private static String properties(DetachedCluster cluster) throws Exception {
        return Files.readString(cluster.dir.resolve("cluster.properties"), StandardCharsets.UTF_8);
    }
}
