package org.c4j.replicator.internal.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.c4j.replicator.internal.wire.RemoteSequence;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorDomain;
import org.junit.jupiter.api.Test;

public class CheckpointBodyTest {
    private static CheckpointBody decode(String json) {
        return CheckpointBody.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsLiteCoresForms() {
        CheckpointBody a = decode("{\"time\":1795322926,\"local\":20}");
        assertEquals(20, a.localMinSequence());
        assertNull(a.remote());
        CheckpointBody b = decode("{\"time\":1795322974,\"localCompleted\":[0,1,2,9,12,8],\"remote\":3}");
        assertEquals(0, b.localMinSequence());
        assertEquals("[0, 2-10, 12-19]", b.completed().toString());
        assertEquals(RemoteSequence.of(3), b.remote());
        CheckpointBody c = decode("{\"remote\":\"12:3\"}");
        assertEquals("\"12:3\"", c.remote().toJson());
        assertEquals(0, c.timeSeconds());
    }

    @Test
    void writesLiteCoresForm() {
        SequenceSet done = new SequenceSet();
        done.add(0, 21);
        assertEquals("{\"time\":5,\"local\":20,\"remote\":\"a\"}",
                new String(new CheckpointBody(5, done, RemoteSequence.fromValue("a")).encode()));
        assertEquals("{\"time\":7}", new String(CheckpointBody.empty(7).encode()));
        done.add(30);
        assertEquals("{\"time\":5,\"local\":20,\"localCompleted\":[0,21,30,1]}",
                new String(new CheckpointBody(5, done, null).encode()));
    }

    @Test
    void malformedCheckpointsThrow() {
        for (String bad : List.of("[]", "{", "{\"localCompleted\":[1]}", "{\"localCompleted\":[1,0]}",
                "{\"local\":-1}", "{\"localCompleted\":\"x\"}")) {
            C4Exception e = assertThrows(C4Exception.class, () -> decode(bad), bad);
            assertTrue(e.is(ErrorDomain.BLIP, 400));
        }
    }

    @Test
    void reconcilingResetsWhatDisagrees() {
        CheckpointBody local = decode("{\"time\":1,\"local\":20,\"remote\":31}");
        assertSame(local, local.reconciledWith(decode("{\"time\":2,\"local\":20,\"remote\":31}")));
        CheckpointBody pushReset = local.reconciledWith(decode("{\"time\":2,\"local\":13,\"remote\":31}"));
        assertEquals(0, pushReset.localMinSequence());
        assertEquals(RemoteSequence.of(31), pushReset.remote());
        CheckpointBody pullReset = local.reconciledWith(decode("{\"time\":2,\"local\":20,\"remote\":32}"));
        assertEquals(20, pullReset.localMinSequence());
        assertNull(pullReset.remote());
        CheckpointBody noRemote = decode("{\"local\":20}");
        assertSame(noRemote, noRemote.reconciledWith(decode("{\"local\":20,\"remote\":9}")));
    }

    @Property(tries = 300)
    void roundTrips(@ForAll @Size(max = 20) List<@IntRange(min = 0, max = 200) Integer> done,
                    @ForAll @IntRange(min = -1, max = 1000) int remote, @ForAll @IntRange(min = 0) int time) {
        SequenceSet set = new SequenceSet();
        done.forEach(set::add);
        CheckpointBody body = new CheckpointBody(time, set, remote < 0 ? null : RemoteSequence.of(remote));
        assertEquals(body, CheckpointBody.decode(body.encode()));
        assertTrue(body.completed().contains(0));
    }
}
