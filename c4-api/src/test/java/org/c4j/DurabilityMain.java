package org.c4j;

import java.nio.file.Path;
import java.util.Random;

/**
 * Child-JVM body of {@link DurabilityKillTest}: appends documents {@code d<i>} in transactions of random size,
 * printing "begin a b" before and "committed b" after each commit, until killed.
 */
public final class DurabilityMain {
    private DurabilityMain() {
    }

    static String id(long i) {
        return String.format("d%07d", i);
    }

    static String json(long i) {
        return "{\"i\":" + i + ",\"pad\":\"" + "x".repeat((int) (i % 200)) + "\"}";
    }

    public static void main(String[] args) {
        Random rnd = new Random(Long.parseLong(args[1]));
        try (Database db = Database.open(Path.of(args[0]))) {
            Collection c = db.defaultCollection();
            long next = c.lastSequence();
            System.out.println("ready " + next);
            System.out.flush();
            while (true) {
                long from = next;
                long to = from + 1 + rnd.nextInt(20);
                System.out.println("begin " + from + " " + to);
                System.out.flush();
                db.inBatch(() -> {
                    for (long i = from; i < to; i++) {
                        c.save(id(i), null, Body.fromJson(json(i)));
                    }
                });
                System.out.println("committed " + to);
                System.out.flush();
                next = to;
            }
        }
    }
}
