package org.c4j.blip.internal;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.c4j.blip.BlipConfig;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incoming half of a connection: decodes frames, routes them to the request or reply they belong to (requests and
 * replies are numbered independently), acknowledges big messages, passes ACKs to the {@link Sender}, and delivers
 * complete requests and replies.
 *
 * <p>Fatal errors (corrupt frames, requests out of order) are thrown as {@link BlipProtocolException}. Frame errors
 * (a reply nobody waits for, a frame of an already complete request) drop the frame with a log line; a malformed
 * request is answered with error 400, a malformed reply fails its request's future.
 *
 * <p>Limits (from {@link BlipConfig}), each thrown as a fatal {@link BlipLimitException}: the size of one message
 * ({@link MessageIn}), the inflated size of one frame ({@link FrameDecoder}), the number of incoming requests in
 * progress, and the bytes held across all messages in progress ({@link #bufferedBytes()}). {@link #close} drops
 * everything held.
 *
 * <p>Not thread-safe: owned by the connection's executor.
 */
public final class Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(Receiver.class);
    /** BLIP's error code for a request it could not parse (HTTP's Bad Request, as the spec's BLIP domain uses). */
    private static final int BAD_REQUEST = 400;

    private final FrameDecoder decoder;
    private final Sender sender;
    private final ReceivedMessage.Responder responder;
    private final Consumer<ReceivedMessage> onRequest;
    private final String name;
    private final long ackThreshold;
    private final long maxMessageSize;
    private final long maxBuffered;
    private final int maxIncompleteRequests;
    private final Map<Long, MessageIn> requests = new HashMap<>();
    private final Map<Long, PendingReply> replies = new HashMap<>();
    private long lastRequestNo;
    private long bufferedBytes;
    private boolean closed;
    private volatile long bytesReceived;
    private volatile long messagesReceived;

    /** A reply being received, with the request whose future it completes. */
    private record PendingReply(MessageIn in, MessageOut request) {
    }

    /**
     * @param responder answers requests
     * @param onRequest gets each complete request
     */
    public Receiver(BlipConfig config, Sender sender, ReceivedMessage.Responder responder,
                    Consumer<ReceivedMessage> onRequest) {
        this.sender = sender;
        this.responder = responder;
        this.onRequest = onRequest;
        this.name = config.name();
        this.ackThreshold = config.incomingAckThreshold();
        this.maxMessageSize = config.maxIncomingMessageSize();
        this.maxBuffered = config.maxBufferedIncomingBytes();
        this.maxIncompleteRequests = config.maxIncompleteIncomingRequests();
        this.decoder = new FrameDecoder(config.maxInflatedFrameSize());
    }

    /**
     * Handles one received frame (one WebSocket message). The buffer is not kept.
     *
     * @throws BlipProtocolException if the frame is fatal to the connection
     * @throws BlipLimitException    if the frame would make us exceed a limit (also fatal)
     */
    public void onFrame(ByteBuffer wire) {
        if (closed) {
            return;
        }
        int size = wire.remaining();
        bytesReceived += size;
        Frame frame = decoder.decode(wire);
        long wireBytes = size - Varint.size(frame.msgNo()) - Varint.size(frame.flags());
        MessageType type = frame.type();
        switch (type) {
            case ACKMSG, ACKRPY -> sender.ackReceived(type, frame.msgNo(), frame.ackedBytes());
            case MSG -> requestFrame(frame, wireBytes);
            case RPY, ERR -> replyFrame(frame, wireBytes);
        }
    }

    private void requestFrame(Frame frame, long wireBytes) {
        long no = frame.msgNo();
        MessageIn msg = requests.get(no);
        if (msg == null) {
            if (no == lastRequestNo + 1) {
                if (frame.moreComing() && requests.size() >= maxIncompleteRequests) {
                    throw new BlipLimitException(ErrorCodes.WebSocket.CLOSE_POLICY_ERROR, "more than "
                            + maxIncompleteRequests + " incoming requests in progress at once");
                }
                lastRequestNo = no;
                msg = new MessageIn(no, null, ackThreshold, maxMessageSize);
                requests.put(no, msg);
            } else if (no != 0 && Long.compareUnsigned(no, lastRequestNo) <= 0) {
                LOG.warn("{}: frame of request #{} which is already complete; dropped", name, no);
                return;
            } else {
                throw new BlipProtocolException(ErrorCodes.Blip.BAD_FRAME, "request #" + Long.toUnsignedString(no)
                        + " out of order (expected #" + (lastRequestNo + 1) + ")");
            }
        }
        boolean wasReceiving = msg.state() == MessageIn.State.RECEIVING;
        if (addFrame(msg, frame, wireBytes)) {
            sender.sendAck(MessageType.ACKMSG, no, msg.bytesReceived());
        }
        if (!frame.moreComing()) {
            requests.remove(no);
            bufferedBytes -= msg.retainedBytes();
        }
        if (msg.state() == MessageIn.State.COMPLETE) {
            messagesReceived++;
            onRequest.accept(new ReceivedMessage(no, msg.flags(), msg.properties(), msg.body(), responder));
        } else if (wasReceiving && msg.state() == MessageIn.State.FAILED) {
            LOG.warn("{}: malformed request #{}: {}", name, no, msg.failure().getMessage());
            new ReceivedMessage(no, msg.flags(), Map.of(), new byte[0], responder)
                    .respondWithErrorIfUnanswered(BlipWire.DEFAULT_ERROR_DOMAIN, BAD_REQUEST,
                            "malformed request: " + msg.failure().getMessage());
        }
    }

    private void replyFrame(Frame frame, long wireBytes) {
        long no = frame.msgNo();
        PendingReply pending = replies.get(no);
        if (pending == null) {
            MessageOut request = sender.takeAwaitingReply(no);
            if (request == null) {
                LOG.warn("{}: {} #{} answers no request we are waiting on; dropped", name, frame.type(), no);
                return;
            }
            pending = new PendingReply(new MessageIn(no, request.replySink(), ackThreshold, maxMessageSize),
                    request);
            replies.put(no, pending);
        }
        MessageIn msg = pending.in();
        boolean wasReceiving = msg.state() == MessageIn.State.RECEIVING;
        if (addFrame(msg, frame, wireBytes)) {
            sender.sendAck(MessageType.ACKRPY, no, msg.bytesReceived());
        }
        if (!frame.moreComing()) {
            replies.remove(no);
            bufferedBytes -= msg.retainedBytes();
        }
        if (msg.state() == MessageIn.State.COMPLETE) {
            messagesReceived++;
            pending.request().future().complete(
                    new ReceivedMessage(no, msg.flags(), msg.properties(), msg.body(), null));
        } else if (wasReceiving && msg.state() == MessageIn.State.FAILED) {
            LOG.warn("{}: reply #{} failed: {}", name, no, msg.failure().toString());
            pending.request().future().completeExceptionally(msg.failure());
        }
    }

    /** Feeds a frame to a message in progress and keeps {@link #bufferedBytes} in step; enforces its limit. */
    private boolean addFrame(MessageIn msg, Frame frame, long wireBytes) {
        long before = msg.retainedBytes();
        boolean ackDue;
        try {
            ackDue = msg.addFrame(frame, wireBytes);
        } finally {
            bufferedBytes += msg.retainedBytes() - before;
        }
        if (frame.moreComing() && bufferedBytes > maxBuffered) { // a finished message leaves the account now
            throw new BlipLimitException(ErrorCodes.WebSocket.CLOSE_MESSAGE_TOO_BIG, "incoming messages in "
                    + "progress hold more than " + maxBuffered + " bytes");
        }
        return ackDue;
    }

    /**
     * Stops receiving and drops everything held: replies in progress fail with {@code error}, requests in progress
     * are discarded. Idempotent.
     */
    public void close(C4Exception error) {
        if (closed) {
            return;
        }
        closed = true;
        for (PendingReply p : replies.values()) {
            p.in().release();
            p.request().future().completeExceptionally(error);
        }
        replies.clear();
        for (MessageIn m : requests.values()) {
            m.release();
        }
        requests.clear();
        bufferedBytes = 0;
        decoder.close();
    }

    /** Heap bytes held by incoming messages in progress (what {@link BlipConfig#maxBufferedIncomingBytes} bounds). */
    public long bufferedBytes() {
        return bufferedBytes;
    }

    /** Incoming requests whose last frame has not arrived yet. */
    public int incompleteRequests() {
        return requests.size();
    }

    public long bytesReceived() {
        return bytesReceived;
    }

    public long messagesReceived() {
        return messagesReceived;
    }
}
