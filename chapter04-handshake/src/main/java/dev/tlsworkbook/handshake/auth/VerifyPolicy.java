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
    private final boolean hostnameCheck;
    private final PathLimits pathLimits;

    private VerifyPolicy(Set<TrustAnchor> anchors, String anchorSource, Clock clock, Duration clockSkew) {
        this(anchors, anchorSource, clock, clockSkew, true, true, PathLimits.DEFAULT);
    }

    private VerifyPolicy(Set<TrustAnchor> anchors, String anchorSource, Clock clock, Duration clockSkew, boolean configured) {
        this(anchors, anchorSource, clock, clockSkew, configured, true, PathLimits.DEFAULT);
    }

    private VerifyPolicy(Set<TrustAnchor> anchors, String anchorSource, Clock clock, Duration clockSkew,
            boolean configured, boolean hostnameCheck, PathLimits pathLimits) {
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
        this.hostnameCheck = hostnameCheck;
        this.pathLimits = Objects.requireNonNull(pathLimits, "pathLimits");
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
        return new VerifyPolicy(anchors, anchorSource, clock, skew, configured, hostnameCheck, pathLimits);
    }

    /**
     * The same policy without the server name check: the path to a trusted CA is still
     * validated, but any name is accepted. An explicit choice, reported as
     * {@code Trusted-name-NOT-checked} in the summary line; without it, a client with this
     * policy must be given the server's name (RFC 9525 §6: the client "MUST" compare its
     * reference identifier with the presented identifiers).
     */
    public VerifyPolicy withoutHostnameCheck() {
        return new VerifyPolicy(anchors, anchorSource, clock, clockSkew, configured, false, pathLimits);
    }

    /** True unless {@link #withoutHostnameCheck()} was chosen. */
    public boolean checksHostname() {
        return hostnameCheck;
    }

    /** The same policy with other path-building limits (defaults {@link PathLimits#DEFAULT}). */
    public VerifyPolicy withPathLimits(PathLimits limits) {
        return new VerifyPolicy(anchors, anchorSource, clock, clockSkew, configured, hostnameCheck, limits);
    }

    public PathLimits pathLimits() {
        return pathLimits;
    }

    /** The same policy, reading time from {@code newClock}. */
    public VerifyPolicy withClock(Clock newClock) {
        return new VerifyPolicy(anchors, anchorSource, newClock, clockSkew, configured, hostnameCheck, pathLimits);
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
        // 1. RFC 9525 §6: the client compares "the reference identifier" with the certificate; without one there
        //    is nothing to compare, so skipping the check must have been chosen (withoutHostnameCheck()).
        if (peer == Side.SERVER && reference.isEmpty() && hostnameCheck) {
            throw TlsException.local(Violation.CERTIFICATE_NAME_MISMATCH, "RFC 9525 §6: the verify policy has no server "
                    + "name to check " + chain.subject() + " against (choose withoutHostnameCheck() to skip the check)");
        }
        ChainChecks.requireUsableKey(chain);
        Instant now = clock.instant();
        PathSearch search = new PathSearch(chain, now, peer);
        List<X509Certificate> path = new ArrayList<>(List.of(chain.leaf()));
        TrustAnchor anchor = search.build(path);
        if (anchor == null) {
            throw search.firstFailure;
        }
        ChainChecks.requireUsageFor(chain.leaf(), peer);
        // 2. RFC 5280 §4.2.1.9: "The cA boolean indicates whether the certified public key may be used to verify
        //    certificate signatures." A CA's key is for certificates; as end entity it is refused (webpki too).
        //    Checked once the path is known good, so an untrusted self-signed certificate still reads unknown_ca.
        ChainChecks.requireEndEntity(chain.leaf());
        Optional<String> checked = hostnameCheck ? reference : Optional.empty();
        checked.ifPresent(name -> HostnameMatcher.check(chain.leaf(), name));
        String how = "PKIX path to " + anchor.getTrustedCert().getSubjectX500Principal().getName()
                + checked.map(name -> ", name " + name).orElse(peer == Side.SERVER ? ", name NOT checked" : "");
        LOG.debug("trusted {}: {}", chain.subject(), how);
        return new PeerAuthentication.Trusted(chain, how, hostnameCheck || peer != Side.SERVER);
    }

    /**
     * RFC 5280 §6 path building: from the end-entity certificate, each issuer is looked up by
     * subject name among the presented certificates (RFC 8446 §4.4.2 lets senders include extra or
     * misordered ones). When several match (a cross-signed intermediate, a root re-issued under an
     * older one) the search backtracks: a trust anchor named as the issuer is tried first, then
     * each candidate in turn, until one path validates. A self-signed root at the end is left
     * out: if it is trusted it is an anchor, not part of the path (RFC 5280 §6.1). The search is
     * bounded by {@link PathLimits}; the first failure is reported when no path validates.
     */
    private final class PathSearch {
        private final List<X509Certificate> pool;
        private final Instant now;
        private final Side peer;
        private int signatureChecks;
        private TlsException firstFailure;

        PathSearch(CertificateChain chain, Instant now, Side peer) {
            this.pool = chain.certificates().subList(1, chain.certificates().size());
            this.now = now;
            this.peer = peer;
        }

        TrustAnchor build(List<X509Certificate> path) {
            X509Certificate current = path.get(path.size() - 1);
            List<X509Certificate> issuers = new ArrayList<>();
            if (!CertificateSignatures.isSelfSigned(current)) {
                for (X509Certificate candidate : pool) {
                    if (candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())
                            && !CertificateSignatures.isSelfSigned(candidate) && !path.contains(candidate)) {
                        issuers.add(candidate);
                    }
                }
            }
            // a. The path as it stands, when an anchor could have issued its top certificate or nothing extends it.
            if (issuers.isEmpty() || anchorNamed(current)) {
                TrustAnchor anchor = attempt(path);
                if (anchor != null || issuers.isEmpty()) {
                    return anchor;
                }
            }
            // b. RFC 5280 §6.1: at most maxIntermediates CA certificates between the end entity and the anchor.
            if (path.size() - 1 >= pathLimits.maxIntermediates()) {
                fail(TlsException.local(Violation.CERTIFICATE_PATH_LIMIT, "RFC 5280 §6.1: no path to a trusted CA within "
                        + pathLimits.maxIntermediates() + " intermediate certificates (limit maxIntermediates)"));
                return null;
            }
            // c. Each issuer in turn, backtracking when its path fails.
            for (X509Certificate issuer : issuers) {
                path.add(issuer);
                TrustAnchor anchor = build(path);
                path.remove(path.size() - 1);
                if (anchor != null) {
                    return anchor;
                }
            }
            return null;
        }

        private boolean anchorNamed(X509Certificate top) {
            for (TrustAnchor anchor : anchors) {
                if (anchor.getTrustedCert().getSubjectX500Principal().equals(top.getIssuerX500Principal())) {
                    return true;
                }
            }
            return false;
        }

        /** Validates one candidate path; its signatures count against the budget. */
        private TrustAnchor attempt(List<X509Certificate> path) {
            signatureChecks += path.size();
            if (signatureChecks > pathLimits.maxSignatureChecks()) {
                LOG.info("limit maxSignatureChecks: {} signature checks for the path of {}, limit {}", signatureChecks,
                        path.get(0).getSubjectX500Principal().getName(), pathLimits.maxSignatureChecks());
                throw TlsException.local(Violation.CERTIFICATE_PATH_LIMIT, "RFC 5280 §6: no path to a trusted CA within "
                        + pathLimits.maxSignatureChecks() + " signature checks (limit maxSignatureChecks)");
            }
            try {
                ChainChecks.requireValidAt(path, now, clockSkew);
                ChainChecks.requireStrongSignatures(path);
                TrustAnchor anchor = validate(path, now);
                ChainChecks.requireIssuerUsageFor(path, peer);
                return anchor;
            } catch (TlsException e) {
                fail(e);
                return null;
            }
        }

        private void fail(TlsException e) {
            if (firstFailure == null) {
                firstFailure = e;
            }
        }
    }

    /**
     * The certification path a greedy search finds: the end-entity certificate, then the first
     * issuer found by name among the presented certificates, and so on. {@link #evaluate} searches
     * further (backtracking) when this path does not validate.
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
            // Which implementation checks the certificates' signatures: see SignatureImplementations.
            SignatureImplementations.pkixSignatureProvider(path).ifPresent(parameters::setSigProvider);
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
