package org.c4j.blip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.junit.jupiter.api.Test;

/** Request/reply, errors, handlers, close and streaming between two connections on a deterministic {@link WirePair}. */
class BlipConnectionTest {

    /** Records listener events. */
    static final class Events implements ConnectionListener {
        int opens;
        final List<C4Exception> closes = new ArrayList<>();

        @Override
        public void onOpen() {
            opens++;
        }

        @Override
        public void onClose(C4Exception errorOrNull) {
            closes.add(errorOrNull);
        }
    }

    private static WirePair echoPair(BlipConfig.Builder config) {
        WirePair p = new WirePair(config);
        p.b.setRequestHandler("echo", req -> req.respond(OutgoingMessage.builder()
                .property("Echoed", req.profile()).body(req.body()).build()));
        return p.open();
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static Throwable failure(CompletableFuture<?> f) {
        assertTrue(f.isCompletedExceptionally(), "future should have failed");
        CompletionException e = assertThrows(CompletionException.class, f::join);
        return e.getCause();
    }

    @Test
    void requestGetsReply() {
        WirePair p = echoPair(BlipConfig.builder());
        CompletableFuture<IncomingMessage> f = p.a.send(OutgoingMessage.request("echo").body("hello").build());
        p.settle();
        IncomingMessage reply = f.join();
        assertEquals(MessageKind.REPLY, reply.kind());
        assertEquals("hello", reply.bodyAsString());
        assertEquals("echo", reply.property("Echoed"));
        assertEquals(1, reply.number());
        assertFalse(reply.isError());
        assertNull(reply.errorDomain());
    }

    @Test
    void requestsAreNumberedInOrderAndRepliesMatch() {
        WirePair p = echoPair(BlipConfig.builder());
        List<CompletableFuture<IncomingMessage>> fs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            fs.add(p.a.send(OutgoingMessage.request("echo").body("m" + i).urgent(i % 3 == 0).build()));
        }
        p.settle();
        for (int i = 0; i < 20; i++) {
            assertEquals("m" + i, fs.get(i).join().bodyAsString());
        }
        assertEquals(new BlipStats(p.a.stats().bytesSent(), p.a.stats().bytesReceived(), 20, 20), p.a.stats());
    }

    @Test
    void errorReplyCompletesNormally() {
        WirePair p = new WirePair(BlipConfig.builder());
        p.b.setRequestHandler("put", req -> req.respondWithError("HTTP", 409, "conflict"));
        p.open();
        CompletableFuture<IncomingMessage> f = p.a.send(OutgoingMessage.request("put").build());
        p.settle();
        IncomingMessage reply = f.join();
        assertTrue(reply.isError());
        assertEquals(MessageKind.ERROR, reply.kind());
        assertEquals("HTTP", reply.errorDomain());
        assertEquals(409, reply.errorCode());
        assertEquals("conflict", reply.errorMessage());
    }

    @Test
    void unknownProfileGetsBlip404() {
        WirePair p = echoPair(BlipConfig.builder());
        CompletableFuture<IncomingMessage> f = p.a.send(OutgoingMessage.request("nope").build());
        p.settle();
        IncomingMessage reply = f.join();
        assertTrue(reply.isError());
        assertEquals("BLIP", reply.errorDomain());
        assertEquals(404, reply.errorCode());
        assertTrue(reply.errorMessage().contains("nope"), reply.errorMessage());
    }

    @Test
    void defaultHandlerTakesUnknownProfilesAndNullRestores404() {
        WirePair p = echoPair(BlipConfig.builder());
        p.b.setDefaultHandler(req -> req.respond(OutgoingMessage.builder().body("default").build()));
        CompletableFuture<IncomingMessage> f1 = p.a.send(OutgoingMessage.request("nope").build());
        p.settle();
        assertEquals("default", f1.join().bodyAsString());
        p.b.setDefaultHandler(null);
        CompletableFuture<IncomingMessage> f2 = p.a.send(OutgoingMessage.request("nope").build());
        p.settle();
        assertEquals(404, f2.join().errorCode());
    }

