package org.c4j.cli.internal.command;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.c4j.accounts.AccountStore;

/**
 * The accounts of a served database as the CLI keeps them: in {@code DIR/accounts} (users, roles and sessions,
 * files readable by the owner only). {@link #open} holds the database directory's lock, so accounts do not change
 * under a running {@code serve}.
 *
 * <p>Not thread-safe: owned by one command.
 */
final class AccountsDir implements AutoCloseable {
    static final String NAME = "accounts";

    private final FileChannel lock;
    private final AccountStore store;

    private AccountsDir(FileChannel lock, AccountStore store) {
        this.lock = lock;
        this.store = store;
    }

    /** Whether {@code dir} has accounts (then {@code serve} authenticates with them). */
    static boolean exists(Path dir) {
        return Files.isDirectory(dir.resolve(NAME));
    }

    /** The store in {@code dir/accounts} (created if needed), for a database that is served elsewhere-not now. */
    static AccountsDir open(Path dir) {
        FileChannel lock = OpenDatabase.lockOnly(dir);
        try {
            return new AccountsDir(lock, AccountStore.open(dir.resolve(NAME)));
        } catch (RuntimeException e) {
            closeQuietly(lock);
            throw e;
        }
    }

    AccountStore store() {
        return store;
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            closeQuietly(lock);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing releases the lock; nothing was written through it
        }
    }
}
