package org.c4j.replicator.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.c4j.socket.C4Exception;
import org.junit.jupiter.api.Test;

public class SubChangesTest {
    @Test
    void pullerRequestAsCbl30SendsIt() {
        SubChanges s = SubChanges.forPuller(RemoteSequence.of(20), true, true, null, null);
        assertEquals(List.of("Profile", "since", "continuous", "batch", "versioning", "activeOnly", "revocations"),
                List.copyOf(s.properties().keySet()));
        assertEquals(Map.of("Profile", "subChanges", "since", "20", "continuous", "true", "batch", "200",
                "versioning", "rev-trees", "activeOnly", "true", "revocations", "true"), s.properties());
        assertEquals(0, s.body().length);
    }

    @Test
    void channelsBecomeTheSyncGatewayFilter() {
        SubChanges s = SubChanges.forPuller(null, false, false, List.of("a", "b"), List.of("d1", "d2"));
        Map<String, String> p = s.properties();
        assertEquals("sync_gateway/bychannel", p.get("filter"));
        assertEquals("a,b", p.get("channels"));
        assertEquals("{\"docIDs\":[\"d1\",\"d2\"]}", new String(s.body(), StandardCharsets.UTF_8));
        SubChanges back = SubChanges.parse(p, s.body());
        assertEquals(List.of("a", "b"), back.channels());
        assertEquals(List.of("d1", "d2"), back.docIds());
        assertEquals(s, back);
    }

    @Test
    void otherPropertiesAreFilterParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Profile", "subChanges");
        p.put("collection", "1");
        p.put("filter", "app/mine");
        p.put("owner", "bob");
        p.put("since", "\"12:3\"");
        SubChanges s = SubChanges.parse(p, new byte[0]);
        assertEquals("app/mine", s.filter());
        assertEquals(Map.of("owner", "bob"), s.filterParams());
        assertEquals("\"12:3\"", s.since().toJson());
        assertNull(s.docIds());
        assertTrue(s.channels().isEmpty());
        assertTrue(s.versioningSupported());
    }

    @Test
    void versioningAndBodies() {
        assertFalse(SubChanges.parse(Map.of("versioning", "version-vectors"), null).versioningSupported());
        assertThrows(C4Exception.class, () -> SubChanges.parse(Map.of(), "[1]".getBytes(StandardCharsets.UTF_8)));
        assertThrows(C4Exception.class, () -> SubChanges.parse(Map.of(), "{\"docIDs\":[1]}".getBytes(StandardCharsets.UTF_8)));
        assertNull(SubChanges.parse(Map.of(), "{\"other\":1}".getBytes(StandardCharsets.UTF_8)).docIds());
    }

    @Property(tries = 200)
    void roundTrips(@ForAll boolean continuous, @ForAll boolean activeOnly,
                    @ForAll @Size(max = 5) List<@AlphaChars @StringLength(min = 1, max = 8) String> channels,
                    @ForAll @Size(max = 5) List<@StringLength(max = 12) String> docIds) {
        SubChanges s = SubChanges.forPuller(RemoteSequence.of(docIds.size()), continuous, activeOnly, channels,
                docIds.isEmpty() ? null : docIds);
        assertEquals(s, SubChanges.parse(s.properties(), s.body()));
    }
}