    @Test
    void throwingHandlerGets501AndConnectionStaysOpen() {
        WirePair p = echoPair(BlipConfig.builder());
        p.b.setRequestHandler("boom", req -> {
            throw new IllegalStateException("bug");
        });
        CompletableFuture<IncomingMessage> f = p.a.send(OutgoingMessage.request("boom").build());
        p.settle();
        assertEquals(501, f.join().errorCode());
        assertEquals(ConnectionState.OPEN, p.b.state());
        CompletableFuture<IncomingMessage> g = p.a.send(OutgoingMessage.request("echo").body("x").build());
        p.settle();
        assertEquals("x", g.join().bodyAsString());
    }

    @Test
    void noReplyRequestCompletesWithNullOnceSentAndCannotBeAnswered() {
        WirePair p = new WirePair(BlipConfig.builder());
        AtomicReference<IncomingMessage> seen = new AtomicReference<>();
        p.b.setRequestHandler("note", req -> {
            seen.set(req);
            req.respond(OutgoingMessage.builder().body("ignored").build());
        });
        p.open();
        CompletableFuture<IncomingMessage> f = p.a.send(OutgoingMessage.request("note").noReply(true).body("n").build());
        p.settle();
        assertTrue(f.isDone());
        assertNull(f.join());
        assertTrue(seen.get().isNoReply());
        assertEquals("n", seen.get().bodyAsString());
        assertEquals(0, p.b.stats().messagesSent(), "a no-reply request is never answered");
    }

    @Test
    void respondTwiceThrowsAndReplyCannotBeAnswered() {
        WirePair p = new WirePair(BlipConfig.builder());
        AtomicReference<Throwable> second = new AtomicReference<>();
        p.b.setRequestHandler("once", req -> {
            req.respond(OutgoingMessage.builder().build());
            second.set(assertThrows(IllegalStateException.class,
                    () -> req.respondWithError("BLIP", 500, "again")));
        });
        p.open();
        CompletableFuture<IncomingMessage> f = p.a.send(OutgoingMessage.request("once").build());
        p.settle();
        assertFalse(f.join().isError());
        assertInstanceOf(IllegalStateException.class, second.get());
        assertThrows(IllegalStateException.class, () -> f.join().respond(OutgoingMessage.builder().build()));
    }

    @Test
    void handlerMayReplyLaterFromAnotherThread() throws Exception {
        WirePair p = new WirePair(BlipConfig.builder());
        AtomicReference<IncomingMessage> held = new AtomicReference<>();
        p.b.setRequestHandler("slow", held::set);
        p.open();
        CompletableFuture<IncomingMessage> f = p.a.send(OutgoingMessage.request("slow").urgent(true).build());
        p.settle();
        assertFalse(f.isDone());
        Thread t = new Thread(() -> held.get().respond(OutgoingMessage.builder().body("late").build()));
        t.start();
        t.join();
        p.settle();
        assertEquals("late", f.join().bodyAsString());
        assertTrue(f.join().isUrgent(), "the reply to an urgent request is urgent");
    }

    @Test
    void messagesSentBeforeOpenGoOutAfterOpen() {
        WirePair p = new WirePair(BlipConfig.builder());
        p.b.setRequestHandler("echo", req -> req.respond(OutgoingMessage.builder().body(req.body()).build()));
        CompletableFuture<IncomingMessage> f = p.a.send(OutgoingMessage.request("echo").body("early").build());
        assertEquals(ConnectionState.CREATED, p.a.state());
        p.open();
        assertEquals("early", f.join().bodyAsString());
    }

