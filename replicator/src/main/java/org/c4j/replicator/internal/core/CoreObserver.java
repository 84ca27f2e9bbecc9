package org.c4j.replicator.internal.core;

import java.security.cert.X509Certificate;
import java.util.List;

import org.c4j.replicator.ReplicatorStatus;

/**
 * What a {@link ReplicatorCore} tells its owner. Called on the core's serial executor, in order; implementations
 * must not block.
 */
public interface CoreObserver {
    /** The connection opened (the owner resets its retry count). */
    default void connected() {
    }

    /**
     * The status changed. The last call has activity STOPPED; its error (null after a clean stop or a completed
     * one-shot replication) is why the connection ended.
     */
    void statusChanged(ReplicatorStatus status);

    /** The server's TLS certificate chain, leaf first, as the connection's transport accepted it (wss only). */
    default void serverCertificates(List<X509Certificate> chain) {
    }

    /** A document finished replicating. */
    default void documentEnded(DocumentEnded event) {
    }
}
