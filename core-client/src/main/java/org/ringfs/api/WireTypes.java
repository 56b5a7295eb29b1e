package org.ringfs.api;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The XML-RPC shape of every Java type a {@link MetaService} method takes or returns: strings,
 * i4 for int, i8 for long, booleans, base64 for byte[], enums by name, value records as the structs
 * of their {@code toWire()}, lists as arrays, and {@code true} for a call that returns nothing.
 * A call brings a new type to the wire by adding it here.
 */
public final class WireTypes {
    private WireTypes() {}

    private static final Map<Class<?>, WireCodec> CODECS = new HashMap<>();
    /** The types that travel as structs: a null one is an empty struct. */
    private static final Set<Class<?>> STRUCTS = new HashSet<>();

    static {
        scalar(String.class, s -> s, Wire::stringOf);
        scalar(int.class, i -> i, Wire::intOf);
        scalar(long.class, l -> l, Wire::longOf);
        scalar(boolean.class, b -> b, Wire::boolOf);
        scalar(byte[].class, b -> b, Wire::bytesOf);
        CODECS.put(Integer.class, CODECS.get(int.class)); // list elements are boxed
        CODECS.put(Long.class, CODECS.get(long.class));
        CODECS.put(Boolean.class, CODECS.get(boolean.class));
        scalar(FileType.class, FileType::name, v -> FileType.ofWire(Wire.stringOf(v)));
        struct(ClusterMap.class, ClusterMap::toWire, ClusterMap::fromWire);
        struct(Heartbeat.class, Heartbeat::toWire, Heartbeat::fromWire);
        struct(HeartbeatReply.class, HeartbeatReply::toWire, HeartbeatReply::fromWire);
        struct(LiveGenerations.class, LiveGenerations::toWire, LiveGenerations::fromWire);
        struct(FreedPage.class, FreedPage::toWire, FreedPage::fromWire);
        struct(StatFs.class, StatFs::toWire, StatFs::fromWire);
        struct(InodeAttributes.class, InodeAttributes::toWire, InodeAttributes::fromWire);
        struct(DirectoryEntry.class, DirectoryEntry::toWire, DirectoryEntry::fromWire);
        scalar(PackedListing.class, PackedListing::pack, v -> PackedListing.unpack(Wire.bytesOf(v)));
        struct(FreedBlocks.class, FreedBlocks::toWire, FreedBlocks::fromWire);
        struct(NameRemoved.class, NameRemoved::toWire, NameRemoved::fromWire);
        struct(SetAttributes.class, SetAttributes::toWire, SetAttributes::fromWire);
        struct(FileBlocks.class, FileBlocks::toWire, FileBlocks::fromWire);
        struct(BlockWrite.class, BlockWrite::toWire, BlockWrite::fromWire);
        struct(BlockScanPage.class, BlockScanPage::toWire, BlockScanPage::fromWire);
        struct(DavLock.class, DavLock::toWire, DavLock::fromWire);
        struct(MetaMember.class, MetaMember::toWire, MetaMember::fromWire);
        struct(InodeHold.class, InodeHold::toWire, InodeHold::fromWire);
        CODECS.put(void.class, new WireCodec() {
            @Override public Object encode(Object none) { return Boolean.TRUE; } // XML-RPC has no void reply
            @Override public Object decode(Object wire) { return null; }
        });
    }

    /**
     * The codec of {@code type} (a parameter or return type of a MetaService method).
     *
     * @throws IllegalArgumentException when the type has no wire shape here, or cannot be null on the wire
     */
    static WireCodec of(Type type, boolean nullable) {
        WireCodec codec = type instanceof ParameterizedType list && list.getRawType() == List.class
                ? listOf(of(list.getActualTypeArguments()[0], false))
                : CODECS.get(type);
        if (codec == null) throw new IllegalArgumentException(type + " has no XML-RPC shape in WireTypes");
        if (!nullable) return codec;
        if (type == String.class) return nilWhenNull(codec);
        if (type instanceof Class<?> c && STRUCTS.contains(c)) return emptyStructWhenNull(codec);
        throw new IllegalArgumentException(type + " cannot be null on the wire");
    }

    private static <T> void scalar(Class<T> type, Function<T, Object> encode, Wire.Decoder<T> decode) {
        CODECS.put(type, new WireCodec() {
            @SuppressWarnings("unchecked")
            @Override public Object encode(Object value) { return encode.apply((T) value); }
            @Override public Object decode(Object wire) throws RingFsException { return decode.decode(wire); }
        });
    }

    private static <T> void struct(Class<T> type, Function<T, Map<String, Object>> encode, Wire.Decoder<T> decode) {
        STRUCTS.add(type);
        scalar(type, encode::apply, decode);
    }

    private static WireCodec listOf(WireCodec element) {
        return new WireCodec() {
            @Override public Object encode(Object value) { return Wire.array((List<?>) value, element::encode); }
            @Override public Object decode(Object wire) throws RingFsException { return Wire.listOf(wire, element::decode); }
        };
    }

    private static WireCodec nilWhenNull(WireCodec codec) {
        return new WireCodec() {
            @Override public Object encode(Object value) { return value == null ? null : codec.encode(value); }
            @Override public Object decode(Object wire) throws RingFsException {
                return wire == null ? null : codec.decode(wire);
            }
        };
    }

    private static WireCodec emptyStructWhenNull(WireCodec codec) {
        return new WireCodec() {
            @Override public Object encode(Object value) { return value == null ? Wire.newStruct() : codec.encode(value); }
            @Override public Object decode(Object wire) throws RingFsException {
                return Wire.struct(wire).isEmpty() ? null : codec.decode(wire);
            }
        };
    }
}
