package org.c4j.blip.internal;

import java.nio.ByteBuffer;
import java.util.Map;
import org.c4j.socket.ErrorCodes;

/**
 * Splits one incoming message, fed frame payload by frame payload, into its properties and body. The properties
 * (and even their length varint) may be split across frames; once they are complete, every further byte is body.
 *
 * <p>Not thread-safe: one per incoming message, owned by the connection's executor. It copies only the properties
 * bytes; body slices it returns borrow the caller's payload buffer.
 */
public final class MessageAssembler {
    /** Parse phase: the length varint, the properties block, then body. Transitions only in {@link #moveTo}. */
    enum State {
        LENGTH, PROPERTIES, BODY;

        boolean canMoveTo(State next) {
            return switch (this) {
                case LENGTH -> next == PROPERTIES;
                case PROPERTIES -> next == BODY;
                case BODY -> false;
            };
        }
    }

    private final byte[] lengthBytes = new byte[BlipWire.MAX_VARINT_SIZE];
    private int lengthCount;
    private byte[] block;
    private int blockFilled;
    private Map<String, String> properties;
    private State state = State.LENGTH;

    /**
     * Consumes all of {@code payload} (advancing its position to its limit) and returns the part of it that is body
     * bytes: empty while the properties are incomplete.
     *
     * @throws BlipProtocolException if the properties length varint or block is malformed or too large
     */
    public ByteBuffer feed(ByteBuffer payload) {
        while (state != State.BODY && payload.hasRemaining()) {
            if (state == State.LENGTH) {
                readLengthByte(payload.get());
            } else {
                int n = Math.min(payload.remaining(), block.length - blockFilled);
                payload.get(block, blockFilled, n);
                blockFilled += n;
                if (blockFilled == block.length) {
                    toBody();
                }
            }
        }
        ByteBuffer body = payload.slice();
        payload.position(payload.limit());
        return body;
    }

    /** True once the whole properties block has arrived. */
    public boolean hasProperties() {
        return state == State.BODY;
    }

    /**
     * The message's properties, in wire order.
     *
     * @throws IllegalStateException before {@link #hasProperties()}
     */
    public Map<String, String> properties() {
        if (state != State.BODY) {
            throw new IllegalStateException("properties not complete yet");
        }
        return properties;
    }

    /**
     * Call when the message's last frame has been fed.
     *
     * @throws BlipProtocolException if the message ended before its properties were complete
     */
    public void finish() {
        if (state != State.BODY) {
            throw new BlipProtocolException(ErrorCodes.Blip.BAD_MESSAGE, "message ends inside its properties");
        }
    }

    private void readLengthByte(byte b) {
        lengthBytes[lengthCount++] = b;
        if (b < 0) { // continuation bit set
            if (lengthCount == lengthBytes.length) {
                throw new BlipProtocolException(ErrorCodes.Blip.BAD_FRAME, "varint longer than 64 bits");
            }
            return;
        }
        long size = Varint.read(ByteBuffer.wrap(lengthBytes, 0, lengthCount));
        MessageCodec.checkPropertiesSize(size);
        block = new byte[(int) size];
        moveTo(State.PROPERTIES);
        if (size == 0) {
            toBody();
        }
    }

    private void toBody() {
        properties = MessageCodec.parseBlock(ByteBuffer.wrap(block));
        block = null;
        moveTo(State.BODY);
    }

    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("MessageAssembler: bad transition " + state + " -> " + next);
        }
        state = next;
    }
}
