package org.c4j.replicator;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.c4j.BlobKey;
import org.c4j.BlobStore;
import org.c4j.BlobWriteStream;
import org.c4j.Database;
import org.c4j.Document;
import org.c4j.blip.BlipConfig;
import org.c4j.blip.BlipConnection;
import org.c4j.blip.IncomingMessage;
import org.c4j.blip.OutgoingMessage;
import org.c4j.socket.C4Socket;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.testkit.LoopbackConfig;

/**
 * Child-JVM program for {@link BigBlobReplicationTest}: streams a 100 MiB blob into database A, pushes A to B (a
 * {@link Listener} over loopback), pulls B into C, and checks the blob's length and SHA-1 in B and C by reading it
 * streaming, and has B's listener answer a proveAttachment for it. Run with a small {@code -Xmx} so a component
 * that buffers the whole blob fails with OutOfMemoryError.
 * Prints {@code maxMemory=<bytes>} first and {@code OK} last; exits 0 on success, 1 otherwise.
 */
public final class BigBlobReplicationMain {
    static final long BLOB_BYTES = 100L * 1024 * 1024;
    private static final int CHUNK = 64 * 1024;
    private static final long SEED = 20261122L;
    private static final String DOC_ID = "big";

    private BigBlobReplicationMain() {
    }

    public static void main(String[] args) {
        System.out.println("maxMemory=" + Runtime.getRuntime().maxMemory());
        try {
            run(Path.of(args[0]));
        } catch (Throwable t) {
            System.out.println("FAILED: " + t);
            t.printStackTrace(System.out);
            System.out.flush();
            Runtime.getRuntime().halt(1);
        }
        System.out.println("OK");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private static void run(Path dir) throws Exception {
        Database a = Database.open(dir.resolve("a"));
        Database b = Database.open(dir.resolve("b"));
        Database c = Database.open(dir.resolve("c"));
        BlobKey key = writeBlob(a.blobStore());
        System.out.println("wrote " + BLOB_BYTES + " B blob " + key);
        ReplPeers.put(a, DOC_ID, "{\"file\":{\"@type\":\"blob\",\"digest\":\"" + key + "\",\"length\":" + BLOB_BYTES
                + ",\"content_type\":\"application/octet-stream\"}}");

        LoopbackListenerTransport transport = new LoopbackListenerTransport();
        Listener listener = new Listener(transport, ListenerConfig.of(b).withDatabaseName("db"));
        listener.start();
        replicate(a, transport, ReplicatorType.PUSH);
        check(b, "B", key);
        replicate(c, transport, ReplicatorType.PULL);
        check(c, "C", key);
        prove(b, transport, key);
        listener.stop();
        a.close();
        b.close();
        c.close();
    }

    /** The blob's bytes: seeded pseudo-random 64 KiB chunks, never the whole blob in memory. */
    private static BlobKey writeBlob(BlobStore store) throws NoSuchAlgorithmException {
        Random rnd = new Random(SEED);
        MessageDigest expected = MessageDigest.getInstance("SHA-1");
        byte[] chunk = new byte[CHUNK];
        try (BlobWriteStream out = store.openWriteStream()) {
            for (long done = 0; done < BLOB_BYTES; done += CHUNK) {
                rnd.nextBytes(chunk);
                int n = (int) Math.min(CHUNK, BLOB_BYTES - done);
                expected.update(chunk, 0, n);
                out.write(chunk, 0, n);
            }
            return out.install(keyOf(expected.digest()));
        }
    }

    private static void replicate(Database local, LoopbackListenerTransport transport, ReplicatorType type) {
        ReplicatorConfig config = ReplicatorConfig.builder(local, URI.create("ws://loopback:4984/db")).type(type)
                .socketFactory(transport.factory(LoopbackConfig.defaults())).build();
        try (Replicator r = new Replicator(config)) {
            long start = System.nanoTime();
            r.start();
            while (r.status().activity() != ReplicatorActivity.STOPPED) {
                sleep();
            }
            ReplicatorStatus end = r.status();
            System.out.printf("%s done in %d ms: %s%n", type, (System.nanoTime() - start) / 1_000_000, end);
            if (end.error() != null) {
                throw new IllegalStateException(type + " failed: " + end.error(), end.error());
            }
        }
    }

    /**
     * Asks B's listener for a proveAttachment of the blob over a bare BLIP connection (c4j's own replicator never
     * sends one: like LiteCore it skips blobs it has) and checks the proof against one computed here, streaming.
     */
    private static void prove(Database owner, LoopbackListenerTransport transport, BlobKey key) throws Exception {
        byte[] nonce = "big-blob-nonce".getBytes(StandardCharsets.UTF_8);
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update((byte) nonce.length);
        sha1.update(nonce);
        digest(owner, key, sha1);
        String expected = "sha1-" + Base64.getEncoder().encodeToString(sha1.digest());
        C4Socket socket = transport.factory(LoopbackConfig.defaults())
                .create(URI.create("ws://loopback:4984/db/_blipsync"), OptionsDict.EMPTY);
        BlipConnection conn = BlipConnection.create(socket, BlipConfig.builder().name("prover").build());
        conn.start();
        try {
            IncomingMessage reply = conn.send(OutgoingMessage.request("proveAttachment")
                    .property("digest", key.toString()).body(nonce).build()).get(2, TimeUnit.MINUTES);
            if (reply.isError() || !expected.equals(reply.bodyAsString())) {
                throw new IllegalStateException("proveAttachment answered " + (reply.isError()
                        ? reply.errorDomain() + " " + reply.errorCode() + " " + reply.errorMessage()
                        : reply.bodyAsString()) + ", expected " + expected);
            }
        } finally {
            conn.close();
        }
        System.out.println("B: proveAttachment answered " + expected);
    }

    /** Feeds the blob to {@code sha1} in chunks; returns its length. */
    private static long digest(Database db, BlobKey key, MessageDigest sha1) throws IOException {
        byte[] buf = new byte[CHUNK];
        long length = 0;
        try (InputStream in = db.blobStore().openReadStream(key)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                sha1.update(buf, 0, n);
                length += n;
            }
        }
        return length;
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    /** The document is in {@code db} and its blob has the expected length and SHA-1, read streaming. */
    private static void check(Database db, String name, BlobKey key) throws IOException {
        Document d = db.defaultCollection().get(DOC_ID);
        if (d == null || d.isDeleted()) {
            throw new IllegalStateException("document missing in " + name);
        }
        if (!d.body().toJson().contains(key.toString())) {
            throw new IllegalStateException("document in " + name + " doesn't reference the blob: " + d.body().toJson());
        }
        MessageDigest sha1 = sha1();
        long length = digest(db, key, sha1);
        BlobKey actual = keyOf(sha1.digest());
        if (length != BLOB_BYTES || !actual.equals(key)) {
            throw new IllegalStateException(name + " blob is " + length + " B with digest " + actual + ", expected "
                    + BLOB_BYTES + " B " + key);
        }
        System.out.println(name + ": document present, blob " + length + " B, digest " + actual + " matches");
    }

    private static BlobKey keyOf(byte[] sha1Digest) {
        return BlobKey.parse("sha1-" + java.util.Base64.getEncoder().encodeToString(sha1Digest));
}

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
