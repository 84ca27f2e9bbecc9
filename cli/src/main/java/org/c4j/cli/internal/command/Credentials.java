package org.c4j.cli.internal.command;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.c4j.ws.PasswordAuthenticator;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --user U --password PW}, both or neither: HTTP Basic credentials, mixed into the commands that speak to
 * (or serve) a peer. Never printed: no {@code toString} shows them.
 *
 * <p>Not thread-safe: picocli makes one per command per run.
 */
final class Credentials {
    @Option(names = "--user", paramLabel = "U", description = "HTTP Basic user name (with --password)")
    String user;

    @Option(names = "--password", paramLabel = "PW", description = "HTTP Basic password (with --user)")
    String password;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** True if both were given; a usage error if only one was. */
    boolean given() {
        if ((user == null) != (password == null)) {
            throw new ParameterException(command.commandLine(), "--user and --password go together");
        }
        return user != null;
    }

    /** Checks a peer's credentials against these (both given), in constant time. */
    PasswordAuthenticator authenticator() {
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        // Constant-time comparisons: how long a refusal takes says nothing about how close a guess was.
        return (name, pass) -> MessageDigest.isEqual(u, name.getBytes(StandardCharsets.UTF_8))
                & MessageDigest.isEqual(pw, pass.getBytes(StandardCharsets.UTF_8));
    }
}
