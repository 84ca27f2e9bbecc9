package org.c4j.cli.internal.command;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.c4j.accounts.Session;
import org.c4j.cli.internal.CommandIo;
import org.c4j.socket.C4Exception;

import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code session create DIR NAME [--ttl S]}: a Sync Gateway session for a user while no server runs (a running
 * {@code serve --admin-port} takes {@code POST /{db}/_session} instead); prints Sync Gateway's session JSON.
 *
 * <p>Not thread-safe: picocli makes one per run.
 */
@Command(name = "session", synopsisSubcommandLabel = "create",
        description = {"Create login sessions for DIR's users (kept in DIR/accounts)."},
        subcommands = {SessionCommand.Create.class})
public final class SessionCommand implements Callable<Integer> {
    private final CommandIo io;

    public SessionCommand(CommandIo io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        io.err().println("c4: session needs a subcommand: create");
        return ExitCode.USAGE;
    }

    /** {@code session create DIR NAME}. */
    @Command(name = "create", description = {"Create a session for NAME; prints {\"session_id\", \"expires\", "
            + "\"cookie_name\"} (a secret: the session logs in as NAME)."})
    public static final class Create implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "the database directory")
        Path dir;
        @Parameters(index = "1", paramLabel = "NAME", description = "the user name")
        String name;
        @Option(names = "--ttl", paramLabel = "S", description = "lifetime in seconds (default 86400, 24 h)")
        Long ttl;
        private final CommandIo io;

        public Create(CommandIo io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            try (AccountsDir accounts = AccountsDir.open(dir)) {
                Session s = accounts.store().createSession(name, ttl == null ? null : Duration.ofSeconds(ttl));
                io.out().println("{\"session_id\":\"" + s.id() + "\",\"expires\":\"" + s.expires()
                        + "\",\"cookie_name\":\"" + Session.COOKIE_NAME + "\"}");
            } catch (C4Exception e) {
                throw UserCommand.failure(e);
            } catch (ArithmeticException e) {
                throw new org.c4j.cli.internal.CommandException("--ttl is out of range");
            }
            return ExitCode.OK;
        }
    }
}
