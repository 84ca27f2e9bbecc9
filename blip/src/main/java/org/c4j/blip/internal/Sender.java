package org.c4j.blip.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.c4j.blip.BlipConfig;
import org.c4j.blip.CompressionPolicy;
import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outgoing half of a connection: multiplexes queued messages frame by frame through the {@link Outbox}, numbers
 * requests as they start, pauses messages the peer has not acknowledged enough of, and stops writing while the socket
 * has too many bytes not yet completed. ACKs go out at once, ahead of everything.
 *
 * <p>Limit: {@link #queuedBytes()} (payloads of replies not yet fully sent, plus
 * {@link BlipTuning#QUEUED_MESSAGE_OVERHEAD} each, plus bytes written but not completed by the socket) may not pass
 * {@link BlipConfig#maxQueuedOutgoingBytes()}: a reply that would pass it is cancelled and {@code onFatal} gets a
 * {@link BlipLimitException} (1008) — only a peer that keeps asking while it stops reading or acknowledging gets
 * there. Our own requests are not counted: how many the application sends is its choice (the replicator bounds
 * what it has in flight), and their frames still wait for room in the socket.
 *
 * <p>Not thread-safe: owned by the connection's executor, except {@link #writeCompleted}, which the socket's thread
 * calls. Frames handed to the socket belong to it.
 */
public final class Sender {
    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);

    private final C4Socket socket;
    private final FrameEncoder encoder;
    private final Consumer<C4Exception> onFatal;
    private final String name;
    private final int frameSize;
    private final int smallFrameSize;
    private final long pauseThreshold;
    private final long maxUnwritten;
    private final long maxQueued;
    private final CompressionPolicy compression;
    private final LinkPressure link;
    private final Outbox<MessageOut> outbox = new Outbox<>();
    /** Started requests and replies not yet fully sent, by number: where peer ACKs land. */
    private final Map<Long, MessageOut> sendingRequests = new HashMap<>();
    private final Map<Long, MessageOut> sendingReplies = new HashMap<>();
    /** Requests (started) whose reply has not begun to arrive. */
    private final Map<Long, MessageOut> awaitingReply = new HashMap<>();
    private long lastRequestNo;
    /** Bytes handed to the socket in all (executor only). */
    private long writtenBytes;
    /** Bytes the socket reported written, counted on the socket's thread ({@link #writeCompleted}). */
    private final AtomicLong completedBytes = new AtomicLong();
    /** Set while {@link #pump} stopped for want of room, until a completion asks for {@link #resume}. */
    private final AtomicBoolean waitingForRoom = new AtomicBoolean();
    /** Charged for replies enqueued and not yet SENT or CANCELLED. */
    private long chargedBytes;
    private boolean open;
    private C4Exception cancelledWith;
    private volatile long bytesSent;
    private volatile long messagesSent;

    /**
     * @param onFatal told when sending cannot go on (a body source failed: {@link C4Exception}; the outgoing limit
     *                was hit: {@link BlipLimitException}); the connection then closes
     */
    public Sender(C4Socket socket, BlipConfig config, Consumer<C4Exception> onFatal) {
        this.socket = socket;
        this.encoder = new FrameEncoder(config.compressionLevel());
        this.onFatal = onFatal;
        this.name = config.name();
        this.frameSize = config.frameSize();
        this.smallFrameSize = config.smallFrameSize();
        this.pauseThreshold = config.outgoingAckThreshold();
        this.maxUnwritten = config.maxUnwrittenBytes();
        this.maxQueued = config.maxQueuedOutgoingBytes();
        this.compression = config.compression();
        this.link = LinkPressure.forMaxUnwritten(maxUnwritten);
    }

    /** Lets frames flow (the socket opened) or stops them for good (closing). */
    public void setOpen(boolean value) {
        open = value && cancelledWith == null;
        if (open) {
            pump();
        }
    }

    /** Queues a new request or reply and sends what the socket takes. */
    public void enqueue(MessageOut msg) {
        if (cancelledWith != null) {
            cancel(msg, cancelledWith);
            return;
        }
        if (msg.type() != MessageType.MSG) {
            long cost = msg.retainedBytes() + BlipTuning.QUEUED_MESSAGE_OVERHEAD;
            if (queuedBytes() + cost > maxQueued) {
                BlipLimitException error = new BlipLimitException(ErrorCodes.WebSocket.CLOSE_POLICY_ERROR,
                        "queued replies would hold more than " + maxQueued + " bytes (the peer is not reading)");
                cancel(msg, error);
                onFatal.accept(error);
                return;
            }
            msg.charge(cost);
            chargedBytes += cost;
        }
        outbox.add(msg);
        pump();
    }

    /** Bytes the outgoing side holds for the peer: replies not yet sent plus bytes written but not yet completed. */
    public long queuedBytes() {
        return chargedBytes + unwrittenBytes();
    }

    /** Sends an ACK frame now, ahead of the outbox (ACKs are tiny and unblock the peer). */
    public void sendAck(MessageType ackType, long number, long bytesReceived) {
        if (open) {
            write(encoder.encodeAck(number, ackType, bytesReceived));
        }
    }

    /** The peer acknowledged {@code byteCount} bytes of our request ({@code ACKMSG}) or reply ({@code ACKRPY}). */
    public void ackReceived(MessageType ackType, long number, long byteCount) {
        MessageOut msg = (ackType == MessageType.ACKMSG ? sendingRequests : sendingReplies).get(number);
        if (msg == null) {
            LOG.debug("{}: {} #{} for a message not being sent; ignored", name, ackType, number);
            return;
        }
        if (msg.acknowledged(byteCount, pauseThreshold)) {
            outbox.add(msg);
            pump();
        }
    }

    /** The socket finished writing {@code byteCount} more bytes (on the executor: counts them and sends on). */
    public void completedWrite(long byteCount) {
        writeCompleted(byteCount);
        resume();
    }

    /**
     * The socket finished writing {@code byteCount} more bytes: counted at once, on the socket's thread — the one
     * method of this class any thread may call. Returns true if the sender is waiting for room, and then the
     * caller must have {@link #resume} run on the executor; otherwise there is nothing to do, so a completed write
     * costs no executor task.
     */
    public boolean writeCompleted(long byteCount) {
        completedBytes.addAndGet(byteCount);
        return waitingForRoom.compareAndSet(true, false);
    }

    /** Sends on after completed writes made room (executor). */
    public void resume() {
        waitingForRoom.set(false);
        pump();
    }

    /** Bytes handed to the socket and not yet reported written. */
    private long unwrittenBytes() {
        return Math.max(0, writtenBytes - completedBytes.get());
    }

    /**
     * True if there is room in the socket; if not, asks the next completion for a {@link #resume} and checks again
     * (a completion that came in between would not have asked).
     */
    private boolean hasRoom() {
        if (unwrittenBytes() < maxUnwritten) {
            return true;
        }
        waitingForRoom.set(true);
        if (unwrittenBytes() < maxUnwritten) {
            waitingForRoom.set(false); // a resume may still come: pumping twice is harmless
            return true;
        }
        return false;
    }

    /**
     * Takes the request a reply with this number answers, or null if there is none (it becomes the reply's to
     * complete).
     */
    public MessageOut takeAwaitingReply(long number) {
        return awaitingReply.remove(number);
    }

    /** Writes frames while there is something to send and room in the socket. */
    private void pump() {
        while (open && !outbox.isEmpty() && hasRoom()) {
            MessageOut msg = outbox.poll();
            if (msg == null) {
                return;
            }
            MessageOut next = outbox.peek();
            int max = msg.urgent() || next == null || !next.urgent() ? frameSize : smallFrameSize;
            if (!msg.started()) {
                begin(msg);
            }
            ByteBuffer frame;
            try {
                frame = msg.nextFrame(encoder, max, pauseThreshold);
            } catch (IOException | RuntimeException e) {
                C4Exception error = new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.IO_ERROR,
                        "could not read the body of " + msg + ": " + e.getMessage(), e);
                cancel(msg, error);
                onFatal.accept(error);
                return;
            }
            write(frame);
            switch (msg.state()) {
                case SENDING -> outbox.add(msg);
                case PAUSED -> LOG.trace("{}: {} paused until acknowledged", name, msg);
                case SENT -> finished(msg);
                default -> throw new IllegalStateException("unexpected state after a frame: " + msg);
            }
        }
    }

    private void begin(MessageOut msg) {
        boolean linkBehind = compression == CompressionPolicy.ADAPTIVE && link.sample(backlog(), bytesSent);
        if (msg.wantsCompression() && !compress(msg, linkBehind)) {
            msg.sendUncompressed();
        }
        if (msg.type() == MessageType.MSG) {
            msg.assignNumber(++lastRequestNo);
            if (msg.expectsReply()) {
                awaitingReply.put(msg.number(), msg);
            }
            sendingRequests.put(msg.number(), msg);
        } else {
            sendingReplies.put(msg.number(), msg);
        }
    }

    /** The {@link CompressionPolicy} decision for a message that asks for compression, as it starts. */
    private boolean compress(MessageOut msg, boolean linkBehind) {
        return switch (compression) {
            case ALWAYS -> true;
            case NEVER -> false;
            case ADAPTIVE -> linkBehind && (msg.remainingOrUnknown() < 0
                    || msg.remainingOrUnknown() >= BlipTuning.ADAPTIVE_COMPRESSION_MIN_BYTES);
        };
    }

    /**
     * The link's backlog for {@link LinkPressure}: what the socket says it has not handed on yet, or, from a socket
     * that does not say, the bytes written whose {@code completedWrite} this executor has not handled yet (which a
     * busy stretch of this executor also inflates: the window keeps that from counting).
     */
    private long backlog() {
        long unsent = socket.unsentBytes();
        return unsent >= 0 ? unsent : unwrittenBytes();
    }

    private void finished(MessageOut msg) {
        chargedBytes -= msg.uncharge();
        (msg.type() == MessageType.MSG ? sendingRequests : sendingReplies).remove(msg.number());
        messagesSent++;
        if (msg.type() == MessageType.MSG && msg.noReply()) {
            msg.future().complete(null);
        }
    }

    private void write(ByteBuffer frame) {
        int n = frame.remaining();
        writtenBytes += n;
        bytesSent += n;
        socket.write(frame);
    }

    private void cancel(MessageOut msg, C4Exception error) {
        chargedBytes -= msg.uncharge();
        if (msg.cancel()) {
            (msg.type() == MessageType.MSG ? sendingRequests : sendingReplies).remove(msg.number());
        }
        awaitingReply.remove(msg.number(), msg);
        if (msg.future() != null) {
            msg.future().completeExceptionally(error);
        }
    }

    /**
     * Stops sending for good: every unsent or half-sent message and every awaited reply fails with {@code error}, and
     * so does every message queued later. Idempotent.
     */
    public void cancelAll(C4Exception error) {
        if (cancelledWith != null) {
            return;
        }
        open = false;
        cancelledWith = error;
        Set<MessageOut> all = new LinkedHashSet<>(outbox.drain());
        all.addAll(sendingRequests.values());
        all.addAll(sendingReplies.values());
        all.addAll(awaitingReply.values());
        sendingRequests.clear();
        sendingReplies.clear();
        awaitingReply.clear();
        for (MessageOut msg : all) {
            chargedBytes -= msg.uncharge();
            msg.cancel();
            if (msg.future() != null) {
                msg.future().completeExceptionally(error);
            }
        }
        encoder.close();
    }

    public long bytesSent() {
        return bytesSent;
    }

    public long messagesSent() {
        return messagesSent;
    }
}
