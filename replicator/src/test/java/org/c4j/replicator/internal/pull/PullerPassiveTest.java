package org.c4j.replicator.internal.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.c4j.Body;
import org.c4j.Collection;
import org.c4j.InsertRequest;
import org.c4j.blip.IncomingMessage;
import org.c4j.blip.OutgoingMessage;
import org.c4j.replicator.internal.core.Activity;
import org.c4j.replicator.internal.wire.ReplWire;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A passive Puller (listener side): proposeChanges answers, changes from a pusher, conflict refusal. */
public class PullerPassiveTest {
    @TempDir
    Path dir;

    private static OutgoingMessage propose(String json) {
        return OutgoingMessage.request(ReplWire.PROPOSE_CHANGES).property("conflictIncludesRev", "true")
                .urgent(true).compressed(true).body(json).build();
    }

    private static void seed(Collection coll) {
        coll.insertExisting(InsertRequest.of("x", List.of("1-aa"), Body.fromJson("{}")));
        coll.insertExisting(InsertRequest.of("gone", List.of("2-dd", "1-aa"), Body.empty()).withDeleted(true));
    }

    @Test
    void proposedChangesAreAnsweredLikeLiteCore() throws Exception {
        try (PullerHarness h = new PullerHarness(dir)) {
            seed(h.db.defaultCollection());
            IncomingMessage reply = h.call(propose("[[\"new\",\"1-bb\",\"\",10],[\"x\",\"1-aa\",\"\",2],"
                    + "[\"x\",\"2-bb\",\"1-aa\",2],[\"x\",\"2-cc\",\"1-ff\",2],[\"gone\",\"1-ee\",\"\",2]]"));
            assertFalse(reply.isError());
            assertEquals("20", reply.property("maxHistory"));
            assertEquals("true", reply.property("blobs"));
            assertEquals("[0,304,0,{\"status\":409,\"rev\":\"1-aa\"}]", reply.bodyAsString());

            IncomingMessage allOk = h.call(propose("[[\"other\",\"1-bb\",\"\",10]]"));
            assertEquals("[]", allOk.bodyAsString()); // as in the vectors
            IncomingMessage plain = h.call(OutgoingMessage.request(ReplWire.PROPOSE_CHANGES)
                    .body("[[\"x\",\"2-cc\",\"1-ff\"]]").build());
            assertEquals("[409]", plain.bodyAsString());
        }
    }

    @Test
    void acceptedProposalThenRevWithNoConflictsIsStored() throws Exception {
        try (PullerHarness h = new PullerHarness(dir)) {
            seed(h.db.defaultCollection());
            h.call(propose("[[\"x\",\"2-bb\",\"1-aa\",2]]"));
            IncomingMessage r = h.call(PullerHarness.rev("x", "2-bb", 3, "1-aa", false, "{\"v\":2}")
                    .property(ReplWire.NO_CONFLICTS, "1").build());
            assertFalse(r.isError(), r::errorMessage);
            assertEquals("2-bb", h.db.defaultCollection().get("x").revId());
            h.ctx.awaitStatus(s -> s.activity() == Activity.IDLE && s.completed() == 1);
            assertTrue(h.ctx.checkpointCalls.isEmpty(), "a passive puller keeps no checkpoint");
        }
    }

    @Test
    void conflictingRevWithNoConflictsIsRefused() throws Exception {
        try (PullerHarness h = new PullerHarness(dir)) {
            seed(h.db.defaultCollection());
            h.db.defaultCollection().save("x", "1-aa", Body.fromJson("{\"local\":true}"));
            IncomingMessage r = h.call(PullerHarness.rev("x", "2-bb", 3, "1-aa", false, "{\"v\":2}")
                    .property(ReplWire.NO_CONFLICTS, "1").build());
            assertTrue(r.isError());
            assertEquals("LiteCore", r.errorDomain());
            assertEquals(ErrorCodes.LiteCore.CONFLICT, r.errorCode());
            assertEquals(ErrorCodes.LiteCore.CONFLICT, h.ctx.takeEnded(1).get(0).error().code());
        }
    }

    @Test
    void noIncomingConflictsRequiresProposeChangesAndRefusesConflicts() throws Exception {
        try (PullerHarness h = new PullerHarness(dir, c -> c.options(OptionsDict.builder()
                .put(OptionKeys.NO_INCOMING_CONFLICTS, true).build()))) {
            seed(h.db.defaultCollection());
            IncomingMessage changes = h.call(PullerHarness.changes("[[1,\"x\",\"2-bb\",0,2]]"));
            assertTrue(changes.isError());
            assertEquals("BLIP", changes.errorDomain());
            assertEquals(409, changes.errorCode());

            h.db.defaultCollection().save("x", "1-aa", Body.fromJson("{\"local\":true}"));
            IncomingMessage r = h.call(PullerHarness.rev("x", "2-bb", 3, "1-aa", false, "{}").build());
            assertEquals(ErrorCodes.LiteCore.CONFLICT, r.errorCode(), "refused even without noconflicts");
        }
    }

    @Test
    void passiveChangesAnswerConflictsWith409() throws Exception {
        try (PullerHarness h = new PullerHarness(dir)) {
            seed(h.db.defaultCollection());
            IncomingMessage reply = h.call(PullerHarness.changes(
                    "[[1,\"x\",\"1-ff\",0,2],[2,\"x\",\"2-bb\",0,2],[3,\"new\",\"1-aa\",0,2]]"));
            assertEquals("[409,[\"1-aa\"],[]]", reply.bodyAsString());
        }
    }
}
