package org.ringfs.cli.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What `up` refuses before it starts anything (no test here may get as far as starting a server). */
class UpCommandTest {
    @TempDir
    Path root;

    private final StringWriter err = new StringWriter();

    private int up(String... args) {
        CommandLine cli = new CommandLine(new UpCommand());
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    /** A DIR of a single meta that holds a store, recorded as last started on {@code basePort}. */
    private ClusterDirectory singleMetaRecordedOn(int basePort) throws Exception {
        ClusterDirectory dir = new ClusterDirectory(root);
        dir.writeProperties(new ClusterProperties("127.0.0.1:" + basePort, 3, 65536, null, "c0ffee").withBasePort(basePort));
        Files.createDirectories(root.resolve("meta"));
        Files.writeString(root.resolve("meta").resolve("00000000.jdb"), "");
        return dir;
    }

    @Test
    void withoutBasePortUpTakesTheOneDirRecordsAndNamesItWhenItLeavesNoRoom() throws Exception {
        // recorded on a base port whose WebDAV front would need 65610
        ClusterDirectory dir = singleMetaRecordedOn(65530);

        assertThat(up("--dir", root.toString())).isEqualTo(2);

        assertThat(err.toString()).contains("the base port 65530 (recorded in " + dir.propertiesFile())
                .contains("the WebDAV front would need port 65610");
        assertThat(root.resolve("meta").resolve("pid")).doesNotExist();
    }

    @Test
    void anExplicitBasePortWinsOverTheOneDirRecords() throws Exception {
        singleMetaRecordedOn(7400);

        assertThat(up("--dir", root.toString(), "--base-port", "65530")).isEqualTo(2);

        assertThat(err.toString()).contains("--base-port 65530 leaves no room").doesNotContain("recorded");
    }

    @Test
    void aBasePortThatIsNoPortIsRefusedBeforeAnyMemberIsPlanned() {
        assertThat(up("--dir", root.toString(), "--base-port", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--base-port must be in [0, 65535], not -1");
        assertThat(root.resolve("meta-1")).doesNotExist();
    }
}
