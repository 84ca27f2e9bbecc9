package org.c4j.cli.internal.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

import org.c4j.cli.internal.CommandIo;
import org.c4j.ws.PasswordAuthenticator;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --user U} with its password: HTTP Basic credentials, mixed into the commands that speak to (or serve) a
 * peer. The password comes from {@code --password-file FILE} (its first line), the {@value #PASSWORD_ENV}
 * environment variable, or {@code --password PW} — the last visible to every user of the machine (in {@code ps}),
 * so it draws a warning. Never printed: no {@code toString} shows them.
 *
 * <p>Not thread-safe: picocli makes one per command per run.
 */
public final class Credentials {
    /** Environment variable holding the password when neither {@code --password} nor a file is given. */
    static final String PASSWORD_ENV = "C4_PASSWORD";

    @Option(names = "--user", paramLabel = "U", description = "HTTP Basic user name (password from --password-file,"
            + " $" + PASSWORD_ENV + " or --password)")
    String user;

    @Option(names = "--password", paramLabel = "PW",
            description = "HTTP Basic password; visible in ps: prefer --password-file or $" + PASSWORD_ENV)
    String password;

    @Option(names = "--password-file", paramLabel = "FILE", description = "read the password from FILE's first line")
    Path passwordFile;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private final CommandIo io;
    private boolean resolved;

    public Credentials(CommandIo io) {
        this.io = io;
    }

    /**
     * True if a user and a password were given; a usage error if only one was, or the password twice. Resolves the
     * password from its source (and warns about one on the command line).
     */
    boolean given() {
        if (!resolved) {
            resolve();
            resolved = true;
        }
        return user != null;
    }

    private void resolve() {
        if (password != null && passwordFile != null) {
            throw new ParameterException(command.commandLine(), "--password and --password-file exclude each other");
        }
        if (user == null && (password != null || passwordFile != null)) {
            throw new ParameterException(command.commandLine(), "--user and --password go together");
        }
        if (passwordFile != null) {
            password = readFirstLine(passwordFile);
        } else if (password != null) {
            io.err().println("c4: warning: a password given with --password is visible to other users of this"
                    + " machine; use --password-file or $" + PASSWORD_ENV);
        } else if (user != null) {
            password = io.env().apply(PASSWORD_ENV);
        }
        if (user != null && password == null) {
            throw new ParameterException(command.commandLine(),
                    "--user needs a password: --password-file, $" + PASSWORD_ENV + " or --password");
        }
    }

    private String readFirstLine(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = end < 0 ? text : text.substring(0, end);
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        } catch (IOException e) {
            throw new ParameterException(command.commandLine(), "can't read --password-file " + file + ": "
                    + e.getClass().getSimpleName());
        }
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
