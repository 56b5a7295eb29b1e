package org.ringfs.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterSecretTest {
    @TempDir Path dir;

    @Test
    void loadOrCreateWritesAnOwnerOnlyFileAndReadsTheSameSecretBack() throws Exception {
        Path file = dir.resolve("cluster/secret");
        ClusterSecret made = ClusterSecret.loadOrCreate(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32);
        assertThat(ClusterSecret.loadOrCreate(file)).isEqualTo(made);
        assertThat(ClusterSecret.load(file)).isEqualTo(made);
        assertThat(made.toString()).doesNotContain(Files.readString(file).trim());
    }

    @Test
    void aFileOthersMayReadIsRefused() throws Exception {
        Path file = dir.resolve("secret");
        ClusterSecret.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> ClusterSecret.load(file)).isInstanceOf(SecretFileException.class)
                .hasMessageContaining("chmod 600");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        assertThatThrownBy(() -> ClusterSecret.load(file)).isInstanceOf(SecretFileException.class);
    }

    @Test
    void aMissingOrMalformedFileIsRefused() throws Exception {
        assertThatThrownBy(() -> ClusterSecret.load(dir.resolve("none"))).isInstanceOf(SecretFileException.class);
        Path shortKey = Files.writeString(dir.resolve("short"), Base64.getEncoder().encodeToString(new byte[16]));
        Files.setPosixFilePermissions(shortKey, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> ClusterSecret.load(shortKey)).isInstanceOf(SecretFileException.class);
        Path notBase64 = Files.writeString(dir.resolve("junk"), "not base64 !!");
        Files.setPosixFilePermissions(notBase64, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> ClusterSecret.load(notBase64)).isInstanceOf(SecretFileException.class);
    }
}
