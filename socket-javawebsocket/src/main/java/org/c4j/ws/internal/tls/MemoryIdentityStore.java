package org.c4j.ws.internal.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.c4j.ws.IdentityStore;
import org.c4j.ws.TlsIdentity;

/** An {@link IdentityStore} in memory, gone with the process. Thread-safe. */
public final class MemoryIdentityStore implements IdentityStore {
    private final Map<String, TlsIdentity> identities = new TreeMap<>();

    @Override
    public synchronized Optional<TlsIdentity> load(String label) {
        return Optional.ofNullable(identities.get(label));
    }

    @Override
    public synchronized void save(TlsIdentity identity) {
        identities.put(identity.label(), identity);
    }

    @Override
    public synchronized boolean delete(String label) {
        return identities.remove(label) != null;
    }

    @Override
    public synchronized List<String> labels() {
        return new ArrayList<>(identities.keySet());
    }

    @Override
    public String toString() {
        return "MemoryIdentityStore";
    }
}
