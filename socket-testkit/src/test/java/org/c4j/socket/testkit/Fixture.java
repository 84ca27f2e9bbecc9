package org.c4j.socket.testkit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** A pair on virtual time with a recording delegate per side, for the loopback unit tests. */
final class Fixture {
    final ManualScheduler clock = new ManualScheduler();
    final LoopbackPair pair;
    final RecordingDelegate client = new RecordingDelegate();
    final RecordingDelegate server = new RecordingDelegate();

    Fixture(LoopbackConfig.Builder config) {
        pair = LoopbackPair.create(config.scheduler(clock).build());
    }

    Fixture() {
        this(LoopbackConfig.builder());
    }

    /** Opens both sides and runs until the client's handshake is done. */
    Fixture openBoth() {
        pair.server().open(server);
        pair.client().open(client);
        clock.advance(pair.config().latency().multipliedBy(2).plus(pair.config().openDelay()));
        return this;
    }

    void run() {
        clock.runDue();
    }

    void advance(Duration d) {
        clock.advance(d);
    }

    static ByteBuffer msg(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> texts(RecordingDelegate d) {
        return d.receivedMessages().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    static List<Class<?>> kinds(RecordingDelegate d) {
        return d.events().stream().<Class<?>>map(Object::getClass).toList();
    }
}
