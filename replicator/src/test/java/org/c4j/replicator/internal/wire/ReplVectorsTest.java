package org.c4j.replicator.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.c4j.replicator.internal.checkpoint.CheckpointBody;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorDomain;
import org.junit.jupiter.api.Test;

/**
 * Every replication message body in the captured CBL 3.0 sessions decodes with our codecs, and re-encoding gives
 * back the bytes (or properties, in order) LiteCore sent. Only bodies the capture holds whole are used.
 */
public class ReplVectorsTest {
    private static final List<ReplVectors.Msg> ALL = ReplVectors.all();

    private static List<ReplVectors.Msg> complete(String profile, boolean requests) {
        return ALL.stream().filter(m -> profile.equals(m.profile()) && m.isRequest() == requests && !m.isError())
                .filter(ReplVectors.Msg::complete).toList();
    }

    @Test
    void changesBodiesRoundTrip() {
        List<ReplVectors.Msg> msgs = complete(ReplWire.CHANGES, true);
        int entries = 0;
        for (ReplVectors.Msg m : msgs) {
            List<ChangeEntry> changes = ChangesCodec.decodeChanges(m.bodyBytes());
            entries += changes.size();
            assertEquals(m.body(), new String(ChangesCodec.encodeChanges(changes)), m::toString);
            for (ChangeEntry c : changes) {
                assertTrue(c.sequence().isNumeric(), m::toString);
                assertFalse(c.isRevocation(), m::toString);
            }
        }
        assertTrue(msgs.size() >= 20 && entries >= 10, "changes messages " + msgs.size() + ", entries " + entries);
    }

    @Test
    void proposeChangesBodiesRoundTrip() {
        List<ReplVectors.Msg> msgs = complete(ReplWire.PROPOSE_CHANGES, true);
        boolean sawParent = false;
        for (ReplVectors.Msg m : msgs) {
            assertEquals(ReplWire.TRUE, m.props().get(ReplWire.CONFLICT_INCLUDES_REV));
            List<ProposedChange> changes = ChangesCodec.decodeProposals(m.bodyBytes());
            sawParent |= changes.stream().anyMatch(c -> c.serverRevId() != null);
            assertEquals(m.body(), new String(ChangesCodec.encodeProposals(changes)), m::toString);
        }
        assertTrue(msgs.size() >= 10, "proposeChanges messages: " + msgs.size());
        assertTrue(sawParent);
    }

    @Test
    void changesRepliesRoundTrip() {
        List<ReplVectors.Msg> msgs = complete(ReplWire.CHANGES, false);
        boolean sawAncestors = false;
        for (ReplVectors.Msg m : msgs) {
            int count = ((List<?>) Json.parse(m.bodyBytes(), "reply")).size();
            List<ChangeReply> replies = ChangesCodec.decodeChangesReply(m.bodyBytes(), count);
            sawAncestors |= replies.stream().anyMatch(r -> r.isWanted() && !r.ancestors().isEmpty());
            assertEquals(m.body(), new String(ChangesCodec.encodeChangesReply(replies)), m::toString);
            assertEquals("20", m.props().get(ReplWire.MAX_HISTORY));
            assertEquals(ReplWire.TRUE, m.props().get(ReplWire.BLOBS));
        }
        assertTrue(msgs.size() >= 10, "changes replies: " + msgs.size());
        assertTrue(sawAncestors);
    }

    @Test
    void proposeChangesRepliesRoundTrip() {
        List<ReplVectors.Msg> msgs = complete(ReplWire.PROPOSE_CHANGES, false);
        boolean sawConflict = false;
        for (ReplVectors.Msg m : msgs) {
            int requested = m.request().complete() ? ChangesCodec.decodeProposals(m.request().bodyBytes()).size()
                    : ((List<?>) Json.parse(m.bodyBytes(), "reply")).size();
            List<ProposalReply> replies = ChangesCodec.decodeProposalsReply(m.bodyBytes(), requested);
            assertEquals(requested, replies.size());
            for (ProposalReply r : replies) {
                if (r.status() == ReplWire.STATUS_CONFLICT) {
                    sawConflict = true;
                    assertEquals("2-a3723bad581bff4795d0685f799b127ff788b3ef", r.currentRevId());
                }
            }
            assertEquals(m.body(), new String(ChangesCodec.encodeProposalsReply(replies, true)), m::toString);
        }
        assertTrue(sawConflict, "the 409 with conflictIncludesRev is in the vectors");
    }

