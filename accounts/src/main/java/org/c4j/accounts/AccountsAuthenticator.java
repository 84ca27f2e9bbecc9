package org.c4j.accounts;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.function.Function;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.c4j.accounts.internal.CredentialCheck;
import org.c4j.accounts.internal.Credentials;
import org.c4j.socket.AuthDecision;
import org.c4j.socket.AuthRequest;
import org.c4j.socket.UpgradeAuthenticator;

/**
 * A listener transport's {@link UpgradeAuthenticator} backed by account stores, deciding like Sync Gateway: Bearer
 * token (OpenID Connect), {@value Session#COOKIE_NAME} cookie, Basic, TLS client certificate mapped to a user by a
 * configurable rule (default: the subject's common name), then the guest if enabled; otherwise 401 with
 * {@code WWW-Authenticate: Basic realm="Couchbase Sync Gateway"} (and {@code Bearer} when providers are set).
 *
 * <p>Thread-safe (stateless; the stores are thread-safe).
 */
public final class AccountsAuthenticator implements UpgradeAuthenticator {
    private final Function<String, AccountStore> stores;
    private final Function<X509Certificate, String> certificateUser;

    /**
     * @param stores          the store of a database name, or null if the database has none (then 401)
     * @param certificateUser maps a verified client certificate to a user name (null: certificates grant nothing)
     */
    public AccountsAuthenticator(Function<String, AccountStore> stores,
                                 Function<X509Certificate, String> certificateUser) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.certificateUser = certificateUser;
    }

    /** One store for every database, client certificates mapped by common name. */
    public static AccountsAuthenticator of(AccountStore store) {
        Objects.requireNonNull(store, "store");
        return new AccountsAuthenticator(db -> store, AccountsAuthenticator::commonName);
    }

    @Override
    public AuthDecision authenticate(AuthRequest request) {
        AccountStore store = request.database() == null ? null : stores.apply(request.database());
        Credentials c = Credentials.from(request.header("Authorization"), request.headerValues("Cookie"));
        return CredentialCheck.decide(store, c, request.clientCertificates(), certificateUser);
    }

    /** The default certificate rule: the subject's (last) CN, or null if it has none. */
    public static String commonName(X509Certificate certificate) {
        try {
            String cn = null;
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = String.valueOf(rdn.getValue());
                }
            }
            return cn;
        } catch (InvalidNameException e) {
            return null;
        }
    }
}
