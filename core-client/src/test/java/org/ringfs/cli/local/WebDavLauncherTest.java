package org.ringfs.cli.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class WebDavLauncherTest {
    @TempDir Path root;

    @Test
    void theFrontListensAtBasePlusEightyOrAnywhere() {
        assertThat(WebDavLauncher.port(7000)).isEqualTo(7080);
        assertThat(WebDavLauncher.port(0)).isZero();
        assertThat(WebDavLauncher.url(7080)).isEqualTo("http://127.0.0.1:7080/");
    }

    @Test
    void anExistingUsersFileGetsNoNewUser() throws Exception {
        ClusterDirectory cluster = new ClusterDirectory(root);
        Files.createDirectories(cluster.serverDir(ClusterDirectory.WEBDAV));
        Files.writeString(cluster.webdavUsersFile(), "# users\n");
        WebDavLauncher launcher = new WebDavLauncher(cluster, new ServerLauncher(cluster));
        assertThat(launcher.createFirstUser(Duration.ofSeconds(5))).isEmpty();
        assertThat(Files.readString(cluster.webdavUsersFile())).isEqualTo("# users\n");
    }
}
