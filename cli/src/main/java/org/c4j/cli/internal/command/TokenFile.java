package org.c4j.cli.internal.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.c4j.replicator.CredentialsProvider;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;

/**
 * {@code sync --bearer-file F}: a {@link CredentialsProvider} that reads the ID token from F's first line before
 * every connection, and again after a 401: a token renewed in F since the last connection is used at once; the same
 * (refused) token again means there is nothing fresh, and the replication stops with the 401.
 *
 * <p>Thread-safe enough for the replicator, which calls it under its lock; never prints the token.
 */
final class TokenFile implements CredentialsProvider {
    private final Path file;
    private final PrintStream err;

    TokenFile(Path file, PrintStream err) {
        this.file = file;
        this.err = err;
    }

    @Override
    public OptionsDict credentials(Reason reason, OptionsDict current) {
        String token = read();
        if (token == null) {
            return null;
        }
        String used = current == null ? null : current.getString(OptionKeys.AUTH_TOKEN);
        if (reason == Reason.UNAUTHORIZED && token.equals(used)) {
            return null;
        }
        return CredentialsProvider.bearer(token);
    }

    private String read() {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            String first = (nl < 0 ? text : text.substring(0, nl)).trim();
            return first.isEmpty() ? null : first;
        } catch (IOException e) {
            err.println("c4: can't read the token file " + file + ": " + e.getMessage());
            return null;
        }
    }
}
