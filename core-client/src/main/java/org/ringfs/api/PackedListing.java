package org.ringfs.api;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A directory listing packed into one byte array, the reply of {@code ringfs.listPacked}: on the
 * wire it is one base64 value instead of an array of structs of eleven members each, which is what
 * made a large listing slow (XML text, not meta's store, took most of its time).
 *
 * <p>Layout, version 1, all integers big-endian:
 * <pre>
 *   u8  version (1)
 *   u32 count
 *   count times:
 *     u8  name length N (1..255)   N bytes: the name in UTF-8
 *     i64 id   u8 type (S_IFMT bits >> 12)   i32 mode   i32 uid   i32 gid   i64 size   i32 nlink
 *     i64 atime   i64 mtime   i64 ctime   (nanoseconds)   i32 rdev
 * </pre>
 * Names are in strictly ascending byte order of their UTF-8 (meta's order), so no name repeats.
 * {@link #unpack} is as strict as the XML-RPC path's decoders: a wrong version, a count the bytes
 * cannot hold, a name that is empty, not valid UTF-8, holds '/' or NUL, is "." or "..", or is out
 * of order, an unknown type, a short or overlong array: each is BAD_REQUEST, never an exception
 * of another kind and never an allocation larger than the input.
 */
public record PackedListing(List<DirectoryEntry> entries) {
    public static final int VERSION = 1;
    /** Bytes of one entry besides its name: length byte, id, type, mode, uid, gid, size, nlink, 3 times, rdev. */
    static final int FIXED_ENTRY_BYTES = 1 + 8 + 1 + 4 + 4 + 4 + 8 + 4 + 8 + 8 + 8 + 4;
    private static final int HEADER_BYTES = 1 + 4;

    public PackedListing {
        entries = List.copyOf(entries);
    }

    /** The wire form. Names must be valid (as meta's are); entries in meta's order. */
    public byte[] pack() {
        byte[][] names = new byte[entries.size()][];
        int total = HEADER_BYTES;
        for (int i = 0; i < names.length; i++) {
            names[i] = entries.get(i).name().getBytes(StandardCharsets.UTF_8);
            if (names[i].length == 0 || names[i].length > MetaMethods.NAME_MAX) {
                throw new IllegalArgumentException("a name of " + names[i].length + " bytes cannot be packed");
            }
            total += FIXED_ENTRY_BYTES + names[i].length;
        }
        ByteBuffer b = ByteBuffer.allocate(total);
        b.put((byte) VERSION).putInt(entries.size());
        for (int i = 0; i < names.length; i++) {
            InodeAttributes a = entries.get(i).attributes();
            b.put((byte) names[i].length).put(names[i]);
            b.putLong(a.id()).put((byte) (a.type().bits() >>> 12)).putInt(a.mode()).putInt(a.uid()).putInt(a.gid())
                    .putLong(a.size()).putInt(a.nlink()).putLong(a.atimeNanos()).putLong(a.mtimeNanos())
                    .putLong(a.ctimeNanos()).putInt(a.rdev());
        }
        return b.array();
    }

    /** Reads the wire form: BAD_REQUEST for anything malformed (see the class comment). */
    public static PackedListing unpack(byte[] packed) throws RingFsException {
        if (packed == null) throw bad("no packed listing");
        if (packed.length < HEADER_BYTES) throw bad("packed listing of " + packed.length + " bytes has no header");
        ByteBuffer b = ByteBuffer.wrap(packed);
        int version = b.get() & 0xff;
        if (version != VERSION) throw bad("packed listing version " + version + " is not " + VERSION);
        long count = b.getInt() & 0xffffffffL;
        if (count > (long) b.remaining() / (FIXED_ENTRY_BYTES + 1)) {
            throw bad("packed listing claims " + count + " entries in " + b.remaining() + " bytes");
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        List<DirectoryEntry> out = new ArrayList<>((int) count);
        byte[] previous = null;
        for (long i = 0; i < count; i++) {
            if (b.remaining() < 1) throw truncated(i);
            int length = b.get() & 0xff;
            if (length == 0) throw bad("entry " + i + " has an empty name");
            if (b.remaining() < length + FIXED_ENTRY_BYTES - 1) throw truncated(i);
            byte[] raw = new byte[length];
            b.get(raw);
            if (previous != null && Arrays.compareUnsigned(previous, raw) >= 0) {
                throw bad("entry " + i + " is out of order or repeats a name");
            }
            previous = raw;
            String name = name(utf8, raw, i);
            long id = b.getLong();
            FileType type = type(b.get() & 0xff, i);
            InodeAttributes a = new InodeAttributes(id, type, b.getInt(), b.getInt(), b.getInt(), b.getLong(),
                    b.getInt(), b.getLong(), b.getLong(), b.getLong(), b.getInt());
            out.add(new DirectoryEntry(name, a));
        }
        if (b.hasRemaining()) throw bad(b.remaining() + " bytes after the last entry of a packed listing");
        return new PackedListing(out);
    }

    private static String name(CharsetDecoder utf8, byte[] raw, long i) throws RingFsException {
        for (byte c : raw) {
            if (c == '/' || c == 0) throw bad("entry " + i + "'s name holds '/' or NUL");
        }
        if (raw.length <= 2 && raw[0] == '.' && (raw.length == 1 || raw[1] == '.')) {
            throw bad("entry " + i + " is named . or ..");
        }
        try {
            CharBuffer chars = utf8.decode(ByteBuffer.wrap(raw));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw bad("entry " + i + "'s name is not UTF-8");
        }
    }

    private static FileType type(int code, long i) throws RingFsException {
        for (FileType t : FileType.values()) if (t.bits() >>> 12 == code) return t;
        throw bad("entry " + i + " has unknown type " + code);
    }

    private static RingFsException truncated(long i) {
        return bad("packed listing ends inside entry " + i);
    }

    private static RingFsException bad(String what) {
        return new RingFsException(ErrorCode.BAD_REQUEST, what);
    }
}
