package org.c4j.cli.internal;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.c4j.Database;
import org.c4j.replicator.Replicator;
import org.c4j.replicator.ReplicatorActivity;
import org.c4j.replicator.ReplicatorConfig;
import org.c4j.replicator.ReplicatorStatus;
import org.c4j.replicator.ReplicatorType;
import org.c4j.cli.StopSignal;
import org.c4j.socket.C4Exception;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.ws.WebSocketClientFactory;

/**
 * {@code sync}: replicates the database in DIR with the one at URL (c4-api's {@link Replicator} on the Java-WebSocket
 * {@link WebSocketClientFactory}), showing progress on stderr and a summary on stdout:
 * {@code pushed N, pulled M, errors E}. One-shot, it ends when caught up; continuous, when the stop signal fires.
 * Succeeds only if the replicator stopped without error, no document failed and (one-shot) it was not interrupted.
 *
 * <p>Stateless; thread-safe. {@link #run} blocks until the replication ends.
 */
public final class SyncCommand {
    public static final CommandLine.Spec SPEC = new CommandLine.Spec(
            "sync DIR URL [--push|--pull] [--continuous] [--user U --password PW] [--session ID]",
            List.of("DIR", "URL"), Set.of("push", "pull", "continuous"), Set.of("user", "password", "session"));

    /** How often the wait loop looks at the stop signal. */
    private static final Duration STOP_POLL = Duration.ofMillis(100);

    private SyncCommand() {
    }

    public static void run(CommandLine cl, PrintStream out, PrintStream err, StopSignal stop)
            throws InterruptedException {
        URI url = url(cl);
        ReplicatorType type = type(cl);
        OptionsDict options = options(cl);
        boolean continuous = cl.flag("continuous");
        stop.watch();
        try (OpenDatabase open = DocCommands.open(cl, true)) {
            Database db = open.database();
            Replicator replicator = new Replicator(ReplicatorConfig.builder(db, url).type(type).continuous(continuous)
                    .options(options).socketFactory(new WebSocketClientFactory()).build());
            SyncProgress progress = new SyncProgress(err);
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
                if (!interrupted && stop.isRequested()) {
                    interrupted = true;
                    replicator.stop();
                }
            }
            out.println(progress.summary());
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
    }

    private static URI url(CommandLine cl) {
        try {
            return new URI(cl.positional("URL"));
        } catch (URISyntaxException e) {
            throw cl.usage("bad URL: " + e.getMessage());
        }
    }

    private static ReplicatorType type(CommandLine cl) {
        if (cl.flag("push") && cl.flag("pull")) {
            throw cl.usage("--push and --pull exclude each other (neither: both ways)");
        }
        return cl.flag("push") ? ReplicatorType.PUSH : cl.flag("pull") ? ReplicatorType.PULL
                : ReplicatorType.PUSH_AND_PULL;
    }

    /** The auth option: Basic from --user/--password, or a Sync Gateway session from --session. */
    private static OptionsDict options(CommandLine cl) {
        String user = cl.option("user");
        String password = cl.option("password");
        String session = cl.option("session");
        if ((user == null) != (password == null)) {
            throw cl.usage("--user and --password go together");
        }
        if (user != null && session != null) {
            throw cl.usage("--session excludes --user/--password");
        }
        if (user != null) {
            return OptionsDict.builder().putDict(OptionKeys.AUTH, OptionsDict.builder()
                    .put(OptionKeys.AUTH_TYPE, OptionKeys.AUTH_TYPE_BASIC)
                    .put(OptionKeys.AUTH_USERNAME, user)
                    .put(OptionKeys.AUTH_PASSWORD, password).build()).build();
        }
        if (session != null) {
            return OptionsDict.builder().putDict(OptionKeys.AUTH, OptionsDict.builder()
                    .put(OptionKeys.AUTH_TYPE, OptionKeys.AUTH_TYPE_SESSION)
                    .put(OptionKeys.AUTH_TOKEN, session).build()).build();
        }
        return OptionsDict.EMPTY;
    }
}
