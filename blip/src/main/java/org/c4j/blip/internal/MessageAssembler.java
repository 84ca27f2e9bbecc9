package org.c4j.blip.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.c4j.socket.ErrorCodes;

/**
 * Splits one incoming message, fed frame payload by frame payload, into its properties and body. The properties
 * (and even their length varint) may be split across frames; once they are complete, every further byte is body.
 *
 * <p>Memory: the announced properties length is only an upper bound, never allocated up front: the properties
 * buffer starts at {@value #INITIAL_BLOCK_SIZE} bytes (or the announced length, if smaller) and doubles as bytes
 * really arrive, so it never holds more than twice what the peer sent. An announced length above
 * {@link BlipWire#MAX_PROPERTIES_SIZE} is refused at once ({@link BlipLimitException}, 1009).
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

    /** First size of the properties buffer: real properties blocks (profile, a few IDs) are well under 1 KiB. */
    static final int INITIAL_BLOCK_SIZE = 1024;

    private final byte[] lengthBytes = new byte[BlipWire.MAX_VARINT_SIZE];
    private int lengthCount;
    private int blockSize;
    private byte[] block;
    private int blockFilled;
    private Map<String, String> properties;
    private State state = State.LENGTH;

    /**
     * Consumes all of {@code payload} (advancing its position to its limit) and returns the part of it that is body
     * bytes: empty while the properties are incomplete.
     *
     * @throws BlipProtocolException if the properties length varint or block is malformed
     * @throws BlipLimitException    if the announced properties length exceeds {@link BlipWire#MAX_PROPERTIES_SIZE}
     */
    public ByteBuffer feed(ByteBuffer payload) {
        while (state != State.BODY && payload.hasRemaining()) {
            if (state == State.LENGTH) {
                readLengthByte(payload.get());
            } else {
                int n = Math.min(payload.remaining(), blockSize - blockFilled);
                ensureCapacity(blockFilled + n);
                payload.get(block, blockFilled, n);
                blockFilled += n;
                if (blockFilled == blockSize) {
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
     * Bytes this assembler accounts for on the heap: the properties buffer while it fills, then the size of the
     * parsed block (what the properties map roughly takes).
     */
    public long retainedBytes() {
        return block != null ? block.length : blockSize;
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
        if (size < 0 || size > BlipWire.MAX_PROPERTIES_SIZE) {
            throw new BlipLimitException(ErrorCodes.WebSocket.CLOSE_MESSAGE_TOO_BIG, "properties block of "
                    + Long.toUnsignedString(size) + " bytes announced, more than " + BlipWire.MAX_PROPERTIES_SIZE);
        }
        blockSize = (int) size;
        block = new byte[Math.min(blockSize, INITIAL_BLOCK_SIZE)];
        moveTo(State.PROPERTIES);
        if (size == 0) {
            toBody();
        }
    }

    /** Grows the properties buffer in doubling steps, never past the announced size. */
    private void ensureCapacity(int needed) {
        if (needed > block.length) {
            block = Arrays.copyOf(block, (int) Math.min(blockSize, Math.max(needed, 2L * block.length)));
        }
    }

    private void toBody() {
        properties = MessageCodec.parseBlock(ByteBuffer.wrap(block, 0, blockSize));
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
