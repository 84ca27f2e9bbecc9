package org.c4j.replicator.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.junit.jupiter.api.Test;

public class ChangesCodecTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void changesEntriesAsLiteCoreWritesThem() {
        List<ChangeEntry> changes = List.of(
                ChangeEntry.of(1, "a", "1-aa", false, 602),
                ChangeEntry.of(21, "b", "2-bb", true, 2),
                ChangeEntry.of(22, "c", "2-cc", true, 0),
                ChangeEntry.of(23, "d", "1-dd", false, 0));
        assertEquals("[[1,\"a\",\"1-aa\",0,602],[21,\"b\",\"2-bb\",1,2],[22,\"c\",\"2-cc\",1],[23,\"d\",\"1-dd\"]]",
                s(ChangesCodec.encodeChanges(changes)));
        assertEquals(changes, ChangesCodec.decodeChanges(ChangesCodec.encodeChanges(changes)));
    }

    @Test
    void changesDecodeTombstonesBooleansAndStringSequences() {
        List<ChangeEntry> c = ChangesCodec.decodeChanges(b(
                "[[21,\"cblpeer-dndklsf-deletions-0000000\",\"2-3215ab746cb5509094441a277f7766eea43adba0\",1,2],"
                        + "[\"12:34\",\"x\",\"3-ff\",true],[7,\"y\",\"1-aa\",null,5],[8,\"z\",\"1-ab\",false]]"));
        assertTrue(c.get(0).isDeleted());
        assertEquals(2, c.get(0).bodySize());
        assertEquals("\"12:34\"", c.get(1).sequence().toJson());
        assertTrue(c.get(1).isDeleted());
        assertEquals(0, c.get(2).flags());
        assertEquals(5, c.get(2).bodySize());
        assertEquals(0, c.get(3).flags());
        assertEquals("[[\"12:34\",\"x\",\"3-ff\",1]]", s(ChangesCodec.encodeChanges(List.of(c.get(1)))));
    }

    @Test
    void emptyAndNullBodiesMeanCaughtUp() {
        assertEquals(List.of(), ChangesCodec.decodeChanges(b("[]")));
        assertEquals(List.of(), ChangesCodec.decodeChanges(b("null")));
        assertEquals("[]", s(ChangesCodec.encodeChanges(List.of())));
        assertEquals("[]", s(ChangesCodec.encodeProposals(List.of())));
    }

    @Test
    void malformedBodiesAreBlip400() {
        for (String bad : List.of("", "{", "{}", "[1]", "[[1,\"a\"]]", "[[1,2,\"1-a\"]]", "[[null,\"a\",\"1-a\"]]",
                "[[1,\"a\",\"1-a\",\"yes\"]]", "[[1,\"a\",\"1-a\",0,-4]]", "[] []")) {
            C4Exception e = assertThrows(C4Exception.class, () -> ChangesCodec.decodeChanges(b(bad)), bad);
            assertTrue(e.is(ErrorDomain.BLIP, 400), bad + " -> " + e);
        }
    }

    @Test
    void invalidDocOrRevIdsAreLiteCoreRemoteErrors() {
        String longId = "x".repeat(256);
        for (String bad : List.of("[[1,\"\",\"1-a\"]]", "[[1,\"" + longId + "\",\"1-a\"]]", "[[1,\"a\",\"1a\"]]")) {
            C4Exception e = assertThrows(C4Exception.class, () -> ChangesCodec.decodeChanges(b(bad)));
            assertTrue(e.is(ErrorDomain.LITECORE, ErrorCodes.LiteCore.REMOTE_ERROR), e::toString);
        }
        assertThrows(C4Exception.class, () -> ChangesCodec.decodeProposals(b("[[\"\",\"1-a\"]]")));
        assertEquals(1, ChangesCodec.decodeChanges(b("[[1,\"" + "é".repeat(127) + "\",\"1-a\"]]")).size());
    }

    @Test
    void proposalsAsLiteCoreWritesThem() {
        List<ProposedChange> p = List.of(
                new ProposedChange("cli-0000000", "1-98c5", null, 598),
                new ProposedChange("doc", "3-eb28", "1-0cfd", 24),
                new ProposedChange("bare", "1-aa", null, 0),
                new ProposedChange("parent", "2-bb", "1-aa", 0));
        assertEquals("[[\"cli-0000000\",\"1-98c5\",\"\",598],[\"doc\",\"3-eb28\",\"1-0cfd\",24],[\"bare\",\"1-aa\"],"
                + "[\"parent\",\"2-bb\",\"1-aa\"]]", s(ChangesCodec.encodeProposals(p)));
        assertEquals(p, ChangesCodec.decodeProposals(ChangesCodec.encodeProposals(p)));
    }

    @Test
    void changesRepliesOmitTrailingNotWanted() {
        List<ChangeReply> r = List.of(ChangeReply.NOT_WANTED, ChangeReply.wanted(List.of("2-a", "1-b")),
                ChangeReply.rejected(409), ChangeReply.wanted(List.of()), ChangeReply.NOT_WANTED);
        assertEquals("[0,[\"2-a\",\"1-b\"],409,[]]", s(ChangesCodec.encodeChangesReply(r)));
        assertEquals(r, ChangesCodec.decodeChangesReply(ChangesCodec.encodeChangesReply(r), 5));
        assertEquals("[]", s(ChangesCodec.encodeChangesReply(List.of(ChangeReply.NOT_WANTED))));
        assertEquals(List.of(ChangeReply.NOT_WANTED, ChangeReply.NOT_WANTED), ChangesCodec.decodeChangesReply(b(""), 2));
        assertEquals(List.of(ChangeReply.NOT_WANTED, ChangeReply.rejected(409)),
                ChangesCodec.decodeChangesReply(b("[null,{\"status\":409},[]]"), 2));
    }

    @Test
    void proposalRepliesOmitTrailingAccepted() {
        List<ProposalReply> r = List.of(ProposalReply.ALREADY_HAVE, ProposalReply.OK, ProposalReply.conflict("2-a3"),
                ProposalReply.conflict(null), ProposalReply.status(403), ProposalReply.OK);
        assertEquals("[304,0,{\"status\":409,\"rev\":\"2-a3\"},409,403]", s(ChangesCodec.encodeProposalsReply(r, true)));
        assertEquals("[304,0,409,409,403]", s(ChangesCodec.encodeProposalsReply(r, false)));
        assertEquals(r, ChangesCodec.decodeProposalsReply(ChangesCodec.encodeProposalsReply(r, true), 6));
        assertEquals(List.of(ProposalReply.OK, ProposalReply.OK), ChangesCodec.decodeProposalsReply(b("[]"), 2));
        assertEquals(List.of(ProposalReply.OK), ChangesCodec.decodeProposalsReply(b("[null,304]"), 1));
    }

    @Property(tries = 200)
    void changesRoundTrip(@ForAll("changeLists") List<ChangeEntry> changes) {
        assertEquals(changes, ChangesCodec.decodeChanges(ChangesCodec.encodeChanges(changes)));
    }

    @Property(tries = 200)
    void proposalsRoundTrip(@ForAll("proposalLists") List<ProposedChange> changes) {
        assertEquals(changes, ChangesCodec.decodeProposals(ChangesCodec.encodeProposals(changes)));
    }

    @Property(tries = 200)
    void changesRepliesRoundTrip(@ForAll("changeReplies") List<ChangeReply> replies) {
        byte[] body = ChangesCodec.encodeChangesReply(replies);
        assertEquals(replies, ChangesCodec.decodeChangesReply(body, replies.size()));
        List<?> raw = (List<?>) Json.parse(body, "t");
        assertTrue(raw.isEmpty() || !Long.valueOf(0).equals(raw.get(raw.size() - 1)), "no trailing 0");
    }

    @Property(tries = 200)
    void proposalRepliesRoundTrip(@ForAll("proposalReplies") List<ProposalReply> replies) {
        byte[] body = ChangesCodec.encodeProposalsReply(replies, true);
        assertEquals(replies, ChangesCodec.decodeProposalsReply(body, replies.size()));
    }

    @Provide
    Arbitrary<List<ChangeEntry>> changeLists() {
        Arbitrary<RemoteSequence> seq = Arbitraries.oneOf(
                Arbitraries.longs().between(0, Long.MAX_VALUE).map(RemoteSequence::of),
                Arbitraries.strings().alpha().numeric().withChars(':', '"').ofMaxLength(12).map(RemoteSequence::fromValue));
        return Combinators.combine(seq, docIds(), revIds(), Arbitraries.integers().between(0, 5),
                Arbitraries.longs().between(0, 1L << 40)).as(ChangeEntry::new).list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<ProposedChange>> proposalLists() {
        return Combinators.combine(docIds(), revIds(), revIds().injectNull(0.4), Arbitraries.longs().between(0, 1L << 40))
                .as(ProposedChange::new).list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<ChangeReply>> changeReplies() {
        return Arbitraries.oneOf(Arbitraries.just(ChangeReply.NOT_WANTED),
                Arbitraries.of(409, 403, 500).map(ChangeReply::rejected),
                revIds().list().ofMaxSize(4).map(ChangeReply::wanted)).list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<ProposalReply>> proposalReplies() {
        return Arbitraries.oneOf(Arbitraries.of(ProposalReply.OK, ProposalReply.ALREADY_HAVE),
                revIds().injectNull(0.3).map(ProposalReply::conflict),
                Arbitraries.of(403, 500).map(ProposalReply::status)).list().ofMaxSize(30);
    }

    private static Arbitrary<String> docIds() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars('é', '日', '"', '\\').ofMinLength(1).ofMaxLength(40);
    }

    private static Arbitrary<String> revIds() {
        return Combinators.combine(Arbitraries.integers().between(1, 999),
                Arbitraries.strings().withChars("0123456789abcdef".toCharArray()).ofMinLength(2).ofMaxLength(40))
                .as((g, h) -> g + "-" + h);
    }

    @Test
    void revokedEntryWithStringSequenceRoundTrips() {
        List<ChangeEntry> withString = new ArrayList<>();
        withString.add(new ChangeEntry(RemoteSequence.fromValue("s"), "d", "1-aa", 3, 0));
        assertEquals(withString, ChangesCodec.decodeChanges(ChangesCodec.encodeChanges(withString)));
    }
}
