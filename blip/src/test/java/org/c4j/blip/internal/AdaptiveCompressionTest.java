package org.c4j.blip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.c4j.blip.BlipConfig;
import org.c4j.blip.CompressionPolicy;
import org.c4j.blip.FakeSocket;
import org.junit.jupiter.api.Test;

/**
 * {@link CompressionPolicy#ADAPTIVE} in the {@link Sender}, with a socket that reports its backlog
 * ({@code unsentBytes}) as a transport would: a stall (the socket takes nothing for a while, then everything) is not
 * a slow link; a link that keeps a backlog while it takes bytes is.
 */
class AdaptiveCompressionTest {
    private static final int MAX_UNWRITTEN = 64 * 1024;
    private static final byte[] TEXT = "a compressible document body, ".repeat(40).getBytes(StandardCharsets.UTF_8);

    private final FakeSocket socket = new FakeSocket();
    /** Decodes the frames in the order written (frame checksums run across frames). */
    private final FrameDecoder peer = new FrameDecoder();
    private final Sender sender = new Sender(socket, BlipConfig.builder().compression(CompressionPolicy.ADAPTIVE)
            .maxUnwrittenBytes(MAX_UNWRITTEN).build(), e -> {
                throw new AssertionError(e);
            });

    AdaptiveCompressionTest() {
        sender.setOpen(true);
    }

    private void send(int count) {
        send(count, TEXT);
    }

    private void send(int count, byte[] body) {
        for (int i = 0; i < count; i++) {
            sender.enqueue(new MessageOut(MessageType.MSG, 0, BlipWire.COMPRESSED | BlipWire.NO_REPLY,
                    OutgoingPayload.of(MessageCodec.encodeProperties(Map.of("Profile", "rev")), body),
                    new CompletableFuture<>(), null));
        }
    }

    /** Completes up to {@code bytes} of written frames, oldest first; returns the flags of the frames completed. */
    private List<Integer> complete(long bytes) {
        List<Integer> flags = new ArrayList<>();
        while (bytes > 0 && !socket.written.isEmpty()) {
            ByteBuffer frame = socket.written.remove(0);
            flags.add(peer.decode(frame.duplicate()).flags());
            bytes -= frame.remaining();
            sender.completedWrite(frame.remaining());
        }
        return flags;
    }

    private static long compressed(List<Integer> flags) {
        return flags.stream().filter(f -> (f & BlipWire.COMPRESSED) != 0).count();
    }

    @Test
    void aStalledWriterIsNotASlowLink() {
        List<Integer> flags = new ArrayList<>();
        for (int round = 0; round < 50; round++) {
            socket.unsent = 0;
            send(200); // the socket takes frames until the sender's window is full, then "stalls"
            socket.unsent = MAX_UNWRITTEN; // every frame is still queued in the transport
            send(5);
            socket.unsent = 0; // the writer ran: all taken
            flags.addAll(complete(Long.MAX_VALUE));
        }
        assertTrue(flags.size() > 1000, "frames " + flags.size());
        assertEquals(0, compressed(flags), "nothing deflated");
    }

    @Test
    void aLinkThatStaysBehindDeflatesUntilItCatchesUp() {
        socket.unsent = MAX_UNWRITTEN * 3 / 4; // the kernel takes bytes slowly: the transport's queue stays up
        List<Integer> flags = new ArrayList<>();
        for (int round = 0; round < 400; round++) {
            send(4);
            flags.addAll(complete(4 * TEXT.length)); // the link takes about what is written
        }
        flags.addAll(complete(Long.MAX_VALUE));
        long window = (long) MAX_UNWRITTEN * BlipTuning.LINK_WINDOW_FACTOR;
        assertTrue(400 * 4 * TEXT.length > 2 * window, "the test spans two windows");
        long raw = flags.stream().takeWhile(f -> (f & BlipWire.COMPRESSED) == 0).count();
        assertTrue(raw * TEXT.length >= window - MAX_UNWRITTEN && raw * TEXT.length <= window + 2 * TEXT.length,
                "raw for about one window: " + raw + " frames");
        assertEquals(flags.size() - raw, compressed(flags), "deflated from then on");
        send(3, new byte[100]);
        assertEquals(0, compressed(complete(Long.MAX_VALUE)), "but not a message below the minimum size");

        socket.unsent = MAX_UNWRITTEN / BlipTuning.LINK_LOW_DIVISOR - 1; // caught up
        send(10);
        assertEquals(0, compressed(complete(Long.MAX_VALUE)), "raw again once the link keeps up");
    }
}
