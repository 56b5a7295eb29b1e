package org.ringfs.meta.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Big-endian building blocks shared by the key and value codecs: fixed-width numbers, length-prefixed
 * UTF-8 strings and string lists. No Java serialization: every byte of a record is written here.
 */
final class Codec {
    private Codec() {}

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    static String utf8(byte[] b) { return new String(b, StandardCharsets.UTF_8); }

    static byte[] longKey(long a) { return ByteBuffer.allocate(8).putLong(a).array(); }

    static byte[] longLongKey(long a, long b) { return ByteBuffer.allocate(16).putLong(a).putLong(b).array(); }

    /** An 8-byte id followed by the raw bytes of a name: ordered by id, then by name bytes. */
    static byte[] idNameKey(long id, byte[] name) {
        return ByteBuffer.allocate(8 + name.length).putLong(id).put(name).array();
    }

    static long longAt(byte[] b, int offset) { return ByteBuffer.wrap(b).getLong(offset); }

    static byte[] tail(byte[] b, int from) {
        byte[] out = new byte[b.length - from];
        System.arraycopy(b, from, out, 0, out.length);
        return out;
    }

    static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (b[i] != prefix[i]) return false;
        return true;
    }

    static int stringSize(String s) { return 4 + utf8(s).length; }

    static void putString(ByteBuffer buf, String s) {
        byte[] b = utf8(s);
        buf.putInt(b.length).put(b);
    }

    static String getString(ByteBuffer buf) {
        int n = buf.getInt();
        if (n < 0 || n > buf.remaining()) throw new CorruptRecordException("string length " + n + " out of range");
        byte[] b = new byte[n];
        buf.get(b);
        return utf8(b);
    }

    static int stringListSize(List<String> list) {
        int n = 4;
        for (String s : list) n += stringSize(s);
        return n;
    }

    static void putStringList(ByteBuffer buf, List<String> list) {
        buf.putInt(list.size());
        for (String s : list) putString(buf, s);
    }

    static List<String> getStringList(ByteBuffer buf) {
        int n = buf.getInt();
        if (n < 0 || n > buf.remaining()) throw new CorruptRecordException("list length " + n + " out of range");
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(getString(buf));
        return out;
    }

    static byte[] stringList(List<String> list) {
        ByteBuffer buf = ByteBuffer.allocate(stringListSize(list));
        putStringList(buf, list);
        return buf.array();
    }

    static List<String> stringList(byte[] b) { return getStringList(ByteBuffer.wrap(b)); }
}
