package org.c4j.blip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.c4j.blip.BlipConfig;
import org.c4j.blip.FakeSocket;
import org.c4j.blip.IncomingMessage;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.junit.jupiter.api.Test;

/** The outgoing half without threads: frames, numbering, frame sizes, flow control and the write window. */
class SenderTest {
    private final FakeSocket socket = new FakeSocket();
    private final List<C4Exception> fatal = new ArrayList<>();
    private final FrameDecoder peer = new FrameDecoder();

    private Sender sender(BlipConfig.Builder config) {
        Sender s = new Sender(socket, config.build(), fatal::add);
        s.setOpen(true);
        return s;
    }

    private static MessageOut request(int bodySize, boolean urgent, boolean noReply) {
        return new MessageOut(MessageType.MSG, 0, (urgent ? BlipWire.URGENT : 0) | (noReply ? BlipWire.NO_REPLY : 0),
                OutgoingPayload.of(MessageCodec.encodeProperties(Map.of("Profile", "p")), new byte[bodySize]),
                new CompletableFuture<>(), null);
    }

    /** Decodes (and so verifies) every frame written so far, completing the writes. */
    private List<Frame> takeFrames(Sender s) {
        List<Frame> frames = new ArrayList<>();
        for (ByteBuffer b : socket.takeWritten()) {
            Frame f = peer.decode(b);
            frames.add(new Frame(f.msgNo(), f.flags(), ByteBuffer.allocate(f.payload().remaining())
                    .put(f.payload()).flip()));
            s.completedWrite(b.remaining());
        }
        return frames;
    }

    @Test
    void requestsAreNumberedAsTheyStartAndNoReplyCompletesWhenSent() {
        Sender s = sender(BlipConfig.builder());
        MessageOut a = request(10, false, true);
        MessageOut b = request(10, false, false);
        s.enqueue(a);
        s.enqueue(b);
        List<Frame> frames = takeFrames(s);
        assertEquals(List.of(1L, 2L), frames.stream().map(Frame::msgNo).toList());
        assertTrue(a.future().isDone());
        assertNull(a.future().join());
        assertFalse(b.future().isDone(), "awaits its reply");
        assertEquals(b, s.takeAwaitingReply(2));
        assertNull(s.takeAwaitingReply(1), "a no-reply request awaits nothing");
    }

    @Test
    void messagePausesAtTheUnackedThresholdAndResumesOnAck() {
        Sender s = sender(BlipConfig.builder());
        MessageOut big = request(1_000_000, false, false);
        s.enqueue(big);
        List<Frame> frames = takeFrames(s);
        long sent = big.bytesSent();
        assertEquals(MessageOut.State.PAUSED, big.state());
        assertTrue(sent >= BlipTuning.OUTGOING_ACK_THRESHOLD && sent < BlipTuning.OUTGOING_ACK_THRESHOLD
                + BlipTuning.FRAME_SIZE + 16, "sent " + sent);
        assertTrue(frames.get(frames.size() - 1).moreComing());
        assertTrue(takeFrames(s).isEmpty(), "nothing more until an ACK");

        s.ackReceived(MessageType.ACKRPY, 1, sent);
        assertTrue(takeFrames(s).isEmpty(), "an ACK of the wrong kind changes nothing");
        s.ackReceived(MessageType.ACKMSG, 1, 1_000);
        assertTrue(takeFrames(s).isEmpty(), "still over the threshold");
        s.ackReceived(MessageType.ACKMSG, 1, sent);
        assertFalse(takeFrames(s).isEmpty());
        assertTrue(big.bytesSent() > sent);
    }

    @Test
    void writeWindowBoundsBytesNotYetCompleted() {
        Sender s = sender(BlipConfig.builder().maxUnwrittenBytes(40_000));
        s.enqueue(request(100_000, false, false));
        List<ByteBuffer> written = socket.takeWritten();
        assertEquals(3, written.size(), "16 KiB frames until 40,000 bytes are pending");
        s.sendAck(MessageType.ACKMSG, 9, 1234);
        assertEquals(1, socket.written.size(), "ACKs go out even when the window is full");
        s.completedWrite(written.get(0).remaining());
        assertEquals(2, socket.written.size(), "one frame more per completed frame");
    }

    @Test
    void completionsAreCountedWithoutATaskUnlessTheSenderWaitsForRoom() {
        Sender s = sender(BlipConfig.builder().maxUnwrittenBytes(40_000));
        s.enqueue(request(10, false, false));
        assertFalse(s.writeCompleted(socket.takeWritten().get(0).remaining()), "not waiting: nothing to resume");
        s.enqueue(request(100_000, false, false));
        List<ByteBuffer> written = socket.takeWritten();
        assertEquals(3, written.size());
        assertTrue(s.writeCompleted(written.get(0).remaining()), "waiting for room: resume asked once");
        assertFalse(s.writeCompleted(written.get(1).remaining()), "and only once");
        assertTrue(socket.written.isEmpty(), "nothing sent before the resume runs");
        s.resume();
        assertEquals(2, socket.written.size(), "two frames' room made");
    }

