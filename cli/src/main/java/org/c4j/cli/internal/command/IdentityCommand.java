package org.c4j.cli.internal.command;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import org.c4j.cli.internal.CommandIo;
import org.c4j.ws.CertificateAttributes;
import org.c4j.ws.IdentityStore;
import org.c4j.ws.TlsIdentities;
import org.c4j.ws.TlsIdentity;

import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code identity}: the TLS identities in a database directory's identity store ({@link CliIdentities}) —
 * {@code create}, {@code import} (PKCS#12), {@code ls}, {@code rm}, {@code export} (the certificate, PEM or DER).
 * Does not open the database. Each listed identity is one line: LABEL, a tab, subject, a tab,
 * {@code expires <instant>}, a tab, the key algorithm.
 *
 * <p>Not thread-safe: picocli makes one per run.
 */
@Command(name = "identity", synopsisSubcommandLabel = "create|import|ls|rm|export",
        description = {"Manage the TLS identities in DIR's store (tls-identities.p12; its password from "
                + "$C4_IDENTITY_STORE_PASSWORD, else the key file tls-identities.key beside it)."},
        subcommands = {IdentityCommand.Create.class, IdentityCommand.Import.class, IdentityCommand.Ls.class,
                IdentityCommand.Rm.class, IdentityCommand.Export.class})
public final class IdentityCommand implements Callable<Integer> {
    private static final int DEFAULT_DAYS = 365;

    @Spec
    CommandSpec spec;

    private final CommandIo io;

    public IdentityCommand(CommandIo io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(io.err());
        return ExitCode.USAGE;
    }

    static String describe(TlsIdentity id) {
        return id.label() + "\t" + id.certificate().getSubjectX500Principal().getName() + "\texpires "
                + id.expiration() + "\t" + id.privateKey().getAlgorithm();
    }

    /** {@code identity create DIR LABEL ...}. */
    @Command(name = "create", description = {"Create an identity (a key pair and a self-signed certificate)."})
    public static final class Create implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR") Path dir;
        @Parameters(index = "1", paramLabel = "LABEL") String label;
        @Option(names = "--cn", paramLabel = "NAME", description = "common name (default: LABEL)") String cn;
        @Option(names = "--org", paramLabel = "O") String org;
        @Option(names = "--unit", paramLabel = "OU") String unit;
        @Option(names = "--country", paramLabel = "C", description = "two letters") String country;
        @Option(names = "--locality", paramLabel = "L") String locality;
        @Option(names = "--state", paramLabel = "ST") String state;
        @Option(names = "--email", paramLabel = "E") String email;
        @Option(names = "--dns", paramLabel = "NAME", split = ",", description = "DNS names (SANs)")
        List<String> dns = List.of();
        @Option(names = "--ip", paramLabel = "ADDR", split = ",", description = "IP addresses (SANs)")
        List<String> ips = List.of();
        @Option(names = "--days", paramLabel = "N", description = "validity in days (default 365)")
        int days = DEFAULT_DAYS;
        @Option(names = "--rsa", description = "an RSA 2048 key (default: EC P-256)") boolean rsa;
        @Option(names = "--client", description = "for client authentication (default: server)") boolean client;
        @Spec CommandSpec spec;
        private final CommandIo io;

        public Create(CommandIo io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            if (days <= 0) {
                throw new ParameterException(spec.commandLine(), "--days must be positive, not " + days);
            }
            CertificateAttributes attributes;
            try {
                CertificateAttributes.Builder a = CertificateAttributes.builder(cn != null ? cn : label)
                        .organization(org).organizationalUnit(unit).country(country).locality(locality)
                        .state(state).email(email);
                dns.forEach(a::dnsName);
                for (String ip : ips) {
                    a.ipAddress(ip(ip));
                }
                attributes = a.build();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            TlsIdentity id = TlsIdentities.create(CliIdentities.store(dir), label,
                    client ? TlsIdentities.Usage.CLIENT : TlsIdentities.Usage.SERVER,
                    rsa ? TlsIdentities.KeyType.RSA_2048 : TlsIdentities.KeyType.EC_P256, attributes,
                    Instant.now().plus(Duration.ofDays(days)));
            io.out().println(describe(id));
            return ExitCode.OK;
        }

        /** A numeric address, never a DNS lookup. */
        private static InetAddress ip(String s) {
            String t = s.trim();
            boolean v4 = t.contains(".") && t.chars().allMatch(c -> Character.isDigit(c) || c == '.');
            boolean v6 = t.contains(":") && t.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':'
                    || c == '.');
            if (v4 || v6) {
                try {
                    return InetAddress.getByName(t);
                } catch (UnknownHostException e) {
                    // reported below
                }
            }
            throw new IllegalArgumentException("--ip takes IP addresses, not '" + t + "'");
        }
    }

    /** {@code identity import DIR FILE.p12 LABEL --password PW}. */
    @Command(name = "import", description = {"Import the identity in a PKCS#12 file under LABEL."})
    public static final class Import implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR") Path dir;
        @Parameters(index = "1", paramLabel = "FILE.p12") Path file;
        @Parameters(index = "2", paramLabel = "LABEL") String label;
        @Option(names = "--password", paramLabel = "PW", required = true, description = "the file's password")
        String password;
        private final CommandIo io;

        public Import(CommandIo io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            TlsIdentity id = TlsIdentities.importPkcs12(CliIdentities.store(dir),
                    CliIdentities.read(file.toString(), "PKCS#12 file"), password.toCharArray(), label);
            io.out().println(describe(id));
            return ExitCode.OK;
        }
    }

    /** {@code identity ls DIR}. */
    @Command(name = "ls", description = {"List the identities: LABEL, subject, expiration, key algorithm."})
    public static final class Ls implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR") Path dir;
        private final CommandIo io;

        public Ls(CommandIo io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            IdentityStore store = CliIdentities.store(dir);
            for (String label : store.labels()) {
                io.out().println(describe(TlsIdentities.get(store, label)));
            }
            return ExitCode.OK;
        }
    }

    /** {@code identity rm DIR LABEL}. */
    @Command(name = "rm", description = {"Delete the identity saved under LABEL."})
    public static final class Rm implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR") Path dir;
        @Parameters(index = "1", paramLabel = "LABEL") String label;

        @Override
        public Integer call() {
            TlsIdentities.delete(CliIdentities.store(dir), label);
            return ExitCode.OK;
        }
    }

    /** {@code identity export DIR LABEL [--out FILE] [--der]}. */
    @Command(name = "export", description = {"Print (or write) the identity's certificate, PEM unless --der."})
    public static final class Export implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR") Path dir;
        @Parameters(index = "1", paramLabel = "LABEL") String label;
        @Option(names = "--out", paramLabel = "FILE", description = "write to FILE instead of stdout") Path out;
        @Option(names = "--der", description = "DER instead of PEM (needs --out)") boolean der;
        @Spec CommandSpec spec;
        private final CommandIo io;

        public Export(CommandIo io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            if (der && out == null) {
                throw new ParameterException(spec.commandLine(), "--der needs --out FILE");
            }
            TlsIdentity id = TlsIdentities.get(CliIdentities.store(dir), label);
            byte[] data = der ? id.certificateDer() : id.certificatePem().getBytes(StandardCharsets.US_ASCII);
            if (out != null) {
                CliIdentities.write(out.toString(), data, "certificate file");
            } else {
                io.out().print(new String(data, StandardCharsets.US_ASCII));
            }
            return ExitCode.OK;
        }
    }
}
