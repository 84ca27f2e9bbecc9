package org.c4j.replicator.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

public class NoRevMessageTest {
    @Test
    void roundTripsInLiteCoresOrder() {
        NoRevMessage m = new NoRevMessage("d", "2-bb", RemoteSequence.of(9), 410, null);
        assertEquals(List.of("Profile", "id", "rev", "sequence", "error"), List.copyOf(m.properties().keySet()));
        assertEquals("410", m.properties().get("error"));
        assertEquals(m, NoRevMessage.parse(m.properties()));
        NoRevMessage r = new NoRevMessage("d", "2-bb", null, 404, "gone");
        assertEquals(r, NoRevMessage.parse(r.properties()));
    }

    @Test
    void everyPropertyIsOptional() {
        NoRevMessage m = NoRevMessage.parse(Map.of());
        assertEquals("", m.docId());
        assertNull(m.sequence());
        assertEquals(0, m.error());
    }
}
