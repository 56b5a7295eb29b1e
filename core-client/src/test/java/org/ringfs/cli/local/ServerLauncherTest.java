package org.ringfs.cli.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class ServerLauncherTest {

    @Test
    void pinsTheListenPort() {
        List<String> cmd = List.of("java", "org.ringfs.cli.Main", "data", "--listen", "127.0.0.1:0", "--dir", "d");
        assertThat(ServerLauncher.withPort(cmd, 41234))
                .containsExactly("java", "org.ringfs.cli.Main", "data", "--listen", "127.0.0.1:41234", "--dir", "d");
        assertThatThrownBy(() -> ServerLauncher.withPort(List.of("java"), 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void javaCommandRunsMainWithoutDeserialization() {
        List<String> cmd = ServerLauncher.javaCommand(List.of("meta", "--dir", "x"));
        assertThat(cmd).contains("-Djdk.serialFilter=!*", ServerLauncher.HEAP, ServerLauncher.MAIN_CLASS);
        assertThat(cmd.indexOf(ServerLauncher.HEAP)).isLessThan(cmd.indexOf(ServerLauncher.MAIN_CLASS));
        assertThat(cmd.subList(cmd.size() - 3, cmd.size())).containsExactly("meta", "--dir", "x");
    }

    @Test
    void serversGetTheServerHeapAndClientProcessesTheSmallerClientHeap() {
        assertThat(ServerLauncher.javaCommand(List.of("data", "--dir", "x"))).contains(ServerLauncher.HEAP, ServerLauncher.DATA_REGIONS)
                .doesNotContain(ServerLauncher.CLIENT_HEAP);
        assertThat(ServerLauncher.javaCommand(List.of("webdav", "--meta", "m"))).contains(ServerLauncher.CLIENT_HEAP)
                .doesNotContain(ServerLauncher.HEAP);
        assertThat(ServerLauncher.javaCommand(List.of("mount", "/mnt"))).contains(ServerLauncher.CLIENT_HEAP);
        assertThat(ServerLauncher.javaCommand(List.of("meta", "--dir", "x"))).doesNotContain(ServerLauncher.DATA_REGIONS);
    }

    @Test
    void aServerThatDiesBeforeListeningFailsFastWithItsLog(@TempDir Path root) throws Exception {
        ClusterDirectory dir = new ClusterDirectory(root);
        ServerLauncher launcher = new ServerLauncher(dir);
        ProcessHandle p = launcher.launch("data-1", List.of("sh", "-c", "echo no store here; exit 3"));
        assertThat(dir.pid("data-1")).hasValue(p.pid());
        assertThatThrownBy(() -> launcher.awaitPort("data-1", p, Duration.ofSeconds(30)))
                .isInstanceOf(LocalClusterException.class)
                .hasMessageContaining("data-1")
                .hasMessageContaining("no store here");
    }

    @Test
    void stopperKillsWhatIgnoresSigterm() throws Exception {
        Process stubborn = new ProcessBuilder("sh", "-c", "trap '' TERM; while true; do sleep 1; done").start();
        Thread.sleep(300); // let the shell install its trap
        List<ProcessHandle> killed = ServerStopper.stop(List.of(stubborn.toHandle()), Duration.ofMillis(500));
        assertThat(killed).containsExactly(stubborn.toHandle());
        assertThat(stubborn.isAlive()).isFalse();
    }
}
