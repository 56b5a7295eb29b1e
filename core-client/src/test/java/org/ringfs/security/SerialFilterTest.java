package org.ringfs.security;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every RingFS JVM (tests through surefire's argLine, the launcher script, the servers `up` and
 * `mount --detach` start through ServerLauncher) runs with {@code -Djdk.serialFilter=!*}: no Java
 * object is ever deserialized, whatever library tries.
 */
class SerialFilterTest {
    @Test
    void thisJvmRefusesToDeserializeAnything() throws Exception {
        assertThat(System.getProperty("jdk.serialFilter")).isEqualTo("!*");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(List.of("harmless")));
        }
        assertThatThrownBy(() -> {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                in.readObject();
            }
        }).isInstanceOf(InvalidClassException.class).hasMessageContaining("REJECTED");
    }
}
