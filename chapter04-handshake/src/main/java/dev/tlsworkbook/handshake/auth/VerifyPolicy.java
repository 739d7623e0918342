package dev.tlsworkbook.handshake.auth;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyStore;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code verify} policy: RFC 5280 path validation with the JDK's PKIX {@link CertPathValidator}
 * against a set of trust anchors (the JDK's cacerts or a CA file), then the end-entity's key
 * usage and host name (RFC 9525). Time comes from an injected {@link Clock}, with an optional
 * clock-skew allowance (zero by default). Revocation checking is off: neither CRLs nor OCSP can be
 * fetched by a teaching stack that talks only to loopback.
 *
 * <p>Checks, in order: usable key type (unsupported_certificate); validity of every certificate
 * on the path (certificate_expired); no MD5/SHA-1 signatures (bad_certificate); PKIX path to an
 * anchor (unknown_ca, bad_certificate, ...); key usage; host name (bad_certificate).
 *
 * @since chapter04
 */
public final class VerifyPolicy implements TrustPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(VerifyPolicy.class);

    private final Set<TrustAnchor> anchors;
    private final String anchorSource;
    private final Clock clock;
    private final Duration clockSkew;
    private final boolean configured;

    private VerifyPolicy(Set<TrustAnchor> anchors, String anchorSource, Clock clock, Duration clockSkew) {
        this(anchors, anchorSource, clock, clockSkew, true);
    }

    private VerifyPolicy(Set<TrustAnchor> anchors, String anchorSource, Clock clock, Duration clockSkew, boolean configured) {
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("the verify policy needs at least one trusted CA (" + anchorSource + ")");
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clock skew must not be negative: " + clockSkew);
        }
        this.anchors = Set.copyOf(anchors);
        this.anchorSource = anchorSource;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.clockSkew = clockSkew;
        this.configured = configured;
    }

    /** Trusts the JDK's default trust store (cacerts, or {@code javax.net.ssl.trustStore} when set). */
    public static VerifyPolicy jdkTrustStore(Clock clock) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    VerifyPolicy store = trusting(List.of(x509.getAcceptedIssuers()), "the JDK trust store", clock);
                    return new VerifyPolicy(store.anchors, store.anchorSource, clock, Duration.ZERO, false);
                }
            }
            throw new IllegalStateException("the JDK has no X509TrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the JDK trust store", e);
        }
    }

    /** Trusts exactly these CA certificates. */
    public static VerifyPolicy trusting(List<X509Certificate> trusted, Clock clock) {
        return trusting(trusted, trusted.size() + " configured CA certificate(s)", clock);
    }

    private static VerifyPolicy trusting(List<X509Certificate> trusted, String source, Clock clock) {
        Set<TrustAnchor> anchors = trusted.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet());
        return new VerifyPolicy(anchors, source, clock, Duration.ZERO);
    }

    /** The same policy, forgiving clocks that differ by up to {@code skew} at either end of a validity period. */
    public VerifyPolicy withClockSkew(Duration skew) {
        return new VerifyPolicy(anchors, anchorSource, clock, skew, configured);
    }

    /** The same policy, reading time from {@code newClock}. */
    public VerifyPolicy withClock(Clock newClock) {
        return new VerifyPolicy(anchors, anchorSource, newClock, clockSkew, configured);
    }

    /** The subjects of the configured CA certificates (none for the JDK trust store), sorted for a stable message. */
    @Override
    public List<javax.security.auth.x500.X500Principal> certificateAuthorities() {
        if (!configured) {
            return List.of();
        }
        return anchors.stream().map(a -> a.getTrustedCert().getSubjectX500Principal())
                .sorted(java.util.Comparator.comparing(p -> p.getName())).distinct().toList();
    }

    public Duration clockSkew() {
        return clockSkew;
    }

    @Override
    public PeerAuthentication evaluate(CertificateChain chain, Optional<String> reference, Side peer) {
        ChainChecks.requireUsableKey(chain);
        List<X509Certificate> path = pathFrom(chain);
        Instant now = clock.instant();
        ChainChecks.requireValidAt(path, now, clockSkew);
        ChainChecks.requireStrongSignatures(path);
        TrustAnchor anchor = validate(path, now);
        ChainChecks.requireUsageFor(chain.leaf(), peer);
        reference.ifPresent(name -> HostnameMatcher.check(chain.leaf(), name));
        String how = "PKIX path to " + anchor.getTrustedCert().getSubjectX500Principal().getName()
                + reference.map(name -> ", name " + name).orElse("");
        LOG.debug("trusted {}: {}", chain.subject(), how);
        return new PeerAuthentication.Trusted(chain, how);
    }

    /**
     * The certification path RFC 5280 §6.1 validates: the end-entity certificate, then each issuer
     * found among the presented certificates. RFC 8446 §4.4.2 lets senders include extra or
     * misordered certificates, so the order is rebuilt by name. A self-signed root at the end is
     * left out: if it is trusted it is an anchor, not part of the path (RFC 5280 §6.1).
     */
    static List<X509Certificate> pathFrom(CertificateChain chain) {
        List<X509Certificate> path = new ArrayList<>();
        List<X509Certificate> pool = new ArrayList<>(chain.certificates().subList(1, chain.certificates().size()));
        X509Certificate current = chain.leaf();
        path.add(current);
        while (!CertificateSignatures.isSelfSigned(current)) {
            X509Certificate issuer = null;
            for (X509Certificate candidate : pool) {
                if (candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
                    issuer = candidate;
                    break;
                }
            }
            if (issuer == null || CertificateSignatures.isSelfSigned(issuer)) {
                break;
            }
            pool.remove(issuer);
            path.add(issuer);
            current = issuer;
        }
        return path;
    }

    private TrustAnchor validate(List<X509Certificate> path, Instant now) {
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(anchors);
            // RFC 8446 §4.4.2.4 leaves revocation to local policy; we cannot fetch CRLs or OCSP here.
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(pkixDate(path, now)));
            PKIXCertPathValidatorResult result =
                    (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
            return result.getTrustAnchor();
        } catch (CertPathValidatorException e) {
            throw PkixFailures.toTlsException(e, path, anchorSource);
        } catch (InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("bad PKIX parameters", e);
        } catch (GeneralSecurityException e) {
            throw TlsException.local(Violation.CERTIFICATE_UNKNOWN, "RFC 5280 §6.1: cannot validate the path of "
                    + path.get(0).getSubjectX500Principal().getName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The instant PKIX checks validity at. Validity was already checked with the skew allowance,
     * so hand PKIX the nearest instant inside every certificate's period; with no skew that is
     * {@code now} itself.
     */
    private static Instant pkixDate(List<X509Certificate> path, Instant now) {
        Instant latestStart = Instant.MIN;
        Instant earliestEnd = Instant.MAX;
        for (X509Certificate certificate : path) {
            Instant start = certificate.getNotBefore().toInstant();
            Instant end = certificate.getNotAfter().toInstant();
            latestStart = start.isAfter(latestStart) ? start : latestStart;
            earliestEnd = end.isBefore(earliestEnd) ? end : earliestEnd;
        }
        Instant date = now.isBefore(latestStart) ? latestStart : now;
        return date.isAfter(earliestEnd) ? earliestEnd : date;
    }

    @Override
    public String toString() {
        return "VerifyPolicy[" + anchorSource + ", clock skew " + clockSkew + "]";
    }
}
