package org.c4j.replicator.internal.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.c4j.Body;
import org.c4j.Collection;
import org.c4j.Database;
import org.c4j.DatabaseConfig;
import org.c4j.Document;
import org.c4j.replicator.internal.core.ReplTuning;
import org.c4j.replicator.internal.db.DbAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When remote markers reach the database: a busy pusher's marks wait for a full batch or a flush, and answer for
 * the documents meanwhile. The writer runs on the calling thread (a direct executor) so commits are visible at once.
 */
class RemoteMarksTest {
    private static final int REMOTE = 1;
    private static final Executor DIRECT = Runnable::run;

    @TempDir
    Path dir;
    private Database db;
    private Collection docs;
    private RemoteMarks marks;

    @BeforeEach
    void open() {
        db = Database.open(dir, DatabaseConfig.defaults().withDurable(false));
        docs = db.defaultCollection();
        DbAccess access = DbAccess.of(db).forCollection(docs.spec());
        marks = new RemoteMarks(access, REMOTE, DIRECT, DIRECT);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<Document> save(int n) {
        List<Document> saved = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            saved.add(docs.save("d" + i, null, Body.fromJson("{\"i\":" + i + "}")));
        }
        return saved;
    }

    @Test
    void marksBelowABatchWaitForAFlushAndAnswerMeanwhile() {
        List<Document> saved = save(3);
        saved.forEach(d -> marks.add(d.id(), d.revId()));
        for (Document d : saved) {
            assertNull(docs.get(d.id()).remoteRevId(REMOTE), "not committed before a flush");
            assertEquals(d.revId(), marks.uncommitted(d.id()));
        }
        marks.flush();
        for (Document d : saved) {
            assertEquals(d.revId(), docs.get(d.id()).remoteRevId(REMOTE));
        }
    }

    @Test
    void aFullBatchIsCommittedWithoutAFlush() {
        List<Document> saved = save(ReplTuning.REMOTE_MARKS_BATCH + 1);
        saved.forEach(d -> marks.add(d.id(), d.revId()));
        for (Document d : saved.subList(0, ReplTuning.REMOTE_MARKS_BATCH)) {
            assertEquals(d.revId(), docs.get(d.id()).remoteRevId(REMOTE));
        }
        Document last = saved.get(ReplTuning.REMOTE_MARKS_BATCH);
        assertNull(docs.get(last.id()).remoteRevId(REMOTE), "the next batch has only just begun");
        assertEquals(last.revId(), marks.uncommitted(last.id()));
    }
}
