package org.ringfs.api;

/**
 * What a name, a path or a symlink target may hold: text every wire carries unchanged. XML 1.0 (the
 * XML-RPC wire) has no C0 control but tab, newline and carriage return, and its parser turns a
 * carriage return into a newline; U+FFFE and U+FFFF are not characters; the fronts decode invalid
 * UTF-8 to U+FFFD and a lone surrogate encodes as '?', so two different names would be one. The
 * client checks before a call, and meta checks every name it makes, whichever wire brought it (the
 * binary one carries a carriage return that the XML one rewrites).
 */
public final class StorableText {
    private StorableText() {}

    /** INVALID unless {@code text} survives every wire unchanged. */
    public static void check(String text) throws RingFsException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                i++;
            } else if (c == '\uFFFD' || Character.isSurrogate(c)) {
                throw new RingFsException(ErrorCode.INVALID, "invalid UTF-8 (or U+FFFD, which stands for it) in a name");
            } else if ((c < 0x20 && c != '\t' && c != '\n') || c == '\uFFFE' || c == '\uFFFF') {
                throw new RingFsException(ErrorCode.INVALID, String.format(
                        "a name holds U+%04X, which RingFS cannot store (control characters but tab and newline)", (int) c));
            }
        }
    }
}