    @Test
    void largeMessagesRoundTripWithAcksCompressedOrNot() {
        for (int level : new int[] {0, 6}) {
            WirePair p = echoPair(BlipConfig.builder().compressionLevel(level).compression(CompressionPolicy.ALWAYS));
            byte[] big = randomBytes(1_000_000, level);
            byte[] text = "abcdefghij".repeat(100_000).getBytes();
            CompletableFuture<IncomingMessage> f1 = p.a.send(OutgoingMessage.request("echo").body(big).build());
            CompletableFuture<IncomingMessage> f2 = p.a.send(OutgoingMessage.request("echo").body(text)
                    .compressed(true).build());
            p.settle();
            assertArrayEquals(big, f1.join().body());
            assertArrayEquals(text, f2.join().body());
            long sent = p.a.stats().bytesSent();
            assertTrue(level == 0 ? sent > 2_000_000 : sent < 1_100_000, "bytes sent at level " + level + ": " + sent);
        }
    }

    /** Bytes A sends for one echo request of 1 MB of compressible text, under each compression policy. */
    private static long bytesForText(CompressionPolicy policy) {
        WirePair p = echoPair(BlipConfig.builder().compression(policy));
        byte[] text = "abcdefghij".repeat(100_000).getBytes();
        CompletableFuture<IncomingMessage> f = p.a.send(OutgoingMessage.request("echo").body(text).compressed(true).build());
        p.settle();
        assertArrayEquals(text, f.join().body());
        return p.a.stats().bytesSent();
    }

    @Test
    void compressionPolicyDecidesWhichMessagesAreDeflated() {
        assertTrue(bytesForText(CompressionPolicy.ALWAYS) < 100_000, "ALWAYS deflates");
        assertTrue(bytesForText(CompressionPolicy.NEVER) > 1_000_000, "NEVER does not");
        // ADAPTIVE: the socket had nothing unwritten when the message started, so the link was not the limit.
        assertTrue(bytesForText(CompressionPolicy.ADAPTIVE) > 1_000_000, "ADAPTIVE without a backlog does not");
    }

    @Test
    void replySinkGetsTheBodyInPieces() {
        WirePair p = echoPair(BlipConfig.builder());
        byte[] big = randomBytes(300_000, 7);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        List<Integer> pieces = new ArrayList<>();
        CompletableFuture<IncomingMessage> f = p.a.send(OutgoingMessage.request("echo").body(big)
                .replySink(chunk -> {
                    pieces.add(chunk.remaining());
                    byte[] c = new byte[chunk.remaining()];
                    chunk.get(c);
                    got.writeBytes(c);
                }).build());
        p.settle();
        assertEquals(0, f.join().body().length);
        assertArrayEquals(big, got.toByteArray());
        assertTrue(pieces.size() > 1);
    }

    @Test
    void failingReplySinkFailsTheFutureOnly() {
        WirePair p = echoPair(BlipConfig.builder());
        RuntimeException boom = new RuntimeException("disk full");
        CompletableFuture<IncomingMessage> f = p.a.send(OutgoingMessage.request("echo").body(randomBytes(100_000, 1))
                .replySink(chunk -> {
                    throw boom;
                }).build());
        p.settle();
        assertSame(boom, failure(f));
        assertEquals(ConnectionState.OPEN, p.a.state());
        CompletableFuture<IncomingMessage> g = p.a.send(OutgoingMessage.request("echo").body("still").build());
        p.settle();
        assertEquals("still", g.join().bodyAsString());
    }

    @Test
    void bodySourceStreamsTheRequest() {
        WirePair p = echoPair(BlipConfig.builder());
        byte[] data = randomBytes(200_000, 3);
        ByteBuffer src = ByteBuffer.wrap(data);
        CompletableFuture<IncomingMessage> f = p.a.send(OutgoingMessage.request("echo").bodySource(dst -> {
            if (!src.hasRemaining()) {
                return -1;
            }
            int n = Math.min(dst.remaining(), Math.min(src.remaining(), 1000));
            dst.put(src.slice().limit(n));
            src.position(src.position() + n);
            return n;
        }).build());
        p.settle();
        assertArrayEquals(data, f.join().body());
    }

