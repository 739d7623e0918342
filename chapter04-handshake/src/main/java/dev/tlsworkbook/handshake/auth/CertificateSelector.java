package dev.tlsworkbook.handshake.auth;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-side certificate selection (RFC 8446 §4.4.2.2) among several configured chains, as
 * {@code openssl s_server -cert rsa.pem -dcert ecdsa.pem} offers an RSA and an ECDSA certificate.
 *
 * <p>A chain is eligible when its end-entity key can sign CertificateVerify with a scheme in the
 * client's signature_algorithms (RFC 8446 §4.4.3). Among eligible chains the selector prefers, in
 * this order: one whose certificate matches server_name (RFC 6066 §3), one whose chain is signed
 * only with schemes in signature_algorithms_cert (or signature_algorithms when that is absent,
 * RFC 8446 §4.2.3), then configuration order. When no chain's chain signatures fit, RFC 8446
 * §4.4.2.2 says the server "SHOULD continue the handshake by sending the client a certificate
 * chain of its choice", so only the key's CertificateVerify scheme is a hard requirement.
 *
 * @since chapter04
 */
public final class CertificateSelector {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateSelector.class);

    private final List<CertifiedKey> candidates;
    private final boolean requireServerNameMatch;

    private CertificateSelector(List<CertifiedKey> candidates, boolean requireServerNameMatch) {
        this.candidates = List.copyOf(candidates);
        if (this.candidates.isEmpty()) {
            throw new IllegalArgumentException("a certificate selector needs at least one certificate");
        }
        this.requireServerNameMatch = requireServerNameMatch;
    }

    /** Chains in order of preference; a chain whose name does not match server_name is still a fallback. */
    public static CertificateSelector of(List<CertifiedKey> candidates) {
        return new CertificateSelector(candidates, false);
    }

    /** As {@link #of(List)}. */
    public static CertificateSelector of(CertifiedKey... candidates) {
        return of(List.of(candidates));
    }

    /**
     * A selector that refuses a server_name none of its certificates matches, with
     * {@code unrecognized_name} (RFC 6066 §3: the server MAY "abort the handshake").
     */
    public CertificateSelector requiringServerNameMatch() {
        return new CertificateSelector(candidates, true);
    }

    /** The configured chains. */
    public List<CertifiedKey> candidates() {
        return candidates;
    }

    /**
     * Chooses a chain and a CertificateVerify scheme for a ClientHello.
     *
     * @param serverName the host name from server_name, if the client sent one
     * @param signatureAlgorithms the raw codes of the client's signature_algorithms (the caller
     *     rejects a ClientHello without it: missing_extension, RFC 8446 §4.2.3)
     * @param signatureAlgorithmsCert the raw codes of signature_algorithms_cert, if sent
     * @throws TlsException {@code NO_COMMON_SIGNATURE_SCHEME} (handshake_failure) listing both sides'
     *     offers, or {@code UNRECOGNIZED_SERVER_NAME} in the strict mode
     */
    public SelectedCertificate select(Optional<String> serverName, List<Integer> signatureAlgorithms,
            Optional<List<Integer>> signatureAlgorithmsCert) {
        List<Integer> certificateAlgorithms = signatureAlgorithmsCert.orElse(signatureAlgorithms);
        SelectedCertificate best = null;
        for (CertifiedKey candidate : candidates) {
            Optional<SignatureScheme> scheme =
                    CertificateVerifySignature.chooseScheme(candidate.chain().publicKey(), signatureAlgorithms);
            if (scheme.isEmpty()) {
                continue;
            }
            boolean nameMatched = serverName.map(n -> HostnameMatcher.matches(candidate.chain().leaf(), n))
                    .orElse(true);
            boolean chainOffered = chainSignaturesOffered(candidate.chain(), certificateAlgorithms);
            SelectedCertificate option = new SelectedCertificate(candidate, scheme.get(), nameMatched, chainOffered);
            if (best == null || rank(option) > rank(best)) {
                best = option;
            }
        }
        if (best == null) {
            throw TlsException.local(Violation.NO_COMMON_SIGNATURE_SCHEME, "RFC 8446 §4.4.2.2: no certificate "
                    + "can sign CertificateVerify with a scheme the client offered; client signature_algorithms "
                    + describeCodes(signatureAlgorithms)
                    + signatureAlgorithmsCert.map(c -> ", signature_algorithms_cert " + describeCodes(c)).orElse("")
                    + "; server certificates " + describeCandidates());
        }
        if (requireServerNameMatch && !best.serverNameMatched()) {
            throw TlsException.local(Violation.UNRECOGNIZED_SERVER_NAME, "RFC 6066 §3: no certificate for server_name "
                    + serverName.orElse("") + "; server certificates " + describeCandidates());
        }
        LOG.debug("selected {} with {} (server_name matched: {}, chain signatures offered: {})",
                best.chain().subject(), best.scheme(), best.serverNameMatched(), best.chainSignaturesOffered());
        return best;
    }

    /**
     * A client choosing a chain for a CertificateRequest (RFC 8446 §4.3.2, §4.4.2.3; the same rules
     * serve TLS 1.2's CertificateRequest): the end-entity key must sign with a scheme in the
     * request's signature_algorithms; among those, a chain issued under one of the request's
     * certificate_authorities (RFC 8446 §4.2.4) is preferred, then one whose chain signatures the
     * server accepts, then configuration order. None fits: empty, and the client answers with an
     * empty Certificate (§4.4.2: "If the server requests client authentication but no suitable
     * certificate is available, the client MUST send a Certificate message containing no
     * certificates").
     *
     * @param authorities the DER-encoded names of certificate_authorities; empty when the request has none
     */
    public Optional<SelectedCertificate> selectForRequest(List<Integer> signatureAlgorithms,
            Optional<List<Integer>> signatureAlgorithmsCert, List<javax.security.auth.x500.X500Principal> authorities) {
        return selectForRequest(signatureAlgorithms, signatureAlgorithmsCert, authorities,
                CertificateVerifySignature::chooseScheme);
    }

    /**
     * As {@link #selectForRequest(List, Optional, List)}, with the protocol version's rule for
     * which scheme a key may sign CertificateVerify with. TLS 1.3 refuses RSA PKCS#1 v1.5 there
     * (RFC 8446 §4.4.3, {@link CertificateVerifySignature#chooseScheme}); TLS 1.2 allows it
     * (RFC 5246 §7.4.8, and RFC 8446 §4.2.3: rsa_pkcs1 "MAY ... be used in TLS 1.2"), so a later
     * chapter passes its own rule instead of widening this one.
     *
     * @param schemeChooser the scheme a key signs with among the request's codes, empty when none fits
     * @since chapter05
     */
    public Optional<SelectedCertificate> selectForRequest(List<Integer> signatureAlgorithms,
            Optional<List<Integer>> signatureAlgorithmsCert, List<javax.security.auth.x500.X500Principal> authorities,
            java.util.function.BiFunction<java.security.Key, List<Integer>, Optional<SignatureScheme>> schemeChooser) {
        List<Integer> certificateAlgorithms = signatureAlgorithmsCert.orElse(signatureAlgorithms);
        SelectedCertificate best = null;
        int bestRank = -1;
        for (CertifiedKey candidate : candidates) {
            Optional<SignatureScheme> scheme = schemeChooser.apply(candidate.chain().publicKey(), signatureAlgorithms);
            if (scheme.isEmpty()) {
                continue;
            }
            boolean authorityMatched = authorities.isEmpty() || issuedUnder(candidate.chain(), authorities);
            boolean chainOffered = chainSignaturesOffered(candidate.chain(), certificateAlgorithms);
            SelectedCertificate option = new SelectedCertificate(candidate, scheme.get(), authorityMatched, chainOffered);
            int rank = rank(option);
            if (rank > bestRank) {
                best = option;
                bestRank = rank;
            }
        }
        if (best == null) {
            LOG.debug("no client certificate fits signature_algorithms {}", describeCodes(signatureAlgorithms));
        }
        return Optional.ofNullable(best);
    }

    /** True when a certificate of the chain is issued by, or is, one of {@code authorities}. */
    private static boolean issuedUnder(CertificateChain chain, List<javax.security.auth.x500.X500Principal> authorities) {
        for (X509Certificate certificate : chain.certificates()) {
            if (authorities.contains(certificate.getIssuerX500Principal())
                    || authorities.contains(certificate.getSubjectX500Principal())) {
                return true;
            }
        }
        return false;
    }

    private static int rank(SelectedCertificate option) {
        return (option.serverNameMatched() ? 2 : 0) + (option.chainSignaturesOffered() ? 1 : 0);
    }

    private static boolean chainSignaturesOffered(CertificateChain chain, List<Integer> offered) {
        for (X509Certificate certificate : CertificateSignatures.signedByOthers(chain)) {
            boolean accepted = CertificateSignatures.schemesOf(certificate).stream()
                    .anyMatch(s -> offered.contains(s.code()));
            if (!accepted) {
                return false;
            }
        }
        return true;
    }

    private String describeCandidates() {
        List<String> described = new ArrayList<>();
        for (CertifiedKey candidate : candidates) {
            List<String> schemes = new ArrayList<>();
            for (SignatureScheme scheme : SignatureScheme.values()) {
                if (scheme.allowedInTls13CertificateVerify() && scheme.fitsTls13Key(candidate.chain().publicKey())) {
                    schemes.add(scheme.toString());
                }
            }
            described.add(candidate.chain().subject() + " ("
                    + CertificateVerifySignature.describeKey(candidate.chain().publicKey()) + ", can sign with "
                    + String.join(", ", schemes) + ")");
        }
        return described.toString();
    }

    private static String describeCodes(List<Integer> codes) {
        return dev.tlsworkbook.handshake.extension.Fields.describe(codes, SignatureScheme::describe);
    }
}
