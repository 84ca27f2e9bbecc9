package org.c4j.ws;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a new certificate says about its subject: the distinguished name's attributes (common name,
 * organization, unit, country, locality, state, email) and the subject alternative names (DNS names and IP
 * addresses) a client's host name check matches against. Only the common name is required; absent attributes
 * are null and absent SANs empty lists.
 *
 * <p>Immutable; thread-safe. Build with {@link #builder(String)}.
 *
 * @param commonName         CN, e.g. a host name or a device name
 * @param organization       O
 * @param organizationalUnit OU
 * @param country            C (two letters, ISO 3166)
 * @param locality           L
 * @param state              ST
 * @param email              E (emailAddress)
 * @param dnsNames           DNS subject alternative names
 * @param ipAddresses        IP address subject alternative names
 */
public record CertificateAttributes(String commonName, String organization, String organizationalUnit,
                                    String country, String locality, String state, String email,
                                    List<String> dnsNames, List<InetAddress> ipAddresses) {
    public CertificateAttributes {
        if (commonName == null || commonName.isBlank()) {
            throw new IllegalArgumentException("a certificate needs a common name");
        }
        if (country != null && country.length() != 2) {
            throw new IllegalArgumentException("country must be a two-letter code: " + country);
        }
        dnsNames = List.copyOf(dnsNames == null ? List.of() : dnsNames);
        ipAddresses = List.copyOf(ipAddresses == null ? List.of() : ipAddresses);
    }

    public static Builder builder(String commonName) {
        return new Builder(commonName);
    }

    /** Builds {@link CertificateAttributes}. Not thread-safe. */
    public static final class Builder {
        private final String commonName;
        private String organization;
        private String organizationalUnit;
        private String country;
        private String locality;
        private String state;
        private String email;
        private final List<String> dnsNames = new ArrayList<>();
        private final List<InetAddress> ipAddresses = new ArrayList<>();

        private Builder(String commonName) {
            this.commonName = commonName;
        }

        public Builder organization(String o) {
            this.organization = o;
            return this;
        }

        public Builder organizationalUnit(String ou) {
            this.organizationalUnit = ou;
            return this;
        }

        public Builder country(String c) {
            this.country = c;
            return this;
        }

        public Builder locality(String l) {
            this.locality = l;
            return this;
        }

        public Builder state(String st) {
            this.state = st;
            return this;
        }

        public Builder email(String e) {
            this.email = e;
            return this;
        }

        public Builder dnsName(String name) {
            dnsNames.add(Objects.requireNonNull(name, "name"));
            return this;
        }

        public Builder ipAddress(InetAddress address) {
            ipAddresses.add(Objects.requireNonNull(address, "address"));
            return this;
        }

        public CertificateAttributes build() {
            return new CertificateAttributes(commonName, organization, organizationalUnit, country, locality, state,
                    email, dnsNames, ipAddresses);
        }
    }
}
