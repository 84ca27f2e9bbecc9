package org.c4j.socket.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LoopbackConfigTest {

    @Test
    void defaults() {
        LoopbackConfig c = LoopbackConfig.defaults();
        assertEquals(Duration.ZERO, c.latency());
        assertEquals(Duration.ZERO, c.jitter());
        assertEquals(LoopbackConfig.DEFAULT_BUFFER_BYTES, c.bufferBytes());
        assertEquals(Duration.ofSeconds(5), c.closeTimeout());
        assertEquals(Duration.ZERO, c.openDelay());
        assertFalse(c.refusesOpen());
        assertEquals(OptionalLong.empty(), c.dropAfterBytes(Side.CLIENT));
        assertTrue(c.dropTrigger().isEmpty());
        assertTrue(c.subprotocol().isEmpty());
        assertSame(c.scheduler(), LoopbackConfig.builder().build().scheduler(), "one shared scheduler");
    }

    @Test
    void toBuilderCopiesEverySetting() {
        DropTrigger trigger = (side, index, message) -> false;
        LoopbackConfig c = LoopbackConfig.builder().latency(Duration.ofMillis(3)).jitter(Duration.ofMillis(2), 7)
                .bufferBytes(99).closeTimeout(Duration.ofSeconds(1)).openDelay(Duration.ofMillis(4)).refuseOpen()
                .dropAfterBytes(Side.SERVER, 12).dropWhen(trigger).subprotocol("p").build();
        LoopbackConfig copy = c.toBuilder().build();
        assertEquals(c.toString(), copy.toString());
        assertEquals(7, copy.jitterSeed());
        assertEquals(OptionalLong.of(12), copy.dropAfterBytes(Side.SERVER));
        assertEquals(OptionalLong.empty(), copy.dropAfterBytes(Side.CLIENT));
        assertSame(trigger, copy.dropTrigger().orElseThrow());
        assertEquals(OptionalLong.of(12), c.toBuilder().dropAfterBytes(Side.CLIENT, 1).build()
                .dropAfterBytes(Side.SERVER));
        assertEquals(OptionalLong.empty(), c.dropAfterBytes(Side.CLIENT), "builders do not share state");
    }

    @Test
    void rejectsBadValues() {
        LoopbackConfig.Builder b = LoopbackConfig.builder();
        assertThrows(IllegalArgumentException.class, () -> b.latency(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> b.jitter(Duration.ofMillis(-1), 0));
        assertThrows(IllegalArgumentException.class, () -> b.bufferBytes(0));
        assertThrows(IllegalArgumentException.class, () -> b.closeTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> b.openDelay(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> b.dropAfterBytes(Side.CLIENT, -1));
        assertThrows(NullPointerException.class, () -> b.scheduler(null));
        assertThrows(NullPointerException.class, () -> b.latency(null));
    }
}
