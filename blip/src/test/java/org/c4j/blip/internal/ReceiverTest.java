package org.c4j.blip.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.c4j.blip.BlipConfig;
import org.c4j.blip.FakeSocket;
import org.c4j.blip.OutgoingMessage;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.junit.jupiter.api.Test;

/** The incoming half without threads, fed frames from a peer's {@link FrameEncoder}. */
class ReceiverTest {
    private final FakeSocket socket = new FakeSocket();
    private final Sender sender = new Sender(socket, BlipConfig.defaults(), e -> { });
    private final List<ReceivedMessage> requests = new ArrayList<>();
    private final List<String> errorReplies = new ArrayList<>();
    private final ReceivedMessage.Responder responder = new ReceivedMessage.Responder() {
        @Override
        public void reply(ReceivedMessage request, OutgoingMessage reply) {
            errorReplies.add("reply #" + request.number());
        }

        @Override
        public void replyWithError(ReceivedMessage request, String domain, int code, String message) {
            errorReplies.add(domain + " " + code + " #" + request.number());
        }
    };
    private final Receiver receiver = new Receiver(BlipConfig.defaults(), sender, responder, requests::add);
    private final FrameEncoder peer = new FrameEncoder(6);
    private final FrameDecoder ours = new FrameDecoder();

    ReceiverTest() {
        sender.setOpen(true);
    }

    private void send(long no, MessageType type, int extraFlags, byte[] message, int frameSize) {
        ByteBuffer src = ByteBuffer.wrap(message);
        do {
            int n = Math.min(frameSize, src.remaining());
            int flags = type.wireValue() | extraFlags | (src.remaining() > n ? BlipWire.MORE_COMING : 0);
            receiver.onFrame(peer.encode(no, flags, src, n == 0 ? 1 : n));
        } while (src.hasRemaining());
    }

    private static byte[] message(String profile, byte[] body) {
        Map<String, String> props = new LinkedHashMap<>();
        if (profile != null) {
            props.put("Profile", profile);
        }
        return MessageCodec.encodeMessage(props, body);
    }

    @Test
    void deliversRequestsSplitAcrossFramesEvenInsideTheProperties() {
        byte[] body = new byte[1000];
        new java.util.Random(1).nextBytes(body);
        send(1, MessageType.MSG, BlipWire.URGENT, message("sync", body), 3);
        send(2, MessageType.MSG, BlipWire.COMPRESSED | BlipWire.NO_REPLY, message("note", new byte[0]), 100);
        assertEquals(2, requests.size());
        assertEquals("sync", requests.get(0).profile());
        assertArrayEquals(body, requests.get(0).body());
        assertTrue(requests.get(0).isUrgent());
        assertTrue(requests.get(1).isNoReply());
        assertTrue(requests.get(1).isCompressed());
        assertEquals(2, receiver.messagesReceived());
    }

    @Test
    void acknowledgesEvery50000Bytes() {
        send(1, MessageType.MSG, 0, message("big", new byte[200_000]), 16_384);
        List<Long> acked = new ArrayList<>();
        for (ByteBuffer b : socket.takeWritten()) {
            Frame f = ours.decode(b);
            assertEquals(MessageType.ACKMSG, f.type());
            acked.add(f.ackedBytes());
        }
        // 16,388 wire bytes (payload + checksum) per frame; the count restarts after each ACK: frames 4, 8, 12.
        assertEquals(List.of(4 * 16_388L, 8 * 16_388L, 12 * 16_388L), acked);
    }

    @Test
    void repliesCompleteTheirRequestsFuture() {
        CompletableFuture<org.c4j.blip.IncomingMessage> future = new CompletableFuture<>();
        sender.enqueue(new MessageOut(MessageType.MSG, 0, 0, OutgoingPayload.of(new byte[] {0}, new byte[0]),
                future, null));
        send(1, MessageType.ERR, 0, MessageCodec.encodeMessage(Map.of("Error-Code", "409", "Error-Domain", "HTTP"),
                "conflict".getBytes()), 5);
        assertTrue(future.join().isError());
        assertEquals(409, future.join().errorCode());
        assertEquals("conflict", future.join().errorMessage());
    }

    @Test
    void dropsRepliesNobodyWaitsForAndFramesOfCompleteRequests() {
        send(7, MessageType.RPY, 0, message(null, new byte[3]), 100);
        send(1, MessageType.MSG, 0, message("a", new byte[3]), 100);
        send(1, MessageType.MSG, 0, message("a", new byte[3]), 100);
        sender.ackReceived(MessageType.ACKMSG, 5, 100);
        assertEquals(1, requests.size());
    }

    @Test
    void requestOutOfOrderIsFatal() {
        BlipProtocolException e = assertThrows(BlipProtocolException.class,
                () -> send(2, MessageType.MSG, 0, message("a", new byte[3]), 100));
        assertEquals(ErrorCodes.Blip.BAD_FRAME, e.code());
    }