    @Test
    void failingBodySourceClosesTheConnectionWith1011() {
        WirePair p = echoPair(BlipConfig.builder());
        Events events = new Events();
        p.a.addListener(events);
        CompletableFuture<IncomingMessage> f = p.a.send(OutgoingMessage.request("echo").bodySource(dst -> {
            throw new java.io.IOException("unreadable");
        }).build());
        p.settle();
        assertEquals(ErrorCodes.WebSocket.CLOSE_CANT_FULFILL, p.socketA.closeCode);
        assertEquals(ConnectionState.CLOSED, p.a.state());
        C4Exception e = assertInstanceOf(C4Exception.class, failure(f));
        assertEquals(ErrorDomain.LITECORE, e.domain());
        assertEquals(1, events.closes.size());
        assertEquals(ErrorCodes.LiteCore.IO_ERROR, events.closes.get(0).code());
    }

    @Test
    void orderlyCloseFailsPendingFuturesAndNotifiesOnce() {
        WirePair p = new WirePair(BlipConfig.builder());
        p.b.setRequestHandler("never", req -> { });
        Events ea = new Events();
        Events eb = new Events();
        p.a.addListener(ea);
        p.b.addListener(eb);
        p.open();
        CompletableFuture<IncomingMessage> f = p.a.send(OutgoingMessage.request("never").build());
        p.settle();
        p.a.close(1000, "bye");
        p.a.close(1000, "again");
        p.settle();
        assertEquals(1000, p.socketA.closeCode);
        assertEquals(1000, p.socketB.closeCode, "the peer answers the close request");
        assertEquals(ConnectionState.CLOSED, p.a.state());
        assertEquals(ConnectionState.CLOSED, p.b.state());
        assertEquals(1, ea.opens);
        assertEquals(java.util.Collections.singletonList(null), ea.closes);
        assertEquals(java.util.Collections.singletonList(null), eb.closes);
        C4Exception e = assertInstanceOf(C4Exception.class, failure(f));
        assertTrue(e.is(ErrorDomain.BLIP, ErrorCodes.Blip.DISCONNECTED));
        C4Exception late = assertInstanceOf(C4Exception.class,
                failure(p.a.send(OutgoingMessage.request("never").build())));
        assertTrue(late.is(ErrorDomain.BLIP, ErrorCodes.Blip.DISCONNECTED));
    }

    @Test
    void closeBeforeStartClosesAtOnce() {
        FakeSocket socket = new FakeSocket();
        ManualExecutor exec = new ManualExecutor();
        BlipConnection c = BlipConnection.create(socket, BlipConfig.builder().executor(exec).build());
        Events events = new Events();
        c.addListener(events);
        CompletableFuture<IncomingMessage> f = c.send(OutgoingMessage.request("x").build());
        c.close();
        c.start();
        exec.runAll();
        assertEquals(ConnectionState.CLOSED, c.state());
        assertNull(socket.delegate, "the socket is never opened");
        assertEquals(java.util.Collections.singletonList(null), events.closes);
        assertTrue(assertInstanceOf(C4Exception.class, failure(f)).is(ErrorDomain.BLIP, ErrorCodes.Blip.DISCONNECTED));
        assertThrows(IllegalStateException.class, c::start);
    }

    @Test
    void transportFailureIsReportedAndFailsFutures() {
        WirePair p = new WirePair(BlipConfig.builder());
        p.b.setRequestHandler("never", req -> { });
        Events events = new Events();
        p.a.addListener(events);
        p.open();
        CompletableFuture<IncomingMessage> f = p.a.send(OutgoingMessage.request("never").build());
        p.settle();
        C4Exception reset = new C4Exception(ErrorDomain.POSIX, ErrorCodes.Posix.ECONNRESET, "reset");
        p.socketA.delegate.closed(reset);
        p.execA.runAll();
        assertEquals(List.of(reset), events.closes);
        C4Exception e = assertInstanceOf(C4Exception.class, failure(f));
        assertTrue(e.is(ErrorDomain.BLIP, ErrorCodes.Blip.DISCONNECTED));
        assertSame(reset, e.getCause());
    }

