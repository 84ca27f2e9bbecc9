package org.c4j.replicator;

import java.util.Objects;
import java.util.Set;

import org.c4j.CollectionSpec;
import org.c4j.Database;
import org.c4j.Document;
import org.c4j.replicator.internal.access.AccessState;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.socket.Principal;

/**
 * Per-user access to a database served by a listener, as Sync Gateway does it: a {@link SyncFunction} puts each
 * document in channels and may grant access; a principal reads the documents of its channels only. Give it to
 * {@link PassiveReplicator.Config#withAccess} (or {@link ListenerConfig}'s replication config): each connection then
 * pulls only what its {@link Principal} may see and has its pushes checked by the function.
 *
 * <p>A principal reads: its own channels ({@link Principal#channels()}: Sync Gateway's admin_channels and those of its
 * roles), the channels of its roles as {@link RoleChannels} gives them, channels granted to it or to its roles by
 * documents ({@link AccessGrant}; the GUEST principal is named {@value AccessGrant#GUEST}), and for a named user the
 * public channel {@code "!"}. {@value Principal#ALL_CHANNELS} reads everything.
 *
 * <p>The state (each document's channels and grants) is kept in the database's local documents, written with each
 * pushed revision; local writes are processed by an observer. Opening with another {@code functionVersion} than last
 * time recomputes every document. Close it when the database closes. Thread-safe.
 */
public final class ChannelAccess implements AutoCloseable {
    private final Database database;
    private final AccessState state;

    private ChannelAccess(Database database, AccessState state) {
        this.database = database;
        this.state = state;
    }

    /**
     * Opens (and brings up to date) the access state of {@code database}.
     *
     * @param function        the sync function ({@link SyncFunction#DEFAULT} for Sync Gateway's default)
     * @param functionVersion names this function's logic: change it whenever the function changes, so the state is
     *                        recomputed
     * @param roles           the channels of roles ({@link RoleChannels#NONE} if the principal carries them all)
     */
    public static ChannelAccess open(Database database, SyncFunction function, String functionVersion,
                                     RoleChannels roles) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(functionVersion, "functionVersion");
        Objects.requireNonNull(roles, "roles");
        return new ChannelAccess(database,
                AccessState.open(DbAccess.of(database), function, functionVersion, roles));
    }

    /** Sync Gateway's default sync function (top-level {@code channels}), roles from the principal only. */
    public static ChannelAccess openDefault(Database database) {
        return open(database, SyncFunction.DEFAULT, "default", RoleChannels.NONE);
    }

    public Database database() {
        return database;
    }

    /** Every channel {@code principal} may read now (grants included). */
    public Set<String> channelsOf(Principal principal) {
        state.catchUp();
        return state.channelsOf(principal);
    }

    /** The channels of a document's current revision; empty if it does not exist. */
    public Set<String> documentChannels(CollectionSpec collection, String docId) {
        DbAccess coll = DbAccess.of(database).forCollection(collection);
        Document doc = coll == null ? null : coll.get(docId);
        Set<String> ch = doc == null ? null : state.channels(coll, docId, doc.revId());
        return ch == null ? Set.of() : ch;
    }

    /** True if {@code principal} may read the document now. */
    public boolean canRead(Principal principal, CollectionSpec collection, String docId) {
        return AccessState.canRead(channelsOf(principal), documentChannels(collection, docId));
    }

    /** The internal state, for the replicator's workers. */
    AccessState state() {
        return state;
    }

    /** Stops observing the database. */
    @Override
    public void close() {
        state.close();
    }
}