    @Test
    void malformedRequestIsAnsweredWith400AndLaterRequestsStillWork() {
        byte[] bad = {3, 'a', 0, 'b'};                // properties not NUL-terminated
        send(1, MessageType.MSG, 0, bad, 100);
        assertEquals(List.of("BLIP 400 #1"), errorReplies);
        assertTrue(requests.isEmpty());
        send(2, MessageType.MSG, 0, message("ok", new byte[0]), 100);
        assertEquals("ok", requests.get(0).profile());
    }

    private Receiver receiver(BlipConfig.Builder config) {
        return new Receiver(config.build(), sender, responder, requests::add);
    }

    private static ByteBuffer frame(FrameEncoder enc, long no, int flags, byte[] payload) {
        return enc.encode(no, MessageType.MSG.wireValue() | flags, ByteBuffer.wrap(payload), Math.max(1, payload.length));
    }

    @Test
    void oneIncompleteRequestTooManyIsAPolicyViolation() {
        Receiver r = receiver(BlipConfig.builder().maxIncompleteIncomingRequests(3));
        byte[] start = message("p", new byte[10]);
        for (int no = 1; no <= 3; no++) {
            r.onFrame(frame(peer, no, BlipWire.MORE_COMING, start));
        }
        r.onFrame(frame(peer, 4, 0, start)); // a whole request in one frame is never "in progress"
        assertEquals(3, r.incompleteRequests());
        BlipLimitException e = assertThrows(BlipLimitException.class,
                () -> r.onFrame(frame(peer, 5, BlipWire.MORE_COMING, start)));
        assertEquals(ErrorCodes.WebSocket.CLOSE_POLICY_ERROR, e.closeCode());
    }

    @Test
    void bytesHeldAcrossMessagesInProgressAreCapped() {
        Receiver r = receiver(BlipConfig.builder().maxBufferedIncomingBytes(100_000));
        byte[] chunk = new byte[16_000];
        r.onFrame(frame(peer, 1, BlipWire.MORE_COMING, message("p", new byte[0])));
        r.onFrame(frame(peer, 2, BlipWire.MORE_COMING, message("p", new byte[0])));
        BlipLimitException e = assertThrows(BlipLimitException.class, () -> {
            for (int i = 0; i < 10; i++) {
                r.onFrame(frame(peer, 1 + i % 2, BlipWire.MORE_COMING, chunk));
            }
        });
        assertEquals(ErrorCodes.WebSocket.CLOSE_MESSAGE_TOO_BIG, e.closeCode());
        r.close(new C4Exception(ErrorDomain.BLIP, ErrorCodes.Blip.DISCONNECTED, "gone"));
        assertEquals(0, r.bufferedBytes());
    }

    @Test
    void finishedMessagesLeaveTheBufferAccount() {
        Receiver r = receiver(BlipConfig.builder());
        r.onFrame(frame(peer, 1, BlipWire.MORE_COMING, message("p", new byte[5000])));
        assertTrue(r.bufferedBytes() >= 5000);
        r.onFrame(frame(peer, 1, 0, new byte[5000]));
        assertEquals(0, r.bufferedBytes());
        assertEquals(10_000, requests.get(0).body().length);
    }

    @Test
    void aMessageOverItsSizeLimitIsTooBig() {
        Receiver r = receiver(BlipConfig.builder().maxIncomingMessageSize(20_000));
        r.onFrame(frame(peer, 1, BlipWire.MORE_COMING, message("p", new byte[16_000])));
        BlipLimitException e = assertThrows(BlipLimitException.class,
                () -> r.onFrame(frame(peer, 1, BlipWire.MORE_COMING, new byte[16_000])));
        assertEquals(ErrorCodes.WebSocket.CLOSE_MESSAGE_TOO_BIG, e.closeCode());
    }

    @Test
    void closeFailsRepliesInProgress() {
        CompletableFuture<org.c4j.blip.IncomingMessage> future = new CompletableFuture<>();
        sender.enqueue(new MessageOut(MessageType.MSG, 0, 0, OutgoingPayload.of(new byte[] {0}, new byte[0]),
                future, null));
        ByteBuffer src = ByteBuffer.wrap(message(null, new byte[100]));
        receiver.onFrame(peer.encode(1, MessageType.RPY.wireValue() | BlipWire.MORE_COMING, src, 50));
        C4Exception gone = new C4Exception(ErrorDomain.BLIP, ErrorCodes.Blip.DISCONNECTED, "gone");
        receiver.close(gone);
        assertTrue(future.isCompletedExceptionally());
        receiver.onFrame(peer.encode(1, MessageType.RPY.wireValue(), src, 100));   // ignored after close
    }
}
