package org.c4j.cli.internal;

/**
 * A command failed for a reason the user should read (document not found, no database, replication failed): the
 * command prints {@code c4: <message>} and exits with status 1.
 *
 * <p>Immutable; thread-safe.
 */
public final class CommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommandException(String message) {
        super(message);
    }
}
