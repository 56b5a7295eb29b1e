package org.ringfs.api;

/**
 * The binary HTTP protocol of a data server, the wire of {@link BlockService}. Block bytes are raw
 * HTTP bodies (base64 inside XML-RPC would cost the CPU checksums need).
 *
 * <pre>
 * PUT    /blocks/{inode}/{index}/{generation}     body: the bytes; headers CHUNK_SIZE, CHUNK_CRCS
 *                                                  201, or 422 CHECKSUM_MISMATCH (nothing stored)
 * GET    /blocks/{inode}/{index}/{generation}     [?offset=O&amp;length=L] 200 body: bytes; headers
 *                                                  OFFSET, BLOCK_LENGTH, CHUNK_SIZE, CHUNK_CRCS
 *                                                  404 BLOCK_NOT_FOUND, 409 WRONG_GENERATION (+GENERATION)
 * DELETE /blocks/{inode}/{index}/{generation}     [?term=T] 204, also when absent
 *                                                  (on a server that runs with meta: 409 WRONG_CLUSTER
 *                                                  or 503 UNAVAILABLE while meta has not granted deletes;
 *                                                  with a term, a delete order of meta's master of that
 *                                                  term: NOT_MASTER when the server has seen a newer one)
 * GET    /blocks?after={inode/index/gen}&amp;limit=N  200 text/plain: {@link StoredBlock#toLine()} per line
 * GET    /verify/{inode}/{index}/{generation}     200 text/plain: one listing line; 500 CORRUPT
 * GET    /status                                  200 text/plain: {@link DataServerStatus#toText()}
 * POST   /fault/corrupt/{inode}/{index}/{generation}?offset=O   204, 403 FAULT_INJECTION_DISABLED
 * </pre>
 *
 * Every error response carries ERROR (an {@link ErrorCode} name) and a one-line text/plain message;
 * its status is {@link ErrorCode#httpStatus()}.
 */
public final class BlockProtocol {
    private BlockProtocol() {}

    public static final String BLOCKS = "/blocks";
    public static final String VERIFY = "/verify";
    public static final String STATUS = "/status";
    public static final String FAULT_CORRUPT = "/fault/corrupt";

    /** Query parameter of a DELETE: the term of the meta master whose order it carries out. */
    public static final String ORDER_TERM = "term";

    /** Bytes per checksummed chunk, chosen by the writer; every chunk but the last is full. */
    public static final String CHUNK_SIZE = "X-RingFS-Chunk-Size";
    /** The chunks' CRC32C values, 8 lower-case hex digits each, comma-separated, in order. */
    public static final String CHUNK_CRCS = "X-RingFS-Chunk-CRC32C";
    /** Offset in the block of the first byte of a GET body. */
    public static final String OFFSET = "X-RingFS-Offset";
    /** Length of the whole stored copy. */
    public static final String BLOCK_LENGTH = "X-RingFS-Block-Length";
    /** With WRONG_GENERATION: the generation the server holds. */
    public static final String GENERATION = "X-RingFS-Generation";
    /** On an error response: the {@link ErrorCode} name. */
    public static final String ERROR = "X-RingFS-Error";

    /** Default chunk size: 64 KiB (a 4 KiB random read costs at most one chunk's transfer). */
    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;
    /** Largest block a data server accepts (the block size is set at format time, at most this). */
    public static final int MAX_BLOCK_SIZE = 16 * 1024 * 1024;
    /** Largest listing page. */
    public static final int MAX_LIST_LIMIT = 10_000;

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    /** Eight lower-case hex digits. Not String.format: this runs for every chunk of every block request. */
    public static String hex(int crc) {
        StringBuilder b = new StringBuilder(8);
        appendHex(b, crc);
        return b.toString();
    }

    public static String crcList(int[] crcs) {
        StringBuilder b = new StringBuilder(crcs.length * 9);
        for (int i = 0; i < crcs.length; i++) {
            if (i > 0) b.append(',');
            appendHex(b, crcs[i]);
        }
        return b.toString();
    }

    private static void appendHex(StringBuilder b, int value) {
        for (int shift = 28; shift >= 0; shift -= 4) b.append(HEX_DIGITS[(value >>> shift) & 0xf]);
    }

    /** Parses a CHUNK_CRCS header; BAD_REQUEST when malformed. */
    public static int[] parseCrcList(String header) throws RingFsException {
        if (header == null || header.isEmpty()) return new int[0];
        String[] parts = header.split(",", -1);
        if (parts.length > MAX_BLOCK_SIZE / 512) throw new RingFsException(ErrorCode.BAD_REQUEST, "too many chunk checksums");
        int[] out = new int[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.length() != 8) throw new NumberFormatException(p);
                out[i] = Integer.parseUnsignedInt(p, 16);
            }
        } catch (NumberFormatException e) {
            throw new RingFsException(ErrorCode.BAD_REQUEST, "bad chunk checksum list");
        }
        return out;
    }
}
