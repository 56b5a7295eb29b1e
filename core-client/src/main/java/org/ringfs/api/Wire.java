package org.ringfs.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reading and writing XML-RPC values: structs are {@code Map<String,Object>}, arrays
 * {@code Object[]}, 64-bit numbers i8. A malformed value is a {@link ErrorCode#BAD_REQUEST}, never a
 * ClassCastException.
 */
public final class Wire {
    private Wire() {}

    @SuppressWarnings("unchecked")
    public static Map<String, Object> struct(Object value) throws RingFsException {
        if (value instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw bad("expected a struct, got " + typeOf(value));
    }

    public static Map<String, Object> newStruct() { return new HashMap<>(); }

    public static long longOf(Map<String, Object> s, String key) throws RingFsException {
        Object v = s.get(key);
        if (v instanceof Long l) return l;
        if (v instanceof Integer i) return i;
        throw bad("field '" + key + "' must be an integer, got " + typeOf(v));
    }

    public static int intOf(Map<String, Object> s, String key) throws RingFsException {
        Object v = s.get(key);
        if (v instanceof Integer i) return i;
        if (v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) return (int) (long) l;
        throw bad("field '" + key + "' must be a 32-bit integer, got " + typeOf(v));
    }

    public static boolean boolOf(Map<String, Object> s, String key) throws RingFsException {
        Object v = s.get(key);
        if (v instanceof Boolean b) return b;
        throw bad("field '" + key + "' must be a boolean, got " + typeOf(v));
    }

    public static String stringOf(Map<String, Object> s, String key) throws RingFsException {
        Object v = s.get(key);
        if (v instanceof String str) return str;
        throw bad("field '" + key + "' must be a string, got " + typeOf(v));
    }

    /** An optional field: null when absent. */
    public static Long optionalLong(Map<String, Object> s, String key) throws RingFsException {
        return s.containsKey(key) ? longOf(s, key) : null;
    }

    public static Integer optionalInt(Map<String, Object> s, String key) throws RingFsException {
        return s.containsKey(key) ? intOf(s, key) : null;
    }

    public static Object[] arrayOf(Object value) throws RingFsException {
        if (value instanceof Object[] a) return a;
        if (value instanceof List<?> l) return l.toArray();
        throw bad("expected an array, got " + typeOf(value));
    }

    public static byte[] bytesOf(Object value) throws RingFsException {
        if (value instanceof byte[] b) return b;
        throw bad("expected base64 bytes, got " + typeOf(value));
    }

    public static String stringOf(Object value) throws RingFsException {
        if (value instanceof String s) return s;
        throw bad("expected a string, got " + typeOf(value));
    }

    public static long longOf(Object value) throws RingFsException {
        if (value instanceof Long l) return l;
        if (value instanceof Integer i) return i;
        throw bad("expected an integer, got " + typeOf(value));
    }

    public static int intOf(Object value) throws RingFsException {
        if (value instanceof Integer i) return i;
        throw bad("expected a 32-bit integer, got " + typeOf(value));
    }

    public static boolean boolOf(Object value) throws RingFsException {
        if (value instanceof Boolean b) return b;
        throw bad("expected a boolean, got " + typeOf(value));
    }

    /** Decodes every element of an XML-RPC array with {@code decode}. */
    public static <T> List<T> listOf(Object value, Decoder<T> decode) throws RingFsException {
        Object[] a = arrayOf(value);
        List<T> out = new ArrayList<>(a.length);
        for (Object o : a) out.add(decode.decode(o));
        return out;
    }

    public static <T> Object[] array(List<T> values, Function<T, Object> encode) {
        Object[] a = new Object[values.size()];
        for (int i = 0; i < a.length; i++) a[i] = encode.apply(values.get(i));
        return a;
    }

    /** A decoder from one XML-RPC value to a wire type. */
    @FunctionalInterface
    public interface Decoder<T> {
        T decode(Object value) throws RingFsException;
    }

    private static RingFsException bad(String what) {
        return new RingFsException(ErrorCode.BAD_REQUEST, what);
    }

    private static String typeOf(Object v) {
        return v == null ? "nothing" : v.getClass().getSimpleName();
    }
}
