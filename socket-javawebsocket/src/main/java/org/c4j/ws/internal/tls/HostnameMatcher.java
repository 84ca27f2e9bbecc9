package org.c4j.ws.internal.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Does a server certificate name the host a client connected to (RFC 6125 / RFC 2818)? An IP address must equal
 * one of the certificate's IP address SANs; a host name must match a DNS SAN, case-insensitively, where a
 * {@code *} as the whole leftmost label matches exactly one label. Without any DNS SAN the subject's common name
 * is used, as browsers once did and LiteCore's mbedTLS still does. Pure; thread-safe.
 */
public final class HostnameMatcher {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private HostnameMatcher() {
    }

    public static boolean matches(X509Certificate leaf, String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        Collection<List<?>> sans;
        try {
            sans = leaf.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false;
        }
        if (isIpLiteral(h)) {
            InetAddress wanted = literal(h);
            if (sans != null && wanted != null) {
                for (List<?> san : sans) {
                    if (((Integer) san.get(0)) == SAN_IP && wanted.equals(literal((String) san.get(1)))) {
                        return true;
                    }
                }
            }
            return false;
        }
        boolean anyDns = false;
        if (sans != null) {
            for (List<?> san : sans) {
                if (((Integer) san.get(0)) == SAN_DNS) {
                    anyDns = true;
                    if (dnsMatches((String) san.get(1), h)) {
                        return true;
                    }
                }
            }
        }
        if (!anyDns) {
            String cn = commonName(leaf.getSubjectX500Principal());
            return cn != null && dnsMatches(cn, h);
        }
        return false;
    }

    static boolean dnsMatches(String pattern, String host) {
        String p = stripDot(pattern.toLowerCase(Locale.ROOT));
        String n = stripDot(host.toLowerCase(Locale.ROOT));
        if (p.startsWith("*.")) {
            int dot = n.indexOf('.');
            return dot > 0 && p.substring(1).equals(n.substring(dot)) && p.indexOf('.', 2) > 0;
        }
        return p.equals(n);
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static boolean isIpLiteral(String h) {
        return h.indexOf(':') >= 0 || h.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    /** The address of a numeric literal, never a DNS lookup. */
    private static InetAddress literal(String s) {
        if (s == null || !isIpLiteral(s)) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static String commonName(X500Principal p) {
        RDN[] cns = X500Name.getInstance(p.getEncoded()).getRDNs(BCStyle.CN);
        return cns.length == 0 ? null : IETFUtils.valueToString(cns[cns.length - 1].getFirst().getValue());
    }
}
