package org.ringfs.cli;

import picocli.CommandLine;

/** The version {@code ringfs --version} prints: the jar's Implementation-Version when packaged with one. */
public final class RingFsVersion implements CommandLine.IVersionProvider {
    /** The project version when no manifest says otherwise (running from target/classes). */
    static final String FALLBACK = "0.1.0-SNAPSHOT";

    @Override
    public String[] getVersion() {
        String v = RingFsVersion.class.getPackage().getImplementationVersion();
        return new String[] {"ringfs " + (v == null ? FALLBACK : v), "Java " + Runtime.version()};
    }
}
