package org.ringfs.api;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of the values the meta wire carries (what {@link WireTypes} makes of a call's
 * arguments and reply): nil, boolean, int, long, string, bytes, struct and array, each a tag byte
 * then its content, big-endian, strings and bytes after their length. Meta's store keeps the first
 * replies of named calls in the same form.
 *
 * <p>Reading is as strict as the XML-RPC parser is: an unknown tag, a length past the end, bytes
 * left over, nesting deeper than {@link #MAX_DEPTH}, more values than the reader allows, invalid
 * UTF-8, or a character XML 1.0 cannot carry (so a name the binary wire admits could not be sent
 * to an XML-RPC client) are {@link MalformedValueException}s, and no count is trusted before its
 * values have been read.
 */
public final class BinaryValues {
    private BinaryValues() {}

    /** Deeper nesting is refused (the call table's deepest value is a struct in an array in a struct). */
    public static final int MAX_DEPTH = 32;

    private static final byte NIL = 0;
    private static final byte BOOLEAN = 1;
    private static final byte INT = 2;
    private static final byte LONG = 3;
    private static final byte STRING = 4;
    private static final byte BYTES = 5;
    private static final byte STRUCT = 6;
    private static final byte ARRAY = 7;

    /** A value that is not in the binary form, or breaks one of its bounds. */
    public static final class MalformedValueException extends Exception {
        public MalformedValueException(String message) { super(message); }
    }

    /** A string that is not Unicode text (a lone UTF-16 surrogate): it has no UTF-8 to send. */
    public static final class NotUnicodeException extends IllegalArgumentException {
        NotUnicodeException(String message) { super(message); }
    }

    /** The bytes of {@code value}. */
    public static byte[] write(Object value) {
        ByteBuffer b = ByteBuffer.allocate(size(value));
        put(b, value);
        return b.array();
    }

    /** Bytes {@link #put} writes for {@code value}. */
    public static int size(Object v) {
        if (v == null) return 1;
        if (v instanceof Boolean) return 2;
        if (v instanceof Integer) return 5;
        if (v instanceof Long) return 9;
        if (v instanceof String s) return 5 + utf8Length(s);
        if (v instanceof byte[] a) return 5 + a.length;
        if (v instanceof Map<?, ?> m) {
            int n = 5;
            for (Map.Entry<?, ?> e : m.entrySet()) n += 4 + utf8Length(key(e.getKey())) + size(e.getValue());
            return n;
        }
        if (v instanceof Object[] a) {
            int n = 5;
            for (Object o : a) n += size(o);
            return n;
        }
        if (v instanceof List<?> l) {
            int n = 5;
            for (Object o : l) n += size(o);
            return n;
        }
        throw new IllegalArgumentException("not a meta wire value: " + v.getClass().getName());
    }

    public static void put(ByteBuffer b, Object v) {
        if (v == null) {
            b.put(NIL);
        } else if (v instanceof Boolean x) {
            b.put(BOOLEAN).put((byte) (x ? 1 : 0));
        } else if (v instanceof Integer x) {
            b.put(INT).putInt(x);
        } else if (v instanceof Long x) {
            b.put(LONG).putLong(x);
        } else if (v instanceof String x) {
            b.put(STRING);
            putString(b, x);
        } else if (v instanceof byte[] x) {
            b.put(BYTES).putInt(x.length).put(x);
        } else if (v instanceof Map<?, ?> m) {
            b.put(STRUCT).putInt(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                putString(b, key(e.getKey()));
                put(b, e.getValue());
            }
        } else if (v instanceof Object[] a) {
            b.put(ARRAY).putInt(a.length);
            for (Object o : a) put(b, o);
        } else if (v instanceof List<?> l) {
            b.put(ARRAY).putInt(l.size());
            for (Object o : l) put(b, o);
        } else {
            throw new IllegalArgumentException("not a meta wire value: " + v.getClass().getName());
        }
    }

    /**
     * One value from {@code b}, which must hold exactly that value.
     *
     * @param maxValues the most values (scalars, structs and arrays, each counted) it may hold
     */
    public static Object readAll(ByteBuffer b, int maxValues) throws MalformedValueException {
        Reader r = new Reader(b, maxValues);
        Object v = r.value(0);
        if (b.hasRemaining()) throw new MalformedValueException(b.remaining() + " bytes after the value");
        return v;
    }

    /** One value from {@code b}, leaving what follows it. */
    public static Object read(ByteBuffer b, int maxValues) throws MalformedValueException {
        return new Reader(b, maxValues).value(0);
    }

    /** A string as {@link #put} writes one inside other values: its UTF-8 length, then the UTF-8. */
    public static void putString(ByteBuffer b, String s) {
        b.putInt(utf8Length(s)); // refuses a lone surrogate before anything of the string is written
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b.put((byte) c);
            } else if (c < 0x800) {
                b.put((byte) (0xC0 | c >> 6)).put((byte) (0x80 | c & 0x3F));
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b.put((byte) (0xF0 | cp >> 18)).put((byte) (0x80 | cp >> 12 & 0x3F))
                        .put((byte) (0x80 | cp >> 6 & 0x3F)).put((byte) (0x80 | cp & 0x3F));
            } else {
                b.put((byte) (0xE0 | c >> 12)).put((byte) (0x80 | c >> 6 & 0x3F)).put((byte) (0x80 | c & 0x3F));
            }
        }
    }

    /** Reads a string {@link #putString} wrote. */
    public static String readString(ByteBuffer b) throws MalformedValueException {
        try {
            return new Reader(b, 1).string();
        } catch (BufferUnderflowException e) {
            throw new MalformedValueException("the string ends early");
        }
    }

    private static String key(Object k) {
        if (k instanceof String s) return s;
        throw new IllegalArgumentException("a struct key that is not a string: " + k);
    }

    /** UTF-8 length; a lone surrogate is refused as {@link #putString} would refuse it. */
    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new NotUnicodeException("a lone UTF-16 surrogate at " + i);
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static final class Reader {
        private final ByteBuffer b;
        private int valuesLeft;

        Reader(ByteBuffer b, int maxValues) {
            this.b = b;
            this.valuesLeft = maxValues;
        }

        Object value(int depth) throws MalformedValueException {
            if (depth > MAX_DEPTH) throw new MalformedValueException("values nested deeper than " + MAX_DEPTH);
            if (--valuesLeft < 0) throw new MalformedValueException("more values than allowed");
            try {
                byte tag = b.get();
                switch (tag) {
                    case NIL: return null;
                    case BOOLEAN: {
                        byte x = b.get();
                        if (x != 0 && x != 1) throw new MalformedValueException("boolean " + x);
                        return x == 1;
                    }
                    case INT: return b.getInt();
                    case LONG: return b.getLong();
                    case STRING: return string();
                    case BYTES: {
                        byte[] a = new byte[length("bytes")];
                        b.get(a);
                        return a;
                    }
                    case STRUCT: {
                        int n = count("struct members");
                        Map<String, Object> m = new HashMap<>();
                        for (int i = 0; i < n; i++) {
                            String k = string();
                            m.put(k, value(depth + 1));
                            if (m.size() != i + 1) {
                                throw new MalformedValueException("struct member '" + k + "' twice");
                            }
                        }
                        return m;
                    }
                    case ARRAY: {
                        int n = count("array values");
                        List<Object> a = new ArrayList<>(Math.min(n, 1024)); // grows as values arrive
                        for (int i = 0; i < n; i++) a.add(value(depth + 1));
                        return a.toArray();
                    }
                    default: throw new MalformedValueException("unknown value tag " + tag);
                }
            } catch (BufferUnderflowException e) {
                throw new MalformedValueException("the value ends early");
            }
        }

        String string() throws MalformedValueException {
            int n = length("string");
            ByteBuffer utf8 = b.slice(b.position(), n);
            b.position(b.position() + n);
            String s = ascii(utf8, n);
            if (s == null) {
                try {
                    s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(utf8).toString();
                } catch (CharacterCodingException e) {
                    throw new MalformedValueException("a string that is not UTF-8");
                }
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == '\uFFFE' || c == '\uFFFF') {
                    throw new MalformedValueException(String.format("a string holding U+%04X, which XML 1.0 cannot carry", (int) c));
                }
            }
            return s;
        }

        /** The string when all its {@code n} bytes are ASCII (names and paths mostly are), else null: no decoder needed. */
        private static String ascii(ByteBuffer bytes, int n) {
            for (int i = 0; i < n; i++) if (bytes.get(i) < 0) return null;
            if (bytes.hasArray()) return new String(bytes.array(), bytes.arrayOffset(), n, StandardCharsets.US_ASCII);
            byte[] a = new byte[n];
            bytes.get(0, a);
            return new String(a, StandardCharsets.US_ASCII);
        }

        /** A byte length, at most what is left. */
        private int length(String what) throws MalformedValueException {
            int n = b.getInt();
            if (n < 0 || n > b.remaining()) throw new MalformedValueException(what + " of length " + n + " past the end");
            return n;
        }

        /** A count of values, each at least a byte: at most what is left. */
        private int count(String what) throws MalformedValueException {
            int n = b.getInt();
            if (n < 0 || n > b.remaining()) throw new MalformedValueException(n + " " + what + " past the end");
            return n;
        }
    }
}
