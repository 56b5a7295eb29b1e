package org.ringfs.cli;

import org.ringfs.client.ClientSettings;
import picocli.CommandLine;

import java.time.Duration;

/** {@code --wait SECONDS|forever}: how long a read or write waits for servers to come back. */
public final class WaitConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        if (value.equalsIgnoreCase("forever")) return ClientSettings.FOREVER;
        try {
            long seconds = Long.parseLong(value);
            if (seconds < 0) throw new CommandLine.TypeConversionException("'" + value + "' is negative");
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is neither a number of seconds nor 'forever'");
        }
    }
}
