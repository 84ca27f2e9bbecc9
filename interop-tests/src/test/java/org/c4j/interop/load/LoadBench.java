package org.c4j.interop.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The load benchmark (issue 9; not a test): {@link LoadRun}'s scenario with chosen parameters, printing docs/s
 * (pushed, pulled, total), peak heap (sampled used heap and the peak after a collection), peak threads by owner,
 * connections and errors. Run with {@code interop-tests/load-bench.sh}; arguments
 * {@code [clients=100] [cblClients=15] [seconds=60] [rate=0.5 docs/s per client] [ws|wss]}.
 * Exits 1 if the run found any error. System properties: {@code c4j.load.maxConnectionsPerAddress} (default clients
 * + 8: every client comes from 127.0.0.1), {@code c4j.load.settleSeconds} (default 300: the bound on connecting and on
 * converging).
 */
public final class LoadBench {
    private LoadBench() { }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int cbl = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        double rate = args.length > 3 ? Double.parseDouble(args[3]) : 0.5;
        boolean tls = args.length > 4 && args[4].equals("wss");
        Path dir = Files.createTempDirectory("c4j-load-");
        LoadReport r;
        try {
            r = new LoadRun(new LoadParams(clients, cbl, seconds, rate, tls,
                    Integer.getInteger("c4j.load.settleSeconds", 300)), dir).run();
        } finally {
            delete(dir);
        }
        System.out.println(r.describe());
        System.exit(r.errors().isEmpty() ? 0 : 1);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
