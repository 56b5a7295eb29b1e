package org.ringfs.cli;

import org.junit.jupiter.api.Test;
import org.ringfs.client.ClientSettings;
import picocli.CommandLine;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitConverterTest {
    private final WaitConverter converter = new WaitConverter();

    @Test
    void secondsOrForever() {
        assertThat(converter.convert("0")).isEqualTo(Duration.ZERO);
        assertThat(converter.convert("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ClientSettings.isForever(converter.convert("forever"))).isTrue();
        assertThat(ClientSettings.isForever(converter.convert("FOREVER"))).isTrue();
    }

    @Test
    void refusesAnythingElse() {
        assertThatThrownBy(() -> converter.convert("-1")).isInstanceOf(CommandLine.TypeConversionException.class);
        assertThatThrownBy(() -> converter.convert("10s")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("'10s'");
    }
}
