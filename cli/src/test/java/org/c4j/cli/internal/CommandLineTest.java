package org.c4j.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CommandLineTest {
    private static final CommandLine.Spec SPEC = new CommandLine.Spec("x DIR URL [--push] [--user U]",
            List.of("DIR", "URL"), Set.of("push", "pull"), Set.of("user", "port"));

    private static CommandLine parse(String... args) {
        return CommandLine.parse(SPEC, List.of(args));
    }

    @Test
    void positionalsFlagsAndOptionsInAnyOrder() {
        CommandLine cl = parse("--user", "bob", "d", "--push", "ws://h/db", "--port=80");
        assertEquals("d", cl.positional("DIR"));
        assertEquals("ws://h/db", cl.positional("URL"));
        assertTrue(cl.flag("push"));
        assertFalse(cl.flag("pull"));
        assertEquals("bob", cl.option("user"));
        assertEquals("80", cl.option("port"));
    }

    @Test
    void absentOptionIsNullAndEmptyValueIsKept() {
        CommandLine cl = parse("d", "u", "--user=");
        assertEquals("", cl.option("user"));
        assertNull(cl.option("port"));
    }

    @Test
    void doubleDashEndsOptions() {
        CommandLine cl = parse("d", "--", "--push");
        assertEquals("--push", cl.positional("URL"));
        assertFalse(cl.flag("push"));
    }

    @Test
    void mistakesAreUsageErrorsWithTheSynopsis() {
        assertEquals("unknown option --nope", assertThrows(UsageException.class, () -> parse("d", "u", "--nope")).getMessage());
        assertEquals("--user needs a value", assertThrows(UsageException.class, () -> parse("d", "u", "--user")).getMessage());
        assertEquals("--push takes no value", assertThrows(UsageException.class, () -> parse("d", "u", "--push=1")).getMessage());
        assertEquals("--user given twice",
                assertThrows(UsageException.class, () -> parse("d", "u", "--user", "a", "--user=b")).getMessage());
        assertEquals("missing URL", assertThrows(UsageException.class, () -> parse("d")).getMessage());
        UsageException extra = assertThrows(UsageException.class, () -> parse("d", "u", "v"));
        assertEquals("unexpected argument 'v'", extra.getMessage());
        assertEquals(SPEC.synopsis(), extra.synopsis());
    }
}
