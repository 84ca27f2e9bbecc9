package org.c4j.blip.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BiPredicate;

/** Structural checks of a state enum's transition table (its {@code canMoveTo}). */
final class TransitionTables {
    private TransitionTables() {
    }

    /**
     * No state moves to itself or back to {@code initial}; exactly the {@code terminals} have no way out; every
     * state is reachable from {@code initial}.
     */
    static <S extends Enum<S>> void assertWellFormed(Class<S> type, S initial, Set<S> terminals,
                                                     BiPredicate<S, S> canMoveTo) {
        EnumSet<S> all = EnumSet.allOf(type);
        for (S from : all) {
            assertFalse(canMoveTo.test(from, from), from + " -> itself");
            assertFalse(canMoveTo.test(from, initial), from + " -> the initial " + initial);
            boolean hasExit = all.stream().anyMatch(to -> canMoveTo.test(from, to));
            assertTrue(hasExit != terminals.contains(from), from + (hasExit ? " is terminal but has" : " has no") + " exit");
        }
        EnumSet<S> reached = EnumSet.of(initial);
        Deque<S> todo = new ArrayDeque<>(reached);
        while (!todo.isEmpty()) {
            S from = todo.pop();
            for (S to : all) {
                if (canMoveTo.test(from, to) && reached.add(to)) {
                    todo.push(to);
                }
            }
        }
        assertTrue(reached.equals(all), "unreachable: " + EnumSet.complementOf(reached));
    }
}