    @Test
    void revPropertiesRoundTrip() {
        List<ReplVectors.Msg> msgs = ALL.stream().filter(m -> ReplWire.REV.equals(m.profile()) && m.isRequest()).toList();
        int tombstones = 0;
        for (ReplVectors.Msg m : msgs) {
            RevMessage rev = RevMessage.parse(m.props(), true);
            assertEquals(List.copyOf(m.props().entrySet()), List.copyOf(rev.properties().entrySet()), m::toString);
            if (rev.deleted()) {
                tombstones++;
                assertEquals("{}", m.body());
                assertEquals(1, rev.history().size());
            }
            assertEquals(rev.revId(), rev.fullHistory().get(0));
        }
        assertTrue(msgs.size() >= 100, "rev messages: " + msgs.size());
        assertTrue(tombstones >= 10);
    }

    @Test
    void subChangesPropertiesRoundTrip() {
        List<ReplVectors.Msg> msgs = complete(ReplWire.SUB_CHANGES, true);
        for (ReplVectors.Msg m : msgs) {
            SubChanges sub = SubChanges.parse(m.props(), m.bodyBytes());
            assertTrue(sub.versioningSupported());
            assertEquals(List.copyOf(m.props().entrySet()), List.copyOf(sub.properties().entrySet()), m::toString);
            SubChanges mine = SubChanges.forPuller(sub.since(), sub.continuous(), sub.activeOnly(), null, null);
            assertEquals(m.props(), mine.properties(), m::toString);
        }
        assertTrue(msgs.size() >= 10, "subChanges: " + msgs.size());
    }

    @Test
    void checkpointBodiesRoundTrip() {
        int n = 0;
        for (ReplVectors.Msg m : ALL) {
            boolean setRq = ReplWire.SET_CHECKPOINT.equals(m.profile()) && m.isRequest();
            boolean getRpy = ReplWire.GET_CHECKPOINT.equals(m.profile()) && !m.isRequest() && !m.isError();
            if (setRq || getRpy) {
                CheckpointBody body = CheckpointBody.decode(m.bodyBytes());
                assertEquals(m.body(), new String(body.encode()), m::toString);
                n++;
            }
            if (setRq) {
                assertNotNull(m.props().get(ReplWire.REV_ID), "setCheckpoint always carries rev, \"\" when new");
            }
            if (ReplWire.SET_CHECKPOINT.equals(m.profile()) && !m.isRequest()) {
                assertTrue(m.props().get(ReplWire.REV_ID).endsWith(ReplWire.CHECKPOINT_REV_SUFFIX));
            }
        }
        assertTrue(n >= 30, "checkpoint bodies: " + n);
    }

    @Test
    void getCheckpointNotFoundMapsToHttp404() {
        List<ReplVectors.Msg> errors = ALL.stream().filter(ReplVectors.Msg::isError).toList();
        assertFalse(errors.isEmpty());
        for (ReplVectors.Msg m : errors) {
            assertEquals(ReplWire.GET_CHECKPOINT, m.profile());
            C4Exception e = ReplWire.fromBlipError(m.props().get("Error-Domain"),
                    Integer.parseInt(m.props().get("Error-Code")), m.body());
            assertTrue(e.is(ErrorDomain.WEBSOCKET, 404), e::toString);
            assertEquals(ReplWire.NO_CHECKPOINT, ReplWire.toBlipError(e));
        }
    }

    @Test
    void getAttachmentPropertiesMatch() {
        List<ReplVectors.Msg> msgs = complete(ReplWire.GET_ATTACHMENT, true);
        for (ReplVectors.Msg m : msgs) {
            Map<String, String> p = m.props();
            assertEquals(p, BlobWire.getAttachment(p.get(ReplWire.DIGEST), p.get(ReplWire.DOC_ID),
                    ReplWire.parseBool(p.get(ReplWire.COMPRESS), false)));
            assertTrue(p.get(ReplWire.DIGEST).startsWith("sha1-"));
        }
        assertTrue(msgs.size() >= 4);
    }

    @Test
    void getCheckpointClientIdsLookLikeCheckpointIds() {
        for (ReplVectors.Msg m : ALL) {
            if (ReplWire.GET_CHECKPOINT.equals(m.profile()) && m.isRequest()) {
                assertTrue(m.props().get(ReplWire.CLIENT).matches("cp-[A-Za-z0-9+/]{27}="), m::toString);
            }
        }
    }
}
