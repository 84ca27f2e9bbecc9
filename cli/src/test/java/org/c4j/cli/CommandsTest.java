package org.c4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The picocli command tree: help for every command, option syntax, usage errors and their messages. */
class CommandsTest {
    private static final String[] COMMANDS = {"put", "get", "ls", "rm", "serve", "sync"};

    @TempDir
    Path tmp;

    private String dir() {
        return tmp.resolve("db").toString();
    }

    @Test
    void everyCommandHasItsOwnHelpOnStdout() {
        for (String command : COMMANDS) {
            for (CliRunner.Result help : new CliRunner.Result[] {CliRunner.run(command, "--help"),
                    CliRunner.run(command, "-h"), CliRunner.run("help", command)}) {
                assertEquals(Cli.OK, help.status(), command + ": " + help.err());
                assertTrue(help.out().startsWith("usage: c4 " + command + " "), help.out());
                assertTrue(help.out().contains("DIR"), help.out());
                assertEquals("", help.err());
            }
        }
        assertTrue(CliRunner.run("serve", "--help").out().contains("--readonly"));
        assertTrue(CliRunner.run("sync", "--help").out().contains("--continuous"));
    }

    @Test
    void topLevelHelpListsEveryCommandAndTheExitStatuses() {
        for (CliRunner.Result help : new CliRunner.Result[] {CliRunner.run("help"), CliRunner.run("--help"),
                CliRunner.run("-h")}) {
            assertEquals(Cli.OK, help.status(), help.err());
            assertTrue(help.out().startsWith("usage: c4 "), help.out());
            for (String command : COMMANDS) {
                assertTrue(help.out().contains("\n  " + command + " "), command + " missing in " + help.out());
            }
            assertTrue(help.out().contains("Exit status: 0 success, 1 error"), help.out());
        }
    }

    @Test
    void optionsTakeTheirValueAfterASpaceOrAnEqualsSignAnywhereOnTheLine() throws Exception {
        CliRunner.Result serve = CliRunner.run("serve", "--port=70000", dir());
        assertEquals(Cli.USAGE, serve.status());
        assertTrue(serve.err().startsWith("c4: --port must be from 0 to 65535, not 70000\n"), serve.err());
        assertEquals(Cli.USAGE, CliRunner.run("serve", "--port", "-1", dir()).status());
        assertEquals(Cli.USAGE, CliRunner.run("sync", "--user=", dir(), "ws://h/db").status()); // "" without PW
    }

    @Test
    void atSignArgumentsAreTakenLiterallyNotAsArgumentFiles() throws Exception {
        Path file = tmp.resolve("args");
        Files.writeString(file, "other\n");
        String atFile = "@" + file;
        assertEquals(Cli.OK, CliRunner.run("put", dir(), atFile, "{\"a\":1}").status());
        assertEquals("{\"a\":1}\n", CliRunner.run("get", dir(), atFile).out());
        assertEquals(Cli.ERROR, CliRunner.run("get", dir(), "other").status());
    }

    @Test
    void usageErrorsNameTheMistakeAndShowTheSynopsis() {
        CliRunner.Result missingValue = CliRunner.run("sync", dir(), "ws://h/db", "--user");
        assertEquals(Cli.USAGE, missingValue.status());
        assertTrue(missingValue.err().startsWith("c4: --user needs a value\nusage: c4 sync "), missingValue.err());
        assertTrue(missingValue.err().endsWith("Try 'c4 sync --help' for more.\n"), missingValue.err());

        CliRunner.Result dashed = CliRunner.run("put", dir(), "-x", "{}"); // an ID with a dash goes after "--"
        assertEquals(Cli.USAGE, dashed.status());
        assertTrue(dashed.err().startsWith("c4: unknown option -x\n"), dashed.err());

        CliRunner.Result twice = CliRunner.run("sync", dir(), "ws://h/db", "--user", "a", "--user=b", "--password",
                "p");
        assertEquals(Cli.USAGE, twice.status());
        assertTrue(twice.err().startsWith("c4: --user given twice\n"), twice.err());

        CliRunner.Result notANumber = CliRunner.run("serve", dir(), "--port", "http");
        assertEquals(Cli.USAGE, notANumber.status());
        assertTrue(notANumber.err().startsWith("c4: invalid value for option '--port': 'http' is not an int"),
                notANumber.err());

        CliRunner.Result flagValue = CliRunner.run("sync", dir(), "ws://h/db", "--push=1");
        assertEquals(Cli.USAGE, flagValue.status(), flagValue.err());
        assertTrue(flagValue.err().startsWith("c4: "), flagValue.err());

        CliRunner.Result unknownHelp = CliRunner.run("help", "frobnicate");
        assertEquals(Cli.USAGE, unknownHelp.status());
        assertTrue(unknownHelp.err().startsWith("c4: "), unknownHelp.err());
    }

    @Test
    void passwordsStayOutOfUsageErrors() {
        CliRunner.Result r = CliRunner.run("serve", dir(), "--port", "0", "--password", "s3cret-pw");
        assertEquals(Cli.USAGE, r.status());
        assertTrue(r.err().startsWith("c4: --user and --password go together\n"), r.err());
        assertTrue(!r.err().contains("s3cret-pw"), r.err());
    }
}
