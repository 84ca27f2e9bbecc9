package org.c4j.ws.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

public class ReceiveWindowTest {

    @Test
    void fillsAboveTheLimitAndReleasingOrClosingLetsTheReaderGo() throws Exception {
        ReceiveWindow w = new ReceiveWindow(100);
        w.delivered(100);
        assertFalse(w.isFull());
        w.awaitRoom();
        w.delivered(1);
        assertTrue(w.isFull());
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            try {
                w.awaitRoom();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        assertFalse(reader.isDone());
        w.released(1);
        reader.get(5, TimeUnit.SECONDS);

        w.released(1_000);
        w.delivered(150);
        assertTrue(w.isFull());
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            try {
                w.awaitRoom();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        w.close();
        second.get(5, TimeUnit.SECONDS);
        assertFalse(w.isFull());
    }
}
