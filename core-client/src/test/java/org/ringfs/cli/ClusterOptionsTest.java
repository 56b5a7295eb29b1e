package org.ringfs.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.cli.local.LocalClusterException;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** --meta, and a local cluster's meta.address, name one meta or every member of a meta group. */
class ClusterOptionsTest {

    private static ClusterOptions parse(String... args) {
        ClusterOptions options = new ClusterOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void metaTakesOneAddressOrAListOfMembers() throws IOException {
        assertThat(parse("--meta", "10.0.0.1:7000").metaAddress()).isEqualTo("10.0.0.1:7000");
        assertThat(parse("--meta", "10.0.0.1:7000, 10.0.0.2:7000,meta-3:7000").metaAddress())
                .isEqualTo("10.0.0.1:7000,10.0.0.2:7000,meta-3:7000");
        assertThatThrownBy(() -> parse("--meta", "10.0.0.1:7000,10.0.0.2").metaAddress())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--meta wants HOST:PORT or a comma-separated list of them: '10.0.0.2'");
    }

    @Test
    void theLocalClusterMayRecordTheMembersOfAMetaGroup(@TempDir Path dir) throws IOException {
        Path properties = dir.resolve("cluster.properties");
        Files.writeString(properties, "meta.address=127.0.0.1:7100,127.0.0.1:7101,127.0.0.1:7102\n"
                + "data.servers=3\nblock.size=1048576\n");
        assertThat(parse("--dir", dir.toString()).metaAddress()).isEqualTo("127.0.0.1:7100,127.0.0.1:7101,127.0.0.1:7102");

        Files.writeString(properties, "meta.address=127.0.0.1:7100,meta\ndata.servers=3\nblock.size=1048576\n");
        assertThatThrownBy(() -> parse("--dir", dir.toString()).metaAddress()).isInstanceOf(LocalClusterException.class)
                .hasMessageContaining("cluster.properties: meta.address wants HOST:PORT").hasMessageContaining("'meta'");
    }
}
