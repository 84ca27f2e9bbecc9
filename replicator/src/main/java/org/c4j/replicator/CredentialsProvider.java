package org.c4j.replicator;

import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;

/**
 * Gives a {@link Replicator} fresh credentials, so that a renewed token or session does not need a new replicator
 * (LiteCore leaves this to the application, which sees an expired session only as a 401 in the last error).
 *
 * <p>The replicator asks {@linkplain Reason#CONNECTING before every connection} (the first and each retry) and
 * {@linkplain Reason#UNAUTHORIZED when the server answered 401}. Credentials are an {@link OptionKeys#AUTH} dictionary
 * (type, username/password, or token: see the helpers). After a 401, fresh credentials make the replicator connect
 * again at once; {@code null} makes it stop with the 401 (no retry loop). At most
 * {@code ReplTuning.MAX_AUTH_RENEWALS} renewals in a row are tried without a successful connection in between.
 *
 * <p><b>Threading:</b> called on the replicator's threads, under its lock: must be quick and must not call back into
 * the replicator. Never log what it returns.
 */
@FunctionalInterface
public interface CredentialsProvider {

    /** Why credentials are asked for. */
    enum Reason {
        /** A connection is about to be opened. */
        CONNECTING,
        /** The server refused the last connection with HTTP 401. */
        UNAUTHORIZED
    }

    /**
     * @param reason  why the replicator asks
     * @param current the AUTH dictionary used last (at first the configured options' one), or null if none
     * @return the AUTH dictionary to use; {@code null} keeps {@code current} when connecting and gives up after a 401
     */
    OptionsDict credentials(Reason reason, OptionsDict current);

    /** An AUTH dictionary for an OpenID Connect token ({@code Authorization: Bearer <token>}). */
    static OptionsDict bearer(String token) {
        return OptionsDict.builder().put(OptionKeys.AUTH_TYPE, OptionKeys.AUTH_TYPE_OPENID_CONNECT)
                .put(OptionKeys.AUTH_TOKEN, token).build();
    }

    /** An AUTH dictionary for a Sync Gateway session ({@code Cookie: SyncGatewaySession=<id>}). */
    static OptionsDict session(String sessionId) {
        return OptionsDict.builder().put(OptionKeys.AUTH_TYPE, OptionKeys.AUTH_TYPE_SESSION)
                .put(OptionKeys.AUTH_TOKEN, sessionId).build();
    }

    /** An AUTH dictionary for Basic credentials. */
    static OptionsDict basic(String username, String password) {
        return OptionsDict.builder().put(OptionKeys.AUTH_TYPE, OptionKeys.AUTH_TYPE_BASIC)
                .put(OptionKeys.AUTH_USERNAME, username).put(OptionKeys.AUTH_PASSWORD, password).build();
    }
}
