package org.c4j.replicator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.c4j.Body;
import org.c4j.Collection;
import org.c4j.Database;
import org.c4j.socket.Principal;

/**
 * Benchmark (not a test): pull throughput over the loopback from a listener with {@link ChannelAccess} holding
 * 100,000 documents, 10% of them in channel {@code x}, for a user who reads {@code x} and for one who reads
 * {@code *}. Prints the wall time and documents per second of each (one run; see BENCHMARKS.md "Channels").
 */
public final class ChannelPullBenchmarkMain {
    private ChannelPullBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        int docs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("channel-bench");
        try (AccessPeers p = new AccessPeers(dir)) {
            long t0 = System.nanoTime();
            Collection c = p.server.defaultCollection();
            p.server.inBatch(() -> {
                for (int i = 0; i < docs; i++) {
                    c.save("doc-" + i, null, Body.fromJson("{\"channels\":\"" + (i % 10 == 0 ? "x" : "y")
                            + "\",\"n\":" + i + ",\"text\":\"some text to make a small body of about 100 bytes\"}"));
                }
            });
            p.access.channelsOf(Principal.ANONYMOUS); // access state of every document computed
            System.out.printf("setup: %d docs stored and their access computed in %.1f s%n", docs,
                    (System.nanoTime() - t0) / 1e9);
            run(p, "x-user (sees 10%)", new Principal("a", Set.of(), Set.of("x")));
            run(p, "*-user (sees all)", new Principal("b", Set.of(), Set.of("*")));
        }
    }

    private static void run(AccessPeers p, String what, Principal who) {
        Database client = p.client(who.name());
        long t0 = System.nanoTime();
        p.pull(client, who);
        double s = (System.nanoTime() - t0) / 1e9;
        long n = AccessPeers.live(client).size();
        System.out.printf("%s: pulled %d docs in %.2f s = %.0f docs/s received; %.0f server docs scanned/s%n", what, n,
                s, n / s, p.server.defaultCollection().lastSequence() / s);
    }
}
