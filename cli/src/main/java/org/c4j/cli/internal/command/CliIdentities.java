package org.c4j.cli.internal.command;

import org.c4j.cli.internal.CommandException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.c4j.ws.IdentityStore;
import org.c4j.ws.Pkcs12IdentityStore;
import org.c4j.ws.TlsIdentities;

/**
 * Where the {@code c4} command keeps TLS identities: a {@link Pkcs12IdentityStore} in the database directory. Its
 * password comes from the environment variable {@value #PASSWORD_ENV} if set, otherwise from the key file
 * {@value #KEY_FILE} next to it (32 random bytes, base64, created with mode 0600 on first use) — so the store is as
 * safe as the directory's permissions unless the password is kept elsewhere. Also reads certificate and PKCS#12
 * files named on the command line. Stateless; thread-safe.
 */
final class CliIdentities {
    static final String PASSWORD_ENV = "C4_IDENTITY_STORE_PASSWORD";
    static final String KEY_FILE = "tls-identities.key";
    private static final int KEY_BYTES = 32;

    private CliIdentities() {
    }

    /** The identity store of database directory {@code dir} (created if needed). */
    static IdentityStore store(Path dir) {
        return Pkcs12IdentityStore.open(dir, password(dir));
    }

    private static char[] password(Path dir) {
        String env = System.getenv(PASSWORD_ENV);
        if (env != null && !env.isEmpty()) {
            return env.toCharArray();
        }
        Path key = dir.resolve(KEY_FILE);
        try {
            Files.createDirectories(dir);
            if (!Files.exists(key)) {
                byte[] random = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(random);
                try {
                    Files.createFile(key, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(key, Base64.getEncoder().encodeToString(random) + "\n");
                } catch (FileAlreadyExistsException raced) {
                    // another c4 made it first: use theirs
                } catch (UnsupportedOperationException noPosix) {
                    Files.writeString(key, Base64.getEncoder().encodeToString(random) + "\n");
                }
            }
            return Files.readString(key, StandardCharsets.US_ASCII).trim().toCharArray();
        } catch (IOException e) {
            throw new CommandException("cannot read or create the identity store key " + key + ": " + e.getMessage());
        }
    }

    /** The bytes of a file named on the command line. */
    static byte[] read(String file, String what) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new CommandException("cannot read " + what + " " + file + ": " + e);
        }
    }

    /** The certificates in a PEM or DER file. */
    static List<X509Certificate> certificates(String file, String what) {
        return TlsIdentities.readCertificates(read(file, what));
    }

    /** Writes {@code text} to {@code file}. */
    static void write(String file, byte[] data, String what) {
        try {
            Files.write(Path.of(file), data);
        } catch (IOException e) {
            throw new CommandException("cannot write " + what + " " + file + ": " + e);
        }
    }
}
