package org.c4j.blip.internal.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes WebSocket frames (RFC 6455 5.2) from a byte stream cut anywhere: feed it chunks, it reports whole
 * binary messages (fragments joined), pings, pongs and the close frame. Bounded: a message over
 * {@link StreamWire#MAX_MESSAGE} is refused before it is held. Pure (no I/O, no clock); not thread-safe: the
 * adapter feeds it from the transport's serial callbacks.
 */
final class FrameReader {

    /** What the reader found. */
    interface Events {
        /** A whole binary message; the buffer is the caller's to keep. */
        void message(ByteBuffer data);

        void ping(ByteBuffer payload);

        void pong();

        /** A close frame: its code ({@link StreamWire#CLOSE_NO_STATUS} if it had none) and reason. */
        void close(int code, String reason);
    }

    private final boolean expectMasked;
    private final byte[] head = new byte[StreamWire.MAX_HEADER];
    private int headHave;
    private int headNeed = 2;
    // The frame being read (valid once the header is complete).
    private boolean inPayload;
    private int opcode;
    private boolean fin;
    private long payloadLeft;
    private final byte[] maskKey = new byte[4];
    private boolean masked;
    private long maskOffset;
    // The data message being assembled (fragments joined).
    private boolean inMessage;
    private byte[] message = new byte[0];
    private int messageLength;
    // The control frame being read.
    private final byte[] control = new byte[StreamWire.MAX_CONTROL_PAYLOAD];
    private int controlLength;

    FrameReader(boolean expectMasked) {
        this.expectMasked = expectMasked;
    }

    /** Consumes all of {@code chunk}, reporting complete frames to {@code events} in order. */
    void feed(ByteBuffer chunk, Events events) throws StreamProtocolException {
        while (chunk.hasRemaining()) {
            if (!inPayload) {
                int take = Math.min(headNeed - headHave, chunk.remaining());
                chunk.get(head, headHave, take);
                headHave += take;
                if (headHave == headNeed && parseHeader()) {
                    startPayload();
                    if (payloadLeft == 0) {
                        endFrame(events);
                    }
                }
            } else {
                int take = (int) Math.min(payloadLeft, chunk.remaining());
                copyPayload(chunk, take);
                payloadLeft -= take;
                if (payloadLeft == 0) {
                    endFrame(events);
                }
            }
        }
    }

    /** True once the header is complete; else it asked for more header bytes. */
    private boolean parseHeader() throws StreamProtocolException {
        int b0 = head[0] & 0xFF;
        int b1 = head[1] & 0xFF;
        int lengthBytes = (b1 & StreamWire.LENGTH) == StreamWire.LENGTH_16 ? 2
                : (b1 & StreamWire.LENGTH) == StreamWire.LENGTH_64 ? 8 : 0;
        int want = 2 + lengthBytes + ((b1 & StreamWire.MASKED) != 0 ? 4 : 0);
        if (headNeed < want) {
            headNeed = want;
            return false;
        }
        if ((b0 & StreamWire.RSV) != 0) {
            throw new StreamProtocolException(StreamWire.CLOSE_PROTOCOL_ERROR, "reserved bits set");
        }
        fin = (b0 & StreamWire.FIN) != 0;
        opcode = b0 & StreamWire.OPCODE;
        masked = (b1 & StreamWire.MASKED) != 0;
        if (masked != expectMasked) {
            throw new StreamProtocolException(StreamWire.CLOSE_PROTOCOL_ERROR,
                    masked ? "masked frame from a server" : "unmasked frame from a client");
        }
        long length = b1 & StreamWire.LENGTH;
        if (lengthBytes == 2) {
            length = ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
        } else if (lengthBytes == 8) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | (head[2 + i] & 0xFF);
            }
            if (length < 0) {
                throw new StreamProtocolException(StreamWire.CLOSE_PROTOCOL_ERROR, "negative frame length");
            }
        }
        if (masked) {
            System.arraycopy(head, 2 + lengthBytes, maskKey, 0, 4);
        }
        payloadLeft = length;
        checkFrame(length);
        return true;
    }

    private void checkFrame(long length) throws StreamProtocolException {
        switch (opcode) {
            case StreamWire.OP_CLOSE, StreamWire.OP_PING, StreamWire.OP_PONG -> {
                if (!fin || length > StreamWire.MAX_CONTROL_PAYLOAD) {
                    throw new StreamProtocolException(StreamWire.CLOSE_PROTOCOL_ERROR, "bad control frame");
                }
            }
            case StreamWire.OP_BINARY, StreamWire.OP_CONTINUATION -> {
                if ((opcode == StreamWire.OP_BINARY) == inMessage) {
                    throw new StreamProtocolException(StreamWire.CLOSE_PROTOCOL_ERROR,
                            inMessage ? "new message inside a fragmented one" : "continuation without a message");
                }
                if (messageLength + length > StreamWire.MAX_MESSAGE) {
                    throw new StreamProtocolException(StreamWire.CLOSE_TOO_BIG, "message over "
                            + StreamWire.MAX_MESSAGE + " bytes");
                }
            }
            case StreamWire.OP_TEXT -> throw new StreamProtocolException(StreamWire.CLOSE_UNSUPPORTED_DATA,
                    "text message (BLIP sends binary only)");
            default -> throw new StreamProtocolException(StreamWire.CLOSE_PROTOCOL_ERROR, "unknown opcode " + opcode);
        }
    }

    private void startPayload() {
        inPayload = true;
        maskOffset = 0;
        controlLength = 0;
        if (opcode == StreamWire.OP_BINARY) {
            inMessage = true;
            messageLength = 0;
        }
        if (opcode == StreamWire.OP_BINARY || opcode == StreamWire.OP_CONTINUATION) {
            int need = (int) (messageLength + payloadLeft);
            if (message.length < need) {
                message = Arrays.copyOf(message, Math.max(need, Math.min(StreamWire.MAX_MESSAGE, message.length * 2)));
            }
        }
    }

    private void copyPayload(ByteBuffer chunk, int take) {
        boolean data = opcode == StreamWire.OP_BINARY || opcode == StreamWire.OP_CONTINUATION;
        byte[] into = data ? message : control;
        int at = data ? messageLength : controlLength;
        chunk.get(into, at, take);
        if (masked) {
            for (int i = 0; i < take; i++) {
                into[at + i] ^= maskKey[(int) ((maskOffset + i) & 3)];
            }
            maskOffset += take;
        }
        if (data) {
            messageLength += take;
        } else {
            controlLength += take;
        }
    }

    private void endFrame(Events events) throws StreamProtocolException {
        inPayload = false;
        headHave = 0;
        headNeed = 2;
        switch (opcode) {
            case StreamWire.OP_PING -> events.ping(ByteBuffer.wrap(Arrays.copyOf(control, controlLength)));
            case StreamWire.OP_PONG -> events.pong();
            case StreamWire.OP_CLOSE -> closeFrame(events);
            default -> {
                if (fin) {
                    inMessage = false;
                    events.message(ByteBuffer.wrap(Arrays.copyOf(message, messageLength)));
                    messageLength = 0;
                    if (message.length > StreamWire.RECEIVE_WINDOW) {
                        message = new byte[0]; // don't keep a rare big buffer for the connection's life
                    }
                }
            }
        }
    }

    private void closeFrame(Events events) throws StreamProtocolException {
        if (controlLength == 1) {
            throw new StreamProtocolException(StreamWire.CLOSE_PROTOCOL_ERROR, "one-byte close payload");
        }
        int code = controlLength == 0 ? StreamWire.CLOSE_NO_STATUS
                : ((control[0] & 0xFF) << 8) | (control[1] & 0xFF);
        String reason = controlLength <= 2 ? "" : new String(control, 2, controlLength - 2, StandardCharsets.UTF_8);
        events.close(code, reason);
    }
}
