package org.c4j.replicator.internal.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.c4j.CollectionSpec;
import org.junit.jupiter.api.Test;

/**
 * The expected IDs were produced by the real Couchbase Lite 3.0.0 Java client: a database whose private UUID (read
 * from its SQLite file) is {@link #UUID_HEX}, replicating with a test WebSocket server that recorded the
 * {@code client} property of the first {@code getCheckpoint} (see docs/replication-protocol.md section 9).
 */
public class CheckpointIdTest {
    static final String UUID_HEX = "152B281495E84D1C973F30548355A3EE";
    static final byte[] UUID_BYTES = HexFormat.of().parseHex(UUID_HEX);
    static final String URL = "ws://127.0.0.1:53189/remote/_blipsync";

    private static CheckpointId id(String url, List<String> channels, List<String> docIds) {
        return new CheckpointId(UUID_BYTES, url, channels, null, null, docIds);
    }

    @Test
    void plainReplicationMatchesCbl() {
        assertEquals("cp-UiEL7neB5kz7+SlOKeE08jK7A3c=", id(URL, null, null).derive());
    }

    @Test
    void docIdsMatchCbl() {
        assertEquals("cp-/zxt4artcPjAojUHbEC/RAPzwZQ=", id(URL, null, List.of("doc1", "doc2")).derive());
    }

    @Test
    void channelsMatchCbl() {
        assertEquals("cp-2gC0QJJbVi1bp4s7jWZVxIqMsLI=", id(URL, List.of("ch1", "ch2"), null).derive());
    }

    @Test
    void channelsAndDocIdsMatchCbl() {
        assertEquals("cp-+kxKnwfq3pWDoc4mVQJ40k7O4eI=", id(URL, List.of("ch1"), List.of("x")).derive());
    }

    @Test
    void otherHostAndDatabaseMatchCbl() {
        String url = CheckpointId.remoteUrl(URI.create("ws://localhost:53189/otherdb"));
        assertEquals("ws://localhost:53189/otherdb/_blipsync", url);
        assertEquals("cp-2V5S/Troi5vQYKyKZcnYLAWreWs=", id(url, null, null).derive());
    }

    @Test
    void hashedBytesAreTheFleeceArray() {
        // [uuid as a 16-byte string, url], then the root pointer: computed by hand from Fleece's format.
        String expected = "4f10" + UUID_HEX.toLowerCase() + "4f25" + HexFormat.of().formatHex(URL.getBytes())
                + "00" + "6002" + "801e" + "8016" + "8003";
        assertEquals(expected, HexFormat.of().formatHex(id(URL, null, null).encode(null, false, false)));
    }

    @Test
    void uuidBytesAreBigEndian() {
        UUID u = UUID.fromString("152b2814-95e8-4d1c-973f-30548355a3ee");
        assertEquals(UUID_HEX.toLowerCase(), HexFormat.of().formatHex(CheckpointId.uuidBytes(u)));
        assertEquals("cp-UiEL7neB5kz7+SlOKeE08jK7A3c=", CheckpointId.of(u, URL).derive());
    }

    @Test
    void remoteUrlForms() {
        assertEquals("ws://h:4984/db/_blipsync", CheckpointId.remoteUrl(URI.create("ws://h:4984/db")));
        assertEquals("ws://h:4984/db/_blipsync", CheckpointId.remoteUrl(URI.create("ws://h:4984/db/")));
        assertEquals("wss://h/db/_blipsync", CheckpointId.remoteUrl(URI.create("wss://h/db")));
        assertEquals("ws://[::1]:80/db/_blipsync", CheckpointId.remoteUrl(URI.create("ws://[::1]:80/db")));
    }

    @Test
    void emptyListsCountAsAbsent() {
        assertEquals(id(URL, null, null).derive(), id(URL, List.of(), List.of()).derive());
        assertEquals(id(URL, List.of("a"), null).derive(), id(URL, List.of("a"), List.of()).derive());
    }

    @Test
    void defaultCollectionKeepsTheLegacyId() {
        CheckpointId c = id(URL, null, null);
        assertEquals(c.derive(), c.derive(CollectionSpec.DEFAULT, true, true));
    }

    @Test
    void otherCollectionsUseSha256AndTheirNameAndDirections() {
        CheckpointId c = id(URL, null, null);
        String pushPull = c.derive(CollectionSpec.of("things"), true, true);
        assertTrue(pushPull.matches("cp-[A-Za-z0-9+/]{43}="), pushPull);
        assertNotEquals(pushPull, c.derive(CollectionSpec.of("things"), true, false));
        assertNotEquals(pushPull, c.derive(new CollectionSpec("scope", "things"), true, true));
    }

    @Property(tries = 200)
    void docIdsAndChannelsChangeTheId(@ForAll @Size(min = 1, max = 30) List<@StringLength(min = 1, max = 20) String> ids) {
        String plain = id(URL, null, null).derive();
        String withDocs = id(URL, null, ids).derive();
        String withChannels = id(URL, ids, null).derive();
        assertNotEquals(plain, withDocs);
        assertNotEquals(withDocs, withChannels);
        assertEquals(withDocs, id(URL, null, List.copyOf(ids)).derive());
    }
}
