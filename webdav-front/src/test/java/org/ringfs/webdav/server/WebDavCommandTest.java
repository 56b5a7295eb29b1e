package org.ringfs.webdav.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ringfs.cli.local.ClusterDirectory;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class WebDavCommandTest {

    @Test
    void readsTheUsersFileUserAddWritesByDefault() {
        WebDavCommand command = new WebDavCommand();
        new CommandLine(command).parseArgs("--dir", "/srv/ringfs");
        assertThat(command.usersFile()).isEqualTo(new ClusterDirectory(Path.of("/srv/ringfs")).webdavUsersFile())
                .isEqualTo(Path.of("/srv/ringfs/webdav/users"));
    }

    @Test
    void usersOverridesTheDefault() {
        WebDavCommand command = new WebDavCommand();
        new CommandLine(command).parseArgs("--users", "/etc/ringfs.users");
        assertThat(command.usersFile()).isEqualTo(Path.of("/etc/ringfs.users"));
    }
}
