package org.c4j.replicator.internal.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.c4j.CollectionSpec;
import org.c4j.LocalDocument;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.socket.C4Exception;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An active replicator's own checkpoints: their IDs ({@link CheckpointId}) and their storage as local documents
 * (ID {@value #DOC_PREFIX} + checkpoint ID; LiteCore keeps them in its {@code checkpoints} raw store).
 *
 * <p>Stateless; thread-safe.
 */
public final class LocalCheckpoints {
    /** Local-document ID prefix of a replicator's own checkpoints. */
    public static final String DOC_PREFIX = "checkpoints/";

    private static final Logger LOG = LoggerFactory.getLogger(LocalCheckpoints.class);

    private LocalCheckpoints() {
    }

    /**
     * The checkpoint ID of one collection of an active replication, as LiteCore derives it.
     *
     * @param remoteUrl      the endpoint URL ({@link CheckpointId#remoteUrl}); the {@code remoteDBUniqueID} option
     *                       replaces it
     * @param collectionAware whether the replication uses getCollections (then a non-default collection gets the
     *                       3.1+ ID)
     */
    public static String checkpointId(DbAccess db, OptionsDict options, String remoteUrl, CollectionSpec spec,
                                      boolean collectionAware, boolean pulls, boolean pushes) {
        String remote = options.getString(OptionKeys.REMOTE_DB_UNIQUE_ID, remoteUrl);
        OptionsDict params = options.getDict(OptionKeys.FILTER_PARAMS);
        Map<String, Object> filterParams = params == null ? null : params.toMap();
        List<String> channels = options.getStringList(OptionKeys.CHANNELS);
        List<String> docIds = options.getStringList(OptionKeys.DOC_IDS);
        CheckpointId id = new CheckpointId(CheckpointId.uuidBytes(db.privateUuid()), remote, channels,
                options.getString(OptionKeys.FILTER), filterParams, docIds);
        return collectionAware && !spec.isDefault() ? id.derive(spec, pulls, pushes) : id.derive();
    }

    /** The stored checkpoint, or null if there is none or it can't be parsed (then replication starts over). */
    public static CheckpointBody read(DbAccess db, String checkpointId) {
        LocalDocument doc = db.localDocument(DOC_PREFIX + checkpointId);
        if (doc == null) {
            return null;
        }
        try {
            return CheckpointBody.decode(doc.json().getBytes(StandardCharsets.UTF_8));
        } catch (C4Exception e) {
            LOG.warn("ignoring unparseable checkpoint {}: {}", checkpointId, e.getMessage());
            return null;
        }
    }

    /** Stores a checkpoint's JSON. */
    public static void write(DbAccess db, String checkpointId, byte[] json) {
        db.putLocalDocument(DOC_PREFIX + checkpointId, null, new String(json, StandardCharsets.UTF_8));
    }
}
