package org.c4j.ws;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.c4j.socket.C4Exception;
import org.c4j.ws.internal.tls.IdentityErrors;
import org.c4j.ws.internal.tls.Pkcs12;

/**
 * An {@link IdentityStore} in one password-protected PKCS#12 file, {@value #FILE_NAME}, in a directory the
 * application names. The file is created with mode 0600 (owner read/write only, where the file system has POSIX
 * permissions) and replaced atomically on every change (written to a temporary file in the same directory, then
 * moved over it), so a failed change leaves the old file intact. Each key entry is protected with the store's
 * password.
 *
 * <p>Thread-safe (one lock per store object). Two processes must not change the same file at once (the
 * {@code c4} command opens a database directory in one process at a time). The password is kept in memory as a
 * copy; it is never logged or in {@link #toString()}.
 */
public final class Pkcs12IdentityStore implements IdentityStore {
    /** The store's file name inside its directory. */
    public static final String FILE_NAME = "tls-identities.p12";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private final char[] password;
    private final Object lock = new Object();

    private Pkcs12IdentityStore(Path file, char[] password) {
        this.file = file;
        this.password = password;
    }

    /**
     * The store in {@code directory} (created if absent; the file is created by the first save).
     *
     * @throws C4Exception {@link org.c4j.socket.ErrorCodes.LiteCore#IO_ERROR} if the directory cannot be created
     */
    public static Pkcs12IdentityStore open(Path directory, char[] password) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw IdentityErrors.io("cannot create the identity store directory " + directory, e);
        }
        return new Pkcs12IdentityStore(directory.resolve(FILE_NAME), Arrays.copyOf(password, password.length));
    }

    /** The store's file. */
    public Path file() {
        return file;
    }

    /**
     * @throws C4Exception {@link org.c4j.socket.ErrorCodes.LiteCore#CRYPTO} for a wrong password,
     *                     {@link org.c4j.socket.ErrorCodes.LiteCore#CORRUPT_DATA} for a file that does not parse
     */
    @Override
    public Optional<TlsIdentity> load(String label) {
        synchronized (lock) {
            KeyStore ks = read();
            return Optional.ofNullable(Pkcs12.identity(ks, label, password, label, file.toString()));
        }
    }

    @Override
    public void save(TlsIdentity identity) {
        synchronized (lock) {
            KeyStore ks = read();
            Pkcs12.put(ks, identity, password);
            write(ks);
        }
    }

    @Override
    public boolean delete(String label) {
        synchronized (lock) {
            KeyStore ks = read();
            if (!Pkcs12.aliases(ks).contains(label)) {
                return false;
            }
            Pkcs12.remove(ks, label);
            write(ks);
            return true;
        }
    }

    @Override
    public List<String> labels() {
        synchronized (lock) {
            return Pkcs12.keyAliases(read());
        }
    }

    @Override
    public String toString() {
        return "Pkcs12IdentityStore{" + file + "}";
    }

    /** Caller holds the lock. */
    private KeyStore read() {
        if (!Files.exists(file)) {
            return Pkcs12.empty();
        }
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            throw IdentityErrors.io("cannot read the identity store " + file, e);
        }
        return Pkcs12.parse(data, password, "the identity store " + file);
    }

    /** Caller holds the lock. Writes a 0600 temporary file and moves it over the store file. */
    private void write(KeyStore ks) {
        byte[] data = Pkcs12.serialize(ks, password);
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            createOwnerOnly(tmp);
            Files.write(tmp, data);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: the store file itself is unchanged
            }
            throw IdentityErrors.io("cannot write the identity store " + file, e);
        }
    }

    private static void createOwnerOnly(Path p) throws IOException {
        try {
            Files.createFile(p, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            Files.createFile(p); // no POSIX permissions on this file system
        }
    }
}
