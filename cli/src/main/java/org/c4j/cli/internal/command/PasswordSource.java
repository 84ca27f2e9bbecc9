package org.c4j.cli.internal.command;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.c4j.cli.internal.CommandException;
import org.c4j.cli.internal.CommandIo;

import picocli.CommandLine.Option;

/**
 * Where a new password comes from, safest first: {@code --password-file F} (first line), the {@code C4_PASSWORD}
 * environment variable, {@code --password PW} (with a warning: command lines are visible to other users), or a
 * prompt on the terminal (asked twice).
 *
 * <p>Not thread-safe: picocli makes one per command per run.
 */
final class PasswordSource {
    static final String ENV = "C4_PASSWORD";

    @Option(names = "--password-file", paramLabel = "F", description = "read the password from F's first line")
    Path file;

    @Option(names = "--password", paramLabel = "PW",
            description = "the password (visible to other users of this machine: prefer --password-file or $"
                    + ENV + ")")
    String inline;

    /** The password; a {@link CommandException} if none can be had. */
    String read(CommandIo io) {
        if (file != null) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                int nl = text.indexOf('\n');
                String first = (nl < 0 ? text : text.substring(0, nl)).replace("\r", "");
                return nonEmpty(first);
            } catch (IOException e) {
                throw new CommandException("can't read the password file " + file + ": " + e.getMessage());
            }
        }
        String env = System.getenv(ENV);
        if (env != null) {
            return nonEmpty(env);
        }
        if (inline != null) {
            io.err().println("c4: warning: a password on the command line is visible to other users; "
                    + "prefer --password-file or $" + ENV);
            return nonEmpty(inline);
        }
        Console console = System.console();
        if (console == null) {
            throw new CommandException("no password: give --password-file F, set $" + ENV + " or run on a terminal");
        }
        char[] a = console.readPassword("password: ");
        char[] b = console.readPassword("again: ");
        try {
            if (a == null || b == null || !Arrays.equals(a, b)) {
                throw new CommandException("the passwords differ");
            }
            return nonEmpty(new String(a));
        } finally {
            if (a != null) {
                Arrays.fill(a, '\0');
            }
            if (b != null) {
                Arrays.fill(b, '\0');
            }
        }
    }

    private static String nonEmpty(String p) {
        if (p.isEmpty()) {
            throw new CommandException("the password is empty");
        }
        return p;
    }
}
