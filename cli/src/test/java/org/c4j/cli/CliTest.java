package org.c4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path tmp;

    private String dir() {
        return tmp.resolve("db").toString();
    }

    @Test
    void putThenGetRoundTripsTheBody() {
        CliRunner.Result put = CliRunner.run("put", dir(), "doc1", "{\"name\":\"ünï\",\"n\":12345678901234567890}");
        assertEquals(Cli.OK, put.status(), put.err());
        assertTrue(put.out().matches("1-[0-9a-f]+\n"), put.out());

        CliRunner.Result get = CliRunner.run("get", dir(), "doc1");
        assertEquals(Cli.OK, get.status(), get.err());
        assertEquals("{\"name\":\"ünï\",\"n\":12345678901234567890}\n", get.out());
        assertEquals("", get.err());
    }

    @Test
    void putOnAnExistingDocumentMakesTheNextGeneration() {
        String rev1 = CliRunner.run("put", dir(), "d", "{\"v\":1}").out().strip();
        CliRunner.Result second = CliRunner.run("put", dir(), "d", "{\"v\":2}");
        assertEquals(Cli.OK, second.status(), second.err());
        assertTrue(second.out().startsWith("2-"), second.out());
        assertNotEquals(rev1, second.out().strip());
        assertEquals("{\"v\":2}\n", CliRunner.run("get", dir(), "d").out());
    }

    @Test
    void lsListsLiveDocumentsInIdOrderAndRmLeavesATombstone() {
        String a = CliRunner.run("put", dir(), "a", "{}").out().strip();
        CliRunner.run("put", dir(), "c", "{\"x\":true}");
        String b = CliRunner.run("put", dir(), "b", "{\"y\":[1]}").out().strip();
        CliRunner.Result rm = CliRunner.run("rm", dir(), "c");
        assertEquals(Cli.OK, rm.status(), rm.err());
        assertTrue(rm.out().startsWith("2-"), rm.out());

        CliRunner.Result ls = CliRunner.run("ls", dir());
        assertEquals(Cli.OK, ls.status(), ls.err());
        assertEquals("a\t" + a + "\nb\t" + b + "\n", ls.out());

        CliRunner.Result get = CliRunner.run("get", dir(), "c");
        assertEquals(Cli.ERROR, get.status());
        assertEquals("c4: not found: c\n", get.err());
        assertEquals("", get.out());
        assertEquals(Cli.ERROR, CliRunner.run("rm", dir(), "c").status());

        CliRunner.Result again = CliRunner.run("put", dir(), "c", "{\"back\":1}");
        assertEquals(Cli.OK, again.status(), again.err());
        assertTrue(again.out().startsWith("3-"), again.out());
    }

    @Test
    void lsPagesThroughManyDocuments() {
        for (int i = 0; i < 250; i++) {
            assertEquals(Cli.OK, CliRunner.run("put", dir(), String.format("doc%03d", i), "{\"i\":" + i + "}").status());
        }
        String[] lines = CliRunner.run("ls", dir()).out().split("\n");
        assertEquals(250, lines.length);
        assertTrue(lines[0].startsWith("doc000\t1-"));
        assertTrue(lines[249].startsWith("doc249\t1-"));
    }

    @Test
    void idsAfterDoubleDashMayLookLikeOptions() {
        assertEquals(Cli.OK, CliRunner.run("put", dir(), "--", "--odd", "{}").status());
        assertEquals("{}\n", CliRunner.run("get", dir(), "--", "--odd").out());
    }

    @Test
    void missingDocumentOrDatabaseIsAnError() {
        CliRunner.Result noDb = CliRunner.run("get", dir(), "x");
        assertEquals(Cli.ERROR, noDb.status());
        assertTrue(noDb.err().startsWith("c4: no database at "), noDb.err());
        assertEquals(Cli.ERROR, CliRunner.run("ls", dir()).status());

        CliRunner.run("put", dir(), "y", "{}");
        CliRunner.Result missing = CliRunner.run("get", dir(), "x");
        assertEquals(Cli.ERROR, missing.status());
        assertEquals("c4: not found: x\n", missing.err());
    }

    @Test
    void badJsonIsAnErrorAndStoresNothing() {
        CliRunner.Result notJson = CliRunner.run("put", dir(), "d", "{nope");
        assertEquals(Cli.ERROR, notJson.status());
        assertTrue(notJson.err().startsWith("c4: "), notJson.err());
        CliRunner.Result notObject = CliRunner.run("put", dir(), "d", "[1,2]");
        assertEquals(Cli.ERROR, notObject.status());
        assertTrue(notObject.err().contains("object"), notObject.err());
    }

    @Test
    void usageErrorsExitWithTwo() {
        CliRunner.Result none = CliRunner.run();
        assertEquals(Cli.USAGE, none.status());
        assertTrue(none.err().startsWith("usage: c4"), none.err());
        assertEquals("", none.out());

        CliRunner.Result unknown = CliRunner.run("frobnicate");
        assertEquals(Cli.USAGE, unknown.status());
        assertTrue(unknown.err().startsWith("c4: unknown command 'frobnicate'\nusage: c4"), unknown.err());

        CliRunner.Result missing = CliRunner.run("put", dir(), "id");
        assertEquals(Cli.USAGE, missing.status());
        assertEquals("c4: missing JSON\nusage: c4 put [-h] DIR ID JSON\nTry 'c4 put --help' for more.\n",
                missing.err());

        CliRunner.Result extra = CliRunner.run("ls", dir(), "more");
        assertEquals(Cli.USAGE, extra.status());
        assertEquals("c4: unexpected argument 'more'\nusage: c4 ls [-h] DIR\nTry 'c4 ls --help' for more.\n",
                extra.err());

        CliRunner.Result option = CliRunner.run("get", dir(), "id", "--verbose");
        assertEquals(Cli.USAGE, option.status());
        assertTrue(option.err().startsWith("c4: unknown option --verbose\n"), option.err());
    }

    @Test
    void helpPrintsUsageOnStdout() {
        CliRunner.Result help = CliRunner.run("help");
        assertEquals(Cli.OK, help.status());
        assertTrue(help.out().contains("put"), help.out());
        assertEquals("", help.err());
        CliRunner.Result put = CliRunner.run("help", "put");
        assertEquals(Cli.OK, put.status());
        assertTrue(put.out().startsWith("usage: c4 put [-h] DIR ID JSON\n"), put.out());
    }
}
