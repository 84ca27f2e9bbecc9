package org.c4j.ws;

import java.util.List;
import java.util.Optional;

import org.c4j.ws.internal.tls.MemoryIdentityStore;

/**
 * Where TLS identities are kept, by label: the "secure storage" of Couchbase Lite's TLS identities, chosen by the
 * application (the {@code c4} command keeps one in the database directory). {@link Pkcs12IdentityStore} keeps them
 * in a password-protected PKCS#12 file; an application may supply its own (a hardware key store, a vault).
 *
 * <p>Implementations must be thread-safe, must make each change atomic (a failed {@link #save} or {@link #delete}
 * changes nothing), and must never log private keys or passwords.
 */
public interface IdentityStore {

    /** The identity saved under {@code label}, or empty. */
    Optional<TlsIdentity> load(String label);

    /** Saves {@code identity} under its label, replacing an identity saved under it before. */
    void save(TlsIdentity identity);

    /** Removes the identity saved under {@code label}; false if there was none. */
    boolean delete(String label);

    /** The labels of the saved identities, sorted. */
    List<String> labels();

    /** A new, empty store in memory (gone with the process): for tests and short-lived listeners. */
    static IdentityStore inMemory() {
        return new MemoryIdentityStore();
    }
}
