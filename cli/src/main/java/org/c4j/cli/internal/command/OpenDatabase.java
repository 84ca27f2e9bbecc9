package org.c4j.cli.internal.command;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.c4j.Database;
import org.c4j.Document;
import org.c4j.cli.internal.CommandException;

/**
 * A database opened by a c4 command, holding an exclusive lock on {@code DIR/.c4.lock} while open. The storage
 * allows one writing process per database directory, and every open writes, so a second c4 process on the same
 * directory (a {@code put} while {@code serve} runs) is refused instead of corrupting it.
 *
 * <p>Not thread-safe: owned by the command that opened it; {@link #database()} is thread-safe as documented there.
 */
final class OpenDatabase implements AutoCloseable {
    static final String LOCK_FILE = ".c4.lock";

    private final Database database;
    private final FileChannel lockChannel;

    private OpenDatabase(Database database, FileChannel lockChannel) {
        this.database = database;
        this.lockChannel = lockChannel;
    }

    /** Opens the database in {@code dir}; without {@code create}, the directory must exist. */
    static OpenDatabase open(Path dir, boolean create) {
        if (!create && !Files.isDirectory(dir)) {
            throw new CommandException("no database at " + dir);
        }
        FileChannel channel = lock(dir);
        try {
            return new OpenDatabase(Database.open(dir), channel);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Locks a database directory (created if needed) without opening the database, for commands that change only
     * its accounts; closing the channel releases the lock.
     */
    static FileChannel lockOnly(Path dir) {
        return lock(dir);
    }

    private static FileChannel lock(Path dir) {
        FileChannel channel;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new CommandException("can't open database " + dir + ": " + e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException e) {
            closeQuietly(channel);
            throw new CommandException("can't lock database " + dir + ": " + e);
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another command in this JVM
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new CommandException("database " + dir + " is in use by another c4 command (serve or sync?);"
                    + " only one process may open it at a time");
        }
        return channel;
    }

    Database database() {
        return database;
    }

    /** The document with this ID in the default collection; a {@link CommandException} if missing or deleted. */
    Document liveDocument(String id) {
        Document doc = database.defaultCollection().get(id);
        if (doc == null || doc.isDeleted()) {
            throw new CommandException("not found: " + id);
        }
        return doc;
    }

    /** Closes the database, then releases the lock. */
    @Override
    public void close() {
        try {
            database.close();
        } finally {
            closeQuietly(lockChannel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing releases the lock; nothing was written through this channel, nothing can be lost.
        }
    }
}
