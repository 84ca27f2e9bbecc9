package org.c4j.cli.internal.command;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.c4j.cli.internal.CommandException;
import org.c4j.cli.internal.CommandIo;
import org.c4j.replicator.CredentialsProvider;
import org.c4j.replicator.Replicator;
import org.c4j.replicator.ReplicatorActivity;
import org.c4j.replicator.ReplicatorConfig;
import org.c4j.replicator.ReplicatorStatus;
import org.c4j.replicator.ReplicatorType;
import org.c4j.socket.C4Exception;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.ws.WebSocketClientFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sync}: replicates the database in DIR with the one at URL (the replicator module's {@link Replicator} on
 * the Java-WebSocket {@link WebSocketClientFactory}), showing progress on stderr and a summary on stdout:
 * {@code pushed N, pulled M, errors E}. One-shot, it ends when caught up; continuous, when the stop signal fires.
 * Succeeds only if the replicator stopped without error, no document failed and (one-shot) it was not interrupted.
 *
 * <p>Not thread-safe: picocli makes one per run. {@link #call} blocks until the replication ends.
 */
@Command(name = "sync", description = {"Replicate with the database at URL (ws:// or wss://HOST:PORT/NAME): both "
        + "ways unless --push or --pull. wss trusts the JDK's CAs unless --pinned-cert, --self-signed-only or "
        + "--ca-cert. Progress on stderr, then \"pushed N, pulled M, errors E\" on stdout."})
public final class SyncCommand implements Callable<Integer> {
    /** How often the wait loop looks at the stop signal. */
    private static final Duration STOP_POLL = Duration.ofMillis(100);

    @Parameters(index = "0", paramLabel = "DIR", description = "the database directory (created if needed)")
    Path dir;

    @Parameters(index = "1", paramLabel = "URL", description = "the peer's database: ws:// or wss://HOST:PORT/NAME")
    URI url;

    @Option(names = "--push", description = "only send this database's changes")
    boolean push;

    @Option(names = "--pull", description = "only fetch the peer's changes")
    boolean pull;

    @Option(names = "--continuous", description = "keep replicating until SIGINT/SIGTERM")
    boolean continuous;

    @Option(names = "--no-deltas", description = "send and receive full bodies only (by default edits go as "
            + "deltas when the peer takes them)")
    boolean noDeltas;

    @Mixin
    Credentials credentials;

    @Option(names = "--session", paramLabel = "ID", description = "a Sync Gateway session ID (instead of --user)")
    String session;

    @Option(names = "--bearer", paramLabel = "TOKEN",
            description = "an OpenID Connect ID token, sent as Authorization: Bearer (visible to other users of this "
                    + "machine: prefer --bearer-file)")
    String bearer;

    @Option(names = "--bearer-file", paramLabel = "F",
            description = "read the ID token from F before every connection and after a 401, so a token renewed in "
                    + "F is used without restarting")
    java.nio.file.Path bearerFile;

    @Mixin
    TlsTrust tls;

    @Spec
    CommandSpec spec;

    private final CommandIo io;

    public SyncCommand(CommandIo io) {
        this.io = io;
    }

    @Override
    public Integer call() throws InterruptedException {
        ReplicatorType type = type();
        OptionsDict options = tls.add(dir, url, authOptions());
        io.stop().watch();
        try (OpenDatabase open = OpenDatabase.open(dir, true)) {
            Replicator replicator = new Replicator(ReplicatorConfig.builder(open.database(), url).type(type)
                    .continuous(continuous).options(options).deltas(!noDeltas)
                    .socketFactory(new WebSocketClientFactory())
                    .credentialsProvider(bearerFile == null ? null : new TokenFile(bearerFile, io.err())).build());
            SyncProgress progress = new SyncProgress(io.err());
            CountDownLatch ended = new CountDownLatch(1);
            AtomicReference<ReplicatorStatus> last = new AtomicReference<>();
            replicator.addDocumentListener(progress::document);
            replicator.addChangeListener(s -> {
                progress.status(s);
                if (s.activity() == ReplicatorActivity.STOPPED) {
                    last.set(s);
                    ended.countDown();
                }
            });
            replicator.start();
            boolean interrupted = false;
            while (!ended.await(STOP_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                if (!interrupted && io.stop().isRequested()) {
                    interrupted = true;
                    replicator.stop();
                }
            }
            io.out().println(progress.summary());
            C4Exception error = last.get().error();
            if (error != null) {
                throw new CommandException("replication failed: " + error.getMessage()
                        + " (" + error.domain() + " " + error.code() + ")");
            }
            if (progress.errors() > 0) {
                throw new CommandException(progress.errors() + " document(s) failed to replicate");
            }
            if (interrupted && !continuous) {
                throw new CommandException("interrupted before the replication completed");
            }
        }
        return ExitCode.OK;
    }

    private ReplicatorType type() {
        if (push && pull) {
            throw new ParameterException(spec.commandLine(), "--push and --pull exclude each other (neither: both ways)");
        }
        return push ? ReplicatorType.PUSH : pull ? ReplicatorType.PULL : ReplicatorType.PUSH_AND_PULL;
    }

    /** The auth option: Basic from --user/--password, or a Sync Gateway session from --session. */
    private OptionsDict authOptions() {
        boolean basic = credentials.given();
        int kinds = (basic ? 1 : 0) + (session != null ? 1 : 0) + (bearer != null ? 1 : 0)
                + (bearerFile != null ? 1 : 0);
        if (kinds > 1) {
            throw new ParameterException(spec.commandLine(),
                    "give one of --user/--password, --session, --bearer and --bearer-file");
        }
        if (bearer != null) {
            io.err().println("c4: warning: a token on the command line is visible to other users; prefer --bearer-file");
            return OptionsDict.builder().putDict(OptionKeys.AUTH, CredentialsProvider.bearer(bearer)).build();
        }
        if (bearerFile != null) {
            return OptionsDict.EMPTY; // the TokenFile provider supplies it before every connection
        }
        if (basic) {
            return OptionsDict.builder().putDict(OptionKeys.AUTH, OptionsDict.builder()
                    .put(OptionKeys.AUTH_TYPE, OptionKeys.AUTH_TYPE_BASIC)
                    .put(OptionKeys.AUTH_USERNAME, credentials.user)
                    .put(OptionKeys.AUTH_PASSWORD, credentials.password).build()).build();
        }
        if (session != null) {
            return OptionsDict.builder().putDict(OptionKeys.AUTH, OptionsDict.builder()
                    .put(OptionKeys.AUTH_TYPE, OptionKeys.AUTH_TYPE_SESSION)
                    .put(OptionKeys.AUTH_TOKEN, session).build()).build();
        }
        return OptionsDict.EMPTY;
    }
}
