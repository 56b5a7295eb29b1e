package org.ringfs.api;

import java.nio.ByteBuffer;

/**
 * A meta call and its answer on the binary wire ({@link MetaMethods#BINARY_PATH}): the same calls,
 * arguments and replies as XML-RPC, in {@link BinaryValues} instead of XML.
 *
 * <ul>
 *   <li>Request: the version byte {@value #VERSION}, the method name (a string), then its arguments
 *       as one array.</li>
 *   <li>Answer: {@code 0} then the reply value, or {@code 1} then a fault: its
 *       {@link ErrorCode#faultCode()} (an int) and its message (a string).</li>
 * </ul>
 */
public final class BinaryCall {
    private BinaryCall() {}

    public static final byte VERSION = 1;
    private static final byte VALUE = 0;
    private static final byte FAULT = 1;
    /** Most values one request may hold: far above any call's (their lists come in pages). */
    public static final int MAX_REQUEST_VALUES = 1 << 20;
    /** Most values one answer may hold. */
    public static final int MAX_REPLY_VALUES = 1 << 24;

    /** A decoded request. */
    public record Request(String method, Object[] arguments) {}

    /** A decoded answer: the reply value, or a fault (code not 0). */
    public record Answer(Object value, int faultCode, String faultMessage) {
        public boolean isFault() { return faultCode != 0; }
    }

    /** @throws BinaryValues.NotUnicodeException when a string argument is not Unicode text */
    public static byte[] request(String method, Object[] arguments) {
        // The method name as a string value is a tag, its length and its bytes: the version byte takes the tag's place.
        ByteBuffer b = ByteBuffer.allocate(BinaryValues.size(method) + BinaryValues.size(arguments));
        b.put(VERSION);
        BinaryValues.putString(b, method);
        BinaryValues.put(b, arguments);
        return b.array();
    }

    public static Request parseRequest(ByteBuffer b) throws BinaryValues.MalformedValueException {
        if (!b.hasRemaining()) throw new BinaryValues.MalformedValueException("an empty request");
        byte version = b.get();
        if (version != VERSION) throw new BinaryValues.MalformedValueException("wire version " + version + ", not " + VERSION);
        String method = BinaryValues.readString(b);
        if (!(BinaryValues.readAll(b, MAX_REQUEST_VALUES) instanceof Object[] arguments)) {
            throw new BinaryValues.MalformedValueException("the arguments are not an array");
        }
        return new Request(method, arguments);
    }

    public static byte[] reply(Object value) {
        ByteBuffer b = ByteBuffer.allocate(1 + BinaryValues.size(value));
        b.put(VALUE);
        BinaryValues.put(b, value);
        return b.array();
    }

    /** A fault's message goes as it is given: the caller makes it Unicode text. */
    public static byte[] fault(int code, String message) {
        byte[] text = message.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + 4 + text.length).put(FAULT).putInt(code).putInt(text.length).put(text).array();
    }

    public static Answer parseAnswer(ByteBuffer b) throws BinaryValues.MalformedValueException {
        if (!b.hasRemaining()) throw new BinaryValues.MalformedValueException("an empty answer");
        byte kind = b.get();
        if (kind == VALUE) return new Answer(BinaryValues.readAll(b, MAX_REPLY_VALUES), 0, null);
        if (kind != FAULT || b.remaining() < 4) throw new BinaryValues.MalformedValueException("answer kind " + kind);
        int code = b.getInt();
        if (code == 0) throw new BinaryValues.MalformedValueException("a fault without a code");
        String message = BinaryValues.readString(b);
        if (b.hasRemaining()) throw new BinaryValues.MalformedValueException(b.remaining() + " bytes after the fault");
        return new Answer(null, code, message);
    }
}
