package org.c4j.cli.internal.command;

import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

import org.c4j.accounts.AccountStore;
import org.c4j.accounts.AccountsAuthenticator;
import org.c4j.accounts.AdminServer;
import org.c4j.accounts.OidcProviders;
import org.c4j.accounts.PublicSessionEndpoint;
import org.c4j.accounts.User;
import org.c4j.accounts.UserSpec;
import org.c4j.cli.internal.CommandException;
import org.c4j.socket.C4Exception;
import org.c4j.socket.PlainHttpHandler;
import org.c4j.socket.Principal;
import org.c4j.socket.UpgradeAuthenticator;

/**
 * The accounts a {@code serve} authenticates with: the store in {@code DIR/accounts} (the caller holds the
 * directory's lock through its open database), its OpenID Connect issuers, the GUEST setting and the admin REST API
 * on 127.0.0.1. One store serves the database under every name.
 *
 * <p>Not thread-safe to open and close; the authenticator and admin API are thread-safe.
 */
final class ServedAccounts implements AutoCloseable {
    private final AccountStore store;
    private final AdminServer admin;

    private ServedAccounts(AccountStore store, AdminServer admin) {
        this.store = store;
        this.admin = admin;
    }

    static ServedAccounts open(Path dir, String oidcJson, boolean guest, Integer adminPort) {
        AccountStore store = AccountStore.open(dir.resolve(AccountsDir.NAME));
        AdminServer admin = null;
        try {
            if (oidcJson != null) {
                store.setOidcProviders(OidcProviders.parse(oidcJson, store.clock()));
            }
            if (guest) {
                User g = store.user(AccountStore.GUEST).orElseThrow();
                Set<String> channels = g.adminChannels().isEmpty() ? Set.of(Principal.ALL_CHANNELS)
                        : g.adminChannels();
                store.putUser(new UserSpec(AccountStore.GUEST, null, null, false, channels, g.adminRoles()));
            }
            if (adminPort != null) {
                admin = AdminServer.startLoopback(adminPort, db -> store);
            }
            return new ServedAccounts(store, admin);
        } catch (C4Exception e) {
            store.close();
            throw new CommandException(e.getMessage());
        }
    }

    UpgradeAuthenticator authenticator() {
        return AccountsAuthenticator.of(store);
    }

    /** Sync Gateway's public {@code /{db}/_session} on the listener port. */
    PlainHttpHandler sessionEndpoint() {
        return new PublicSessionEndpoint(db -> store);
    }

    /** The admin API's URL, or null without one. */
    URI adminUrl() {
        return admin == null ? null : admin.url();
    }

    @Override
    public void close() {
        try {
            if (admin != null) {
                admin.close();
            }
        } finally {
            store.close();
        }
    }
}
