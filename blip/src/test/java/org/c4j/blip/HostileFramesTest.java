package org.c4j.blip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.c4j.blip.internal.BlipWire;
import org.c4j.blip.internal.DeflateBomb;
import org.c4j.blip.internal.FrameEncoder;
import org.c4j.blip.internal.MessageCodec;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.testkit.LoopbackConfig;
import org.c4j.socket.testkit.LoopbackPair;
import org.c4j.socket.testkit.RecordingDelegate;
import org.junit.jupiter.api.Test;

/**
 * Each attack a hostile peer can make with BLIP frames, fed through a {@link FakeSocket}: the connection closes with
 * the right WebSocket status and one error, every received byte is released (the receive window never stays shut),
 * and the heap after GC stays within {@link HeapProbe#BOUND} of what it was before the attack — while the attack
 * runs and after. Default limits unless a test says otherwise.
 */
class HostileFramesTest {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HostileFramesTest.class);
    private static final int MSG = 0;
    private static final int RPY = 1;
    private static final int MORE = BlipWire.MORE_COMING;

    /** One connection on a fake socket, opened, driven by hand; the attacker's encoder keeps the CRC in step. */
    static final class Victim {
        final FakeSocket socket = new FakeSocket();
        final ManualExecutor exec = new ManualExecutor();
        final BlipConnection conn;
        final List<C4Exception> closes = new ArrayList<>();
        final FrameEncoder attacker = new FrameEncoder(6);
        final long baseline;
        long delivered;

        Victim(BlipConfig.Builder config) {
            baseline = HeapProbe.usedAfterGc();
            conn = BlipConnection.create(socket, config.executor(exec).name("victim").build());
            conn.setRequestHandler("x", req -> req.respond(OutgoingMessage.builder().body("ok").build()));
            conn.addListener(new ConnectionListener() {
                @Override
                public void onClose(C4Exception errorOrNull) {
                    closes.add(errorOrNull);
                }
            });
            conn.start();
            exec.runAll();
            socket.delegate.opened();
            exec.runAll();
        }

        Victim() {
            this(BlipConfig.builder());
        }

        boolean open() {
            return socket.closeCode < 0;
        }

        void deliver(byte[] frame) {
            delivered += frame.length;
            socket.delegate.received(ByteBuffer.wrap(frame));
            exec.runAll();
        }

        /** A valid frame of {@code payload}, all of it in this one frame. */
        byte[] frame(long no, int flags, byte[] payload) {
            ByteBuffer b = attacker.encode(no, flags, ByteBuffer.wrap(payload), Math.max(1, payload.length));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        }

        void assertHeapBounded(String when) {
            long above = HeapProbe.usedAfterGc() - baseline;
            LOG.info("{}: heap {} KiB above baseline", when, above >> 10);
            assertTrue(above < HeapProbe.BOUND, when + ": heap " + (above >> 20) + " MiB above baseline");
        }

        /** Checks the close status, plays the transport's end of the close, returns the one reported error. */
        C4Exception closedWith(int code) {
            assertEquals(code, socket.closeCode, "close status (reason: " + socket.closeReason + ")");
            assertEquals(delivered, socket.completedReceive, "every received byte is released");
            socket.delegate.closed(new C4Exception(ErrorDomain.WEBSOCKET, code, "closed"));
            exec.runAll();
            assertEquals(ConnectionState.CLOSED, conn.state());
            assertEquals(1, closes.size(), "onClose exactly once");
            assertHeapBounded("after the close");
            attacker.close();
            return closes.get(0);
        }
    }

    private static byte[] announce(long propertiesSize) {
        ByteBuffer b = ByteBuffer.allocate(12);
        org.c4j.blip.internal.Varint.write(propertiesSize, b);
        b.put((byte) 'P');
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    @Test
    void announcedPropertiesAreNotAllocatedUpFront() {
        // 10,000 requests each announcing the largest legal properties block (100 KiB) and sending 2 bytes: 1 GB if
        // allocated as announced; the count limit is raised to let them all in.
        Victim v = new Victim(BlipConfig.builder().maxIncompleteIncomingRequests(10_001));
        for (int no = 1; no <= 10_000; no++) {
            v.deliver(v.frame(no, MSG | MORE, announce(BlipWire.MAX_PROPERTIES_SIZE)));
        }
        assertTrue(v.open());
        v.assertHeapBounded("10,000 announcements of 100 KiB held");
        v.deliver(v.frame(10_001, MSG | MORE, announce(BlipWire.MAX_PROPERTIES_SIZE + 1)));
        C4Exception e = v.closedWith(ErrorCodes.WebSocket.CLOSE_MESSAGE_TOO_BIG);
        assertEquals(ErrorDomain.WEBSOCKET, e.domain());
    }

    @Test
    void aHugeAnnouncedPropertiesLengthIsTooBig() {
        Victim v = new Victim();
        v.deliver(v.frame(1, MSG | MORE, announce(1L << 62)));
        v.closedWith(ErrorCodes.WebSocket.CLOSE_MESSAGE_TOO_BIG);
    }

    @Test
    void oneIncompleteRequestPastTheCountLimitIsAPolicyViolation() {
        Victim v = new Victim();
        byte[] start = MessageCodec.encodeMessage(Map.of("Profile", "x"), new byte[100]);
        for (int no = 1; no <= 64; no++) {
            v.deliver(v.frame(no, MSG | MORE, start));
        }
        assertTrue(v.open());
        v.deliver(v.frame(65, MSG | MORE, start));
        v.closedWith(ErrorCodes.WebSocket.CLOSE_POLICY_ERROR);
    }

    @Test
    void bytesHeldAcrossIncompleteRequestsAreCapped() {
        Victim v = new Victim();
        byte[] start = MessageCodec.encodeMessage(Map.of("Profile", "x"), new byte[0]);
        for (int no = 1; no <= 64; no++) {
            v.deliver(v.frame(no, MSG | MORE, start));
        }
        byte[] chunk = new byte[16 * 1024];
        int frames = 0;
        while (v.open()) {
            v.deliver(v.frame(1 + frames % 64, MSG | MORE, chunk));
            if (++frames % 1024 == 0) {
                v.assertHeapBounded("after " + frames + " frames");
            }
        }
        // The cap counts heap taken, so body blocks not yet full (at most 64 KiB per message) count too.
        assertTrue(frames * (long) chunk.length > (48L << 20) - 64 * 64 * 1024, "closed after " + frames + " frames");
        v.closedWith(ErrorCodes.WebSocket.CLOSE_MESSAGE_TOO_BIG);
    }

    @Test
    void aDeflateBombIsStoppedAtTheInflateLimit() {
        Victim v = new Victim();
        byte[] bomb = DeflateBomb.frame(1, MSG | MORE, 256L << 20); // ~250 KB inflating to 256 MiB
        v.deliver(bomb);
        v.closedWith(ErrorCodes.WebSocket.CLOSE_MESSAGE_TOO_BIG);
    }

    @Test
    void denseCompressedFramesUnderTheInflateLimitStillEndAtTheMessageLimit() {
        Victim v = new Victim();
        CRC32 crc = new CRC32();
        byte[] dense = DeflateBomb.frame(1, MSG | MORE, 15L << 20, crc); // legal: under the 16.1 MiB frame limit
        v.deliver(dense);
        for (int i = 0; i < 3 && v.open(); i++) {
            v.deliver(DeflateBomb.frame(1, MSG | MORE, 15L << 20, crc));
        }
        v.closedWith(ErrorCodes.WebSocket.CLOSE_MESSAGE_TOO_BIG); // 32 MiB per message
    }

    @Test
    void anEndlessMessageEndsAtTheMessageLimit() {
        Victim v = new Victim();
        v.deliver(v.frame(1, MSG | MORE, MessageCodec.encodeMessage(Map.of("Profile", "x"), new byte[0])));
        byte[] chunk = new byte[16 * 1024];
        int frames = 0;
        while (v.open()) {
            v.deliver(v.frame(1, MSG | MORE, chunk));
            if (++frames % 1024 == 0) {
                v.assertHeapBounded("after " + frames + " frames");
            }
        }
        assertEquals(2048, frames, "32 MiB of body");
        v.closedWith(ErrorCodes.WebSocket.CLOSE_MESSAGE_TOO_BIG);
    }

    @Test
    void anEndlessMalformedMessageIsCountedThoughNotKept() {
        Victim v = new Victim(BlipConfig.builder().maxIncomingMessageSize(1 << 20));
        v.deliver(v.frame(1, MSG | MORE, new byte[] {2, 'a', 'b'})); // properties not NUL-terminated
        assertTrue(v.open(), "a malformed request is answered with 400, not fatal");
        while (v.open()) {
            v.deliver(v.frame(1, MSG | MORE, new byte[16 * 1024]));
        }
        v.closedWith(ErrorCodes.WebSocket.CLOSE_MESSAGE_TOO_BIG);
    }

    @Test
    void malformedFramesAreProtocolErrors() {
        List<byte[]> attacks = List.of(
                new byte[0],                                            // empty frame
                new byte[] {(byte) 0x81},                               // truncated varint
                new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01, 0, 0, 0, 0, 0}, // 11-byte varint
                new byte[] {1, (byte) 0x80, 1, 0, 0, 0, 0, 0},          // undefined flag 0x80
                new byte[] {1, 3, 0, 0, 0, 0, 0},                       // undefined type 3
                new byte[] {1, 0, 0, 0, 0, 0, 0},                       // checksum mismatch
                new byte[] {1, 8, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0}, // bad deflate data
                "{\"text\": \"a WebSocket text message\"}".getBytes(StandardCharsets.UTF_8));
        for (byte[] attack : attacks) {
            Victim v = new Victim();
            v.deliver(attack);
            C4Exception e = v.closedWith(ErrorCodes.WebSocket.CLOSE_PROTOCOL_ERROR);
            assertEquals(ErrorDomain.BLIP, e.domain(), e.toString());
        }
    }

    @Test
    void aRequestOutOfOrderIsAProtocolError() {
        Victim v = new Victim();
        v.deliver(v.frame(2, MSG, MessageCodec.encodeMessage(Map.of("Profile", "x"), new byte[0])));
        v.closedWith(ErrorCodes.WebSocket.CLOSE_PROTOCOL_ERROR);
    }

    @Test
    void outOfMemoryInAHandlerEndsTheConnectionAndReleasesTheFrame() {
        Victim v = new Victim();
        v.conn.setRequestHandler("oom", req -> {
            throw new OutOfMemoryError("simulated");
        });
        v.deliver(v.frame(1, MSG | MORE, MessageCodec.encodeMessage(Map.of("Profile", "x"), new byte[100])));
        v.deliver(v.frame(2, MSG, MessageCodec.encodeMessage(Map.of("Profile", "oom"), new byte[0])));
        v.deliver(v.frame(1, MSG, new byte[10])); // after the failure: dropped, but released
        C4Exception e = v.closedWith(ErrorCodes.WebSocket.CLOSE_CANT_FULFILL);
        assertTrue(e.is(ErrorDomain.LITECORE, ErrorCodes.LiteCore.MEMORY_ERROR), e.toString());
    }

    @Test
    void anErrorInAReplySinkEndsTheConnectionAndFailsTheRequest() {
        Victim v = new Victim();
        CompletableFuture<IncomingMessage> reply = v.conn.send(OutgoingMessage.request("get")
                .replySink(chunk -> {
                    throw new StackOverflowError("simulated");
                }).build());
        v.exec.runAll();
        assertEquals(1, v.socket.takeWritten().size());
        v.deliver(v.frame(1, RPY, MessageCodec.encodeMessage(Map.of(), new byte[100])));
        C4Exception e = v.closedWith(ErrorCodes.WebSocket.CLOSE_CANT_FULFILL);
        assertTrue(e.is(ErrorDomain.LITECORE, ErrorCodes.LiteCore.UNEXPECTED_ERROR), e.toString());
        assertTrue(reply.isCompletedExceptionally());
    }

    /** Not a frame at all: an Error in any other task (here a listener) also ends the connection, with 1011. */
    @Test
    void anErrorInAnyOtherTaskEndsTheConnection() {
        Victim v = new Victim();
        v.conn.addListener(new ConnectionListener() {
            @Override
            public void onHttpResponse(int status, Map<String, List<String>> headers) {
                throw new StackOverflowError("simulated");
            }
        });
        v.socket.delegate.gotHttpResponse(101, Map.of()); // the idle connection runs it on the socket's thread
        v.exec.runAll();
        C4Exception e = v.closedWith(ErrorCodes.WebSocket.CLOSE_CANT_FULFILL);
        assertTrue(e.is(ErrorDomain.LITECORE, ErrorCodes.LiteCore.UNEXPECTED_ERROR), e.toString());
    }

    /**
     * If the connection's executor refuses work, a socket callback still returns and releases the bytes: an idle
     * connection handles the frame on the socket's thread.
     */
    @Test
    void aRefusingExecutorNeitherThrowsIntoTheSocketNorKeepsTheBytes() {
        FakeSocket socket = new FakeSocket();
        ManualExecutor exec = new ManualExecutor();
        java.util.concurrent.atomic.AtomicBoolean refuse = new java.util.concurrent.atomic.AtomicBoolean();
        BlipConnection conn = BlipConnection.create(socket, BlipConfig.builder().executor(task -> {
            if (refuse.get()) {
                throw new java.util.concurrent.RejectedExecutionException("pool shut down");
            }
            exec.execute(task);
        }).build());
        conn.start();
        exec.runAll();
        socket.delegate.opened();
        exec.runAll();
        refuse.set(true);
        socket.delegate.received(ByteBuffer.wrap(new byte[] {1, 0, 0, 0, 0, 0}));
        assertEquals(6, socket.completedReceive);
    }

    @Test
    void aWellBehavedExchangeStillWorksOnTheSameKindOfConnection() {
        Victim v = new Victim();
        v.deliver(v.frame(1, MSG, MessageCodec.encodeMessage(Map.of("Profile", "x"), new byte[0])));
        assertTrue(v.open());
        assertNotNull(v.socket.takeWritten().get(0));
        v.conn.close();
        v.exec.runAll();
        v.closedWith(ErrorCodes.WebSocket.CLOSE_NORMAL);
    }


    /**
     * Real threads on the loopback pair: a raw peer asks for big replies and never reads them. The victim's outgoing
     * limit closes it with 1008, while a well-behaved pair on the same shared pool keeps working.
     */
    @Test
    void aPeerThatNeverReadsIsClosedAtTheOutgoingLimitAndOthersGoOn() throws Exception {
        long baseline = HeapProbe.usedAfterGc();
        LoopbackConfig link = LoopbackConfig.builder().bufferBytes(64 * 1024).closeTimeout(Duration.ofMillis(300))
                .build();
        LoopbackPair attacked = LoopbackPair.create(link);
        BlipConnection victim = BlipConnection.create(attacked.server(),
                BlipConfig.builder().name("victim").maxQueuedOutgoingBytes(4L << 20).build());
        victim.setRequestHandler("big", req -> req.respond(OutgoingMessage.builder().body(new byte[256 * 1024])
                .build()));
        List<C4Exception> victimCloses = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch victimClosed = new CountDownLatch(1);
        victim.addListener(new ConnectionListener() {
            @Override
            public void onClose(C4Exception errorOrNull) {
                victimCloses.add(errorOrNull);
                victimClosed.countDown();
            }
        });
        victim.start();
        RecordingDelegate attacker = new RecordingDelegate(); // records, never releases: stops reading
        attacked.client().open(attacker);
        assertTrue(attacker.awaitOpened(Duration.ofSeconds(10)));

        LoopbackPair good = LoopbackPair.create(LoopbackConfig.defaults());
        BlipConnection goodServer = BlipConnection.create(good.server(), BlipConfig.builder().name("gs").build());
        goodServer.setRequestHandler("echo", req -> req.respond(OutgoingMessage.builder().body(req.body()).build()));
        BlipConnection goodClient = BlipConnection.create(good.client(), BlipConfig.builder().name("gc").build());
        goodServer.start();
        goodClient.start();

        try (FrameEncoder enc = new FrameEncoder(6)) {
            byte[] ask = MessageCodec.encodeMessage(Map.of("Profile", "big"), new byte[0]);
            for (int no = 1; no <= 40 && victimClosed.getCount() > 0; no++) {
                attacked.client().write(enc.encode(no, MSG, ByteBuffer.wrap(ask), ask.length));
                Thread.sleep(5);
            }
        }
        assertTrue(victimClosed.await(10, TimeUnit.SECONDS), "victim closed");
        assertEquals(1, victimCloses.size());
        C4Exception e = victimCloses.get(0);
        assertTrue(e.is(ErrorDomain.WEBSOCKET, ErrorCodes.WebSocket.CLOSE_POLICY_ERROR), String.valueOf(e));

        IncomingMessage echoed = goodClient.send(OutgoingMessage.request("echo").body("still here").build())
                .get(10, TimeUnit.SECONDS);
        assertEquals("still here", echoed.bodyAsString());
        goodClient.close();
        attacked.client().close();
        long above = HeapProbe.usedAfterGc() - baseline;
        LOG.info("never-reading peer, after the close: heap {} KiB above baseline", above >> 10);
        assertTrue(above < HeapProbe.BOUND, "heap " + (above >> 20) + " MiB above baseline");
    }
}
