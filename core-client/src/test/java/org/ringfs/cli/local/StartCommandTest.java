package org.ringfs.cli.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartCommandTest {
    @TempDir
    Path root;

    @Test
    void aDataServerBeyondTheRecordedCountIsNotRebuilt() throws Exception {
        new ClusterDirectory(root).writeProperties(new ClusterProperties("127.0.0.1:1", 3, 65536, null, "c0ffee"));
        StartCommand start = new StartCommand();
        new CommandLine(start).parseArgs("data-4", "--dir", root.toString());
        assertThatThrownBy(start::call).isInstanceOf(LocalClusterException.class)
                .hasMessageContaining("cluster of 3 data servers: there is no data-4");
        assertThatThrownBy(() -> new ClusterDirectory(root).command("data-4")).hasMessageContaining("never run");
    }
}