    @Test
    void normalMessageUsesSmallFramesWhileAnUrgentOneWaits() {
        Sender s = sender(BlipConfig.builder().maxUnwrittenBytes(1));
        MessageOut normal = request(100_000, false, false);
        s.enqueue(normal);
        List<ByteBuffer> first = socket.takeWritten();   // first 16 KiB frame of the normal message, in flight
        MessageOut urgent = request(100_000, true, false);
        s.enqueue(urgent);
        peer.decode(first.get(0));
        s.completedWrite(first.get(0).remaining());
        List<Integer> sizes = new ArrayList<>();
        List<Long> order = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Frame f = takeFrames(s).get(0);
            order.add(f.msgNo());
            sizes.add(f.payload().remaining());
        }
        // They alternate: urgent sends big frames, normal small ones while urgent is next in line.
        assertEquals(List.of(1L, 2L, 1L, 2L, 1L, 2L), order);
        assertEquals(List.of(4096, 16384, 4096, 16384, 4096, 16384), sizes);
    }

    @Test
    void cancelAllFailsEverythingPendingAndLaterMessages() {
        Sender s = sender(BlipConfig.builder().maxUnwrittenBytes(1));
        MessageOut started = request(100_000, false, false);
        MessageOut queued = request(10, false, false);
        s.enqueue(started);
        s.enqueue(queued);
        C4Exception gone = new C4Exception(ErrorDomain.BLIP, ErrorCodes.Blip.DISCONNECTED, "gone");
        s.cancelAll(gone);
        assertTrue(started.future().isCompletedExceptionally());
        assertTrue(queued.future().isCompletedExceptionally());
        assertEquals(MessageOut.State.CANCELLED, queued.state());
        MessageOut late = request(1, false, false);
        s.enqueue(late);
        assertTrue(late.future().isCompletedExceptionally());
        CompletableFuture<IncomingMessage> f = late.future();
        assertEquals(gone, f.handle((v, e) -> e).join());
    }

    @Test
    void failingBodySourceCancelsTheMessageAndReportsFatal() {
        Sender s = sender(BlipConfig.builder());
        MessageOut m = new MessageOut(MessageType.MSG, 0, 0, OutgoingPayload.of(new byte[] {0}, dst -> {
            throw new java.io.IOException("bad disk");
        }, 1024), new CompletableFuture<>(), null);
        s.enqueue(m);
        assertEquals(1, fatal.size());
        assertEquals(ErrorCodes.LiteCore.IO_ERROR, fatal.get(0).code());
        assertTrue(m.future().isCompletedExceptionally());
        assertEquals(MessageOut.State.CANCELLED, m.state());
    }

    @Test
    void nothingIsWrittenUntilOpen() {
        Sender s = new Sender(socket, BlipConfig.defaults(), fatal::add);
        s.enqueue(request(10, false, false));
        s.sendAck(MessageType.ACKMSG, 1, 1);
        assertTrue(socket.written.isEmpty());
        s.setOpen(true);
        assertEquals(1, socket.written.size());
    }

    private static MessageOut reply(long no, int bodySize) {
        return new MessageOut(MessageType.RPY, no, 0, OutgoingPayload.of(MessageCodec.encodeProperties(Map.of()),
                new byte[bodySize]), null, null);
    }

    @Test
    void aPeerThatStopsReadingRunsIntoTheQueueLimit() {
        Sender s = sender(BlipConfig.builder().maxQueuedOutgoingBytes(100_000).maxUnwrittenBytes(20_000));
        for (int i = 1; i <= 3; i++) { // 3 x 30 KB fit; the socket completes nothing
            s.enqueue(reply(i, 30_000));
        }
        assertTrue(fatal.isEmpty());
        assertTrue(s.queuedBytes() > 90_000);
        s.enqueue(reply(4, 30_000));
        assertEquals(1, fatal.size());
        BlipLimitException e = (BlipLimitException) fatal.get(0);
        assertEquals(ErrorCodes.WebSocket.CLOSE_POLICY_ERROR, e.closeCode());
    }

    @Test
    void ourOwnRequestsAreNotCounted() {
        Sender s = sender(BlipConfig.builder().maxQueuedOutgoingBytes(100_000).maxUnwrittenBytes(20_000));
        for (int i = 0; i < 10; i++) {
            s.enqueue(request(30_000, false, false));
        }
        assertTrue(fatal.isEmpty());
        assertTrue(s.queuedBytes() < 100_000, "only unwritten frames: " + s.queuedBytes());
    }

    @Test
    void theQueueAccountReturnsToZeroOnceEverythingIsWritten() {
        Sender s = sender(BlipConfig.builder());
        for (int i = 1; i <= 5; i++) {
            s.enqueue(reply(i, 40_000));
        }
        assertTrue(s.queuedBytes() >= 200_000);
        while (!takeFrames(s).isEmpty()) {
            // takeFrames completes every write; 40 KB messages never pause for ACKs
        }
        assertEquals(0, s.queuedBytes());
    }
}
