package org.c4j.replicator.internal.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.c4j.Collection;
import org.c4j.Database;
import org.c4j.blip.BlipConnection;
import org.c4j.replicator.internal.checkpoint.Checkpointer;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.replicator.internal.pull.Puller;
import org.c4j.replicator.internal.push.Pusher;
import org.c4j.socket.C4Exception;
import org.c4j.socket.OptionsDict;

/**
 * A {@link ReplContext} for worker tests (shared by the Pusher and Puller tests): one database and collection, one
 * BLIP connection, options and hooks set before the worker starts, and recordings of everything the worker reports
 * (checkpointer calls, statuses, document events, fatal errors). Worker executors are single daemon threads, shut
 * down by {@link #close()}.
 *
 * <p>Thread-safe: recordings are concurrent collections.
 */
public final class TestReplContext implements ReplContext, AutoCloseable {
    private final Database database;
    private final Collection collection;
    private final BlipConnection connection;
    private volatile OptionsDict options = OptionsDict.EMPTY;
    private volatile ReplicationHooks hooks = ReplicationHooks.NONE;
    private volatile int remoteId = 1;
    private volatile int collectionIndex = -1;
    private final List<ExecutorService> executors = new CopyOnWriteArrayList<>();

    /** Every checkpointer call, as "pushPending 3", "pullCompleted 12", ... in call order. */
    public final List<String> checkpointCalls = new CopyOnWriteArrayList<>();
    public final List<WorkerStatus> statuses = new CopyOnWriteArrayList<>();
    public final BlockingQueue<DocumentEnded> ended = new LinkedBlockingQueue<>();
    public final BlockingQueue<C4Exception> fatals = new LinkedBlockingQueue<>();

    private final Checkpointer checkpointer = new Checkpointer() {
        @Override
        public void pushPending(long localSeq) {
            checkpointCalls.add("pushPending " + localSeq);
        }

        @Override
        public void pushCompleted(long localSeq) {
            checkpointCalls.add("pushCompleted " + localSeq);
        }

        @Override
        public void pullPending(Object remoteSeq) {
            checkpointCalls.add("pullPending " + remoteSeq);
        }

        @Override
        public void pullCompleted(Object remoteSeq) {
            checkpointCalls.add("pullCompleted " + remoteSeq);
        }
    };

    public TestReplContext(Database database, BlipConnection connection) {
        this.database = database;
        this.collection = database.defaultCollection();
        this.connection = connection;
    }

    public TestReplContext options(OptionsDict value) {
        this.options = value;
        return this;
    }

    public TestReplContext hooks(ReplicationHooks value) {
        this.hooks = value;
        return this;
    }

    public TestReplContext remoteId(int value) {
        this.remoteId = value;
        return this;
    }

    public TestReplContext collectionIndex(int value) {
        this.collectionIndex = value;
        return this;
    }

    @Override
    public DbAccess db() {
        return DbAccess.of(database).forCollection(collection.spec());
    }

    @Override
    public int collectionIndex() {
        return collectionIndex;
    }

    @Override
    public BlipConnection connection() {
        return connection;
    }

    @Override
    public OptionsDict options() {
        return options;
    }

    @Override
    public int remoteId() {
        return remoteId;
    }

    @Override
    public ReplicationHooks hooks() {
        return hooks;
    }

    @Override
    public Checkpointer checkpointer() {
        return checkpointer;
    }

    private OwnInserts ownInserts;

    public TestReplContext ownInserts(OwnInserts value) {
        ownInserts = value;
        return this;
    }

    @Override
    public OwnInserts ownInserts() {
        return ownInserts;
    }

    @Override
    public void workerStatus(Direction direction, WorkerStatus status) {
        statuses.add(status);
    }

    @Override
    public void documentEnded(DocumentEnded event) {
        ended.add(event);
    }

    @Override
    public void fatal(C4Exception error) {
        fatals.add(error);
    }

    @Override
    public java.util.concurrent.Executor newWorkerExecutor(String name) {
        ExecutorService e = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "test-" + name);
            t.setDaemon(true);
            return t;
        });
        executors.add(e);
        return e;
    }

    /** The latest status reported, or null. */
    public WorkerStatus lastStatus() {
        return statuses.isEmpty() ? null : statuses.get(statuses.size() - 1);
    }

    /** Waits until a reported status matches; fails after 10 s. */
    public WorkerStatus awaitStatus(Predicate<WorkerStatus> p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            WorkerStatus s = lastStatus();
            if (s != null && p.test(s)) {
                return s;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no matching status; got " + statuses);
    }

    /** Takes the next {@code n} document events; fails after 10 s. */
    public List<DocumentEnded> takeEnded(int n) throws InterruptedException {
        List<DocumentEnded> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DocumentEnded e = ended.poll(10, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("only " + out.size() + " of " + n + " document events: " + out);
            }
            out.add(e);
        }
        return out;
    }

    @Override
    public void close() {
        for (ExecutorService e : executors) {
            e.shutdownNow();
        }
    }
}
