package org.ringfs.api;

import java.util.List;

/**
 * A data server's operations. The server implements it over its block store; the client's
 * {@code transport.BlockClient} implements it over binary HTTP ({@link BlockProtocol}). Every
 * write is synced to disk before it returns.
 */
public interface BlockService {

    /**
     * Stores a copy. The server checks the payload's bytes against its chunk checksums (one
     * CRC32C per chunk) and refuses a mismatch with CHECKSUM_MISMATCH, storing
     * nothing. Storing an existing key again replaces it.
     */
    void put(BlockKey key, BlockPayload payload) throws RingFsException;

    /** {@link #put(BlockKey, BlockPayload)} of {@code bytes[0, length)}. */
    default void put(BlockKey key, byte[] bytes, int length, int chunkSize, int[] chunkCrcs) throws RingFsException {
        put(key, new BlockPayload(bytes, length, chunkSize, chunkCrcs));
    }

    /**
     * A whole copy: BLOCK_NOT_FOUND when absent; WRONG_GENERATION when the server holds the block at
     * another generation. The server does not verify on read; the reader does, against the chunk
     * checksums returned and meta's triple.
     */
    BlockData get(BlockKey key) throws RingFsException;

    /** Part of a copy: {@code offset} is rounded down and the end up to whole chunks. */
    BlockData read(BlockKey key, int offset, int length) throws RingFsException;

    /** Deletes one copy; deleting an absent copy is not an error. */
    void delete(BlockKey key) throws RingFsException;

    /**
     * Deletes one copy on a delete order of meta's master of {@code orderTerm} (fsck's repair acting
     * on meta's live generations or freed records): the server refuses it as it refuses its own
     * sweeps and passes, when it has seen a newer term (the order came from a deposed master, NOT_MASTER)
     * or its meta has not granted deletes.
     */
    void delete(BlockKey key, long orderTerm) throws RingFsException;

    /** Up to {@code limit} held copies after {@code after} (null: from the start), in key order. */
    List<StoredBlock> list(BlockKey after, int limit) throws RingFsException;

    /**
     * Re-reads a copy on the server and checks it against its stored chunk checksums: the copy's
     * listing when sound, CORRUPT when not, BLOCK_NOT_FOUND / WRONG_GENERATION as for get.
     */
    StoredBlock verify(BlockKey key) throws RingFsException;

    DataServerStatus status() throws RingFsException;

    /**
     * Flips the byte at {@code offset} of a stored copy without touching its checksums, for tests
     * of repair. FAULT_INJECTION_DISABLED unless the server was started with fault injection on.
     */
    void corrupt(BlockKey key, int offset) throws RingFsException;
}