    @Test
    void corruptFrameClosesWithProtocolError() {
        WirePair p = echoPair(BlipConfig.builder());
        Events eb = new Events();
        p.b.addListener(eb);
        p.filterAtoB = frame -> {
            frame.put(frame.limit() - 1, (byte) (frame.get(frame.limit() - 1) ^ 1));
            return frame;
        };
        CompletableFuture<IncomingMessage> f = p.a.send(OutgoingMessage.request("echo").body("x").build());
        p.settle();
        assertEquals(ErrorCodes.WebSocket.CLOSE_PROTOCOL_ERROR, p.socketB.closeCode);
        assertEquals(1, eb.closes.size());
        assertTrue(eb.closes.get(0).is(ErrorDomain.BLIP, ErrorCodes.Blip.BAD_CHECKSUM), eb.closes.toString());
        assertTrue(assertInstanceOf(C4Exception.class, failure(f)).is(ErrorDomain.BLIP, ErrorCodes.Blip.DISCONNECTED));
    }

    @Test
    void httpResponseReachesListeners() {
        FakeSocket socket = new FakeSocket();
        ManualExecutor exec = new ManualExecutor();
        BlipConnection c = BlipConnection.create(socket, BlipConfig.builder().executor(exec).build());
        AtomicReference<Integer> status = new AtomicReference<>();
        c.addListener(new ConnectionListener() {
            @Override
            public void onHttpResponse(int s, java.util.Map<String, List<String>> headers) {
                status.set(s);
            }
        });
        c.start();
        exec.runAll();
        socket.delegate.gotHttpResponse(401, java.util.Map.of("WWW-Authenticate", List.of("Basic")));
        socket.delegate.closed(new C4Exception(ErrorDomain.WEBSOCKET, 401, "unauthorized"));
        exec.runAll();
        assertEquals(401, status.get());
        assertEquals(ConnectionState.CLOSED, c.state());
    }

    @Test
    void peerCertificatesReachListenersBeforeTheHttpResponse() {
        FakeSocket socket = new FakeSocket();
        ManualExecutor exec = new ManualExecutor();
        BlipConnection c = BlipConnection.create(socket, BlipConfig.builder().executor(exec).build());
        List<Object> seen = new java.util.ArrayList<>();
        c.addListener(new ConnectionListener() {
            @Override
            public void onPeerCertificates(List<java.security.cert.X509Certificate> chain) {
                seen.add(chain);
            }

            @Override
            public void onHttpResponse(int s, java.util.Map<String, List<String>> headers) {
                seen.add(s);
            }
        });
        c.start();
        exec.runAll();
        socket.delegate.gotPeerCertificates(List.of());
        socket.delegate.gotHttpResponse(101, java.util.Map.of());
        exec.runAll();
        assertEquals(List.of(List.of(), 101), seen);
    }

    @Test
    void unencodableReplyThrowsAndThePeerGetsAnError() {
        WirePair p = new WirePair(BlipConfig.builder());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        p.b.setRequestHandler("huge", req -> thrown.set(assertThrows(IllegalArgumentException.class,
                () -> req.respond(OutgoingMessage.builder().property("big", "x".repeat(200_000)).build()))));
        p.open();
        CompletableFuture<IncomingMessage> f = p.a.send(OutgoingMessage.request("huge").build());
        p.settle();
        assertEquals(501, f.join().errorCode());
        assertInstanceOf(IllegalArgumentException.class, thrown.get());
        assertThrows(IllegalArgumentException.class, () -> p.a.send(OutgoingMessage.request("huge")
                .property("big", "x".repeat(200_000)).build()), "too large to send");
    }

    @Test
    void propertiesWithNulAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> OutgoingMessage.request("a\0b"));
    }
}
