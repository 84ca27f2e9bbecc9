package org.c4j.internal.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

import org.c4j.Body;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of {@link JsonDelta} and {@link DeltaPolicy} on random JSON trees: applying the created delta gives the
 * new value (through the JSON text, as on the wire), equal values give {@code {}}, and a delta offered for sending
 * stays within LiteCore's 1.2x of the stored body. jqwik prints the seed of a failure.
 */
class JsonDeltaPropertyTest {

    @Provide
    Arbitrary<Long> seeds() {
        return DeltaGen.seeds();
    }

    @Property(tries = 400)
    void applyCreateGivesTheNewTreeForIndependentTrees(@ForAll("seeds") long seed) {
        Random r = new Random(seed);
        Object old = DeltaGen.tree(r, 4);
        Object nuu = DeltaGen.tree(r, 4);
        roundTrips(old, nuu, JsonDelta.DEFAULT);
    }

    @Property(tries = 600)
    void applyCreateGivesTheNewTreeForEditedTrees(@ForAll("seeds") long seed) {
        Random r = new Random(seed);
        Object old = DeltaGen.object(r, 4);
        Object nuu = DeltaGen.mutate(r, old, 0);
        roundTrips(old, nuu, JsonDelta.DEFAULT);
        roundTrips(old, nuu, new JsonDelta(1, JsonDelta.TEXT_DIFF_TIMEOUT_SECONDS)); // string diffs everywhere
        roundTrips(nuu, old, new JsonDelta(1, -1));
    }

    @Property(tries = 200)
    void equalTreesGiveTheEmptyDelta(@ForAll("seeds") long seed) {
        Object v = DeltaGen.object(new Random(seed), 4);
        Object copy = JsonDelta.parse(JsonDelta.toJson(v));
        assertEquals("{}", new String(JsonDelta.toJson(JsonDelta.DEFAULT.createValue(v, copy)),
                StandardCharsets.UTF_8));
    }

    @Property(tries = 300)
    void bodiesRoundTripAndSentDeltasStayWithinTheRule(@ForAll("seeds") long seed) {
        Random r = new Random(seed);
        @SuppressWarnings("unchecked")
        Map<String, Object> oldMap = (Map<String, Object>) DeltaGen.object(r, 4);
        oldMap.put("padding", DeltaGen.text(r, r.nextInt(600)));
        @SuppressWarnings("unchecked")
        Map<String, Object> nuuMap = (Map<String, Object>) (r.nextInt(5) == 0 ? DeltaGen.object(r, 3)
                : DeltaGen.mutate(r, oldMap, 0));
        Body old = Body.fromMap(oldMap);
        Body nuu = Body.fromMap(nuuMap);

        Body rebuilt = JsonDelta.DEFAULT.apply(old, JsonDelta.DEFAULT.create(old, nuu));
        assertTrue(JsonValues.equal(nuu.toMap(), rebuilt.toMap()));

        byte[] sent = DeltaPolicy.deltaToSend(JsonDelta.DEFAULT, old, nuu);
        if (nuu.encodedSize() < DeltaPolicy.MIN_BODY_SIZE) {
            assertEquals(null, sent);
        }
        if (sent != null) {
            assertTrue(sent.length <= nuu.encodedSize() * DeltaPolicy.MAX_DELTA_RATIO,
                    sent.length + " > 1.2 x " + nuu.encodedSize());
            assertTrue(JsonValues.equal(nuu.toMap(), JsonDelta.DEFAULT.apply(old, sent).toMap()));
        }
    }

    private static void roundTrips(Object old, Object nuu, JsonDelta codec) {
        byte[] json = JsonDelta.toJson(codec.createValue(old, nuu));
        Object rebuilt = codec.applyValue(old, JsonDelta.parse(json));
        assertTrue(JsonValues.equal(nuu, rebuilt), () -> "old " + old + "\nnew " + nuu + "\ndelta "
                + new String(json, StandardCharsets.UTF_8) + "\ngot " + rebuilt);
    }
}
