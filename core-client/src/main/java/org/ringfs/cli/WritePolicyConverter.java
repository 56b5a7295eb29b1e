package org.ringfs.cli;

import org.ringfs.client.WritePolicy;
import picocli.CommandLine;

import java.util.Locale;

/** {@code --write-policy all|quorum}, in lower case as users type it. */
public final class WritePolicyConverter implements CommandLine.ITypeConverter<WritePolicy> {
    @Override
    public WritePolicy convert(String value) {
        try {
            return WritePolicy.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a write policy (all, quorum)");
        }
    }
}
