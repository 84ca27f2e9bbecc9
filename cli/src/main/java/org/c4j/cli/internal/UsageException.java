package org.c4j.cli.internal;

/**
 * The command line is wrong (unknown command or option, missing or extra arguments): the command prints the
 * message and the command's synopsis and exits with status 2.
 *
 * <p>Immutable; thread-safe.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String synopsis;

    public UsageException(String message, String synopsis) {
        super(message);
        this.synopsis = synopsis;
    }

    /** The synopsis of the command that was misused, or null to show the whole usage text. */
    public String synopsis() {
        return synopsis;
    }
}
