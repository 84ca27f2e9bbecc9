package org.c4j.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import org.c4j.cli.internal.CommandException;
import org.c4j.cli.internal.CommandLine;
import org.c4j.cli.internal.DocCommands;
import org.c4j.cli.internal.ServeCommand;
import org.c4j.cli.internal.SyncCommand;
import org.c4j.cli.internal.UsageException;
import org.c4j.socket.C4Exception;

/**
 * The {@code c4} command line, testable in-process: {@link #run} parses the arguments, runs the command against the
 * given streams and returns the exit status instead of exiting — {@link #OK}, {@link #ERROR} (printed as
 * {@code c4: <message>}) or {@link #USAGE} (a wrong command line, printed with the command's synopsis).
 *
 * <p>Not thread-safe: one {@code run} at a time per instance. The streams belong to the caller.
 */
public final class Cli {
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int USAGE = 2;

    static final String USAGE_TEXT = String.join("\n",
            "usage: c4 COMMAND ARGS...",
            "",
            "  put DIR ID JSON   save JSON as the new current revision of document ID (creates the",
            "                    database in DIR if needed); prints the new revision ID",
            "  get DIR ID        print the document's JSON body",
            "  ls DIR            list the live documents: ID, a tab, current revision ID",
            "  rm DIR ID         delete the document (a tombstone, which replicates); prints its revision ID",
            "  serve DIR --port P [--host ADDR] [--db NAME] [--no-tls] [--user U --password PW] [--readonly]",
            "                    serve the database to replication peers at ws://HOST:P/NAME (NAME: --db, else",
            "                    DIR's name; --port 0 picks a free port; --host: interface name or address;",
            "                    --user/--password: Basic auth; --readonly: refuse pushes) until SIGINT/SIGTERM;",
            "                    prints \"listening ws://HOST:PORT/NAME\". TLS is not available yet: plain ws only",
            "  sync DIR URL [--push|--pull] [--continuous] [--user U --password PW] [--session ID]",
            "                    replicate with URL (ws://host:port/db): both ways unless --push or --pull;",
            "                    --continuous keeps going until SIGINT; --session: Sync Gateway session ID;",
            "                    progress on stderr, then \"pushed N, pulled M, errors E\" on stdout",
            "  help              print this text",
            "",
            "Exit status: 0 success, 1 error (\"c4: <message>\" on stderr), 2 wrong command line.",
            "");

    private final PrintStream out;
    private final PrintStream err;
    private final StopSignal stop;

    /** A command line writing to {@code out} and {@code err}; long-running commands run until {@code stop} fires. */
    public Cli(PrintStream out, PrintStream err, StopSignal stop) {
        this.out = out;
        this.err = err;
        this.stop = stop;
    }

    /** Runs one command and returns its exit status. */
    public int run(String... args) {
        if (args.length == 0) {
            err.print(USAGE_TEXT);
            return USAGE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "help", "--help", "-h" -> out.print(USAGE_TEXT);
                case "put" -> DocCommands.put(CommandLine.parse(DocCommands.PUT, rest), out);
                case "get" -> DocCommands.get(CommandLine.parse(DocCommands.GET, rest), out);
                case "ls" -> DocCommands.ls(CommandLine.parse(DocCommands.LS, rest), out);
                case "rm" -> DocCommands.rm(CommandLine.parse(DocCommands.RM, rest), out);
                case "serve" -> ServeCommand.run(CommandLine.parse(ServeCommand.SPEC, rest), out, err, stop);
                case "sync" -> SyncCommand.run(CommandLine.parse(SyncCommand.SPEC, rest), out, err, stop);
                default -> throw new UsageException("unknown command '" + args[0] + "'", null);
            }
            return OK;
        } catch (UsageException e) {
            err.println("c4: " + e.getMessage());
            if (e.synopsis() != null) {
                err.println("usage: c4 " + e.synopsis());
            } else {
                err.print(USAGE_TEXT);
            }
            return USAGE;
        } catch (CommandException | C4Exception e) {
            err.println("c4: " + e.getMessage());
            return ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("c4: interrupted");
            return ERROR;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
