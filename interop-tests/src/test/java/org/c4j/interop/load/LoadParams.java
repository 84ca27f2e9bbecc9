package org.c4j.interop.load;

/**
 * The load scenario's parameters. Immutable.
 *
 * @param clients        clients on the one listener, in all
 * @param cblClients     how many of them are real Couchbase Lite 3.0 clients (the rest are c4j clients)
 * @param seconds        how long every client (and the listener's own writer) keeps saving documents
 * @param rate           documents each client saves per second (also the listener's own writer's rate)
 * @param tls            wss (the listener's default, with the clients pinning its anonymous certificate) or ws
 * @param settleSeconds  bound on the wait for every client to connect, and again for every side to converge after
 *                       the writers stop: only a guard against a hang, never a measured or asserted time
 */
record LoadParams(int clients, int cblClients, int seconds, double rate, boolean tls, int settleSeconds) {
    LoadParams {
        if (clients < 3 || cblClients < 0 || cblClients > clients || seconds < 1 || !(rate > 0) || settleSeconds < 1) {
            throw new IllegalArgumentException("bad load parameters: clients " + clients + ", CBL " + cblClients
                    + ", seconds " + seconds + ", rate " + rate);
        }
    }

    /**
     * Mode of client {@code i} of its kind: push, pull and push-and-pull in turn, so each kind (CBL and c4j) has a
     * share of each mode.
     */
    static LoadClient.Mode mode(int i) {
        return LoadClient.Mode.values()[i % LoadClient.Mode.values().length];
    }

    @Override
    public String toString() {
        return clients + " clients (" + cblClients + " Couchbase Lite 3.0, " + (clients - cblClients) + " c4j), "
                + seconds + " s of saving at " + rate + " docs/s per client, " + (tls ? "wss" : "ws");
    }
}
