package dev.tlsworkbook.tls12.clientauth;

import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.handshake.auth.CertificateChain;
import dev.tlsworkbook.handshake.auth.ClientAuthMode;
import dev.tlsworkbook.handshake.auth.KeyType;
import dev.tlsworkbook.handshake.auth.PeerAuthentication;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.clientauth.CertificateRequester.ClientCertificate;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.negotiation.ServerKeyExchangeSignature;
import dev.tlsworkbook.tls12.message.Tls12Certificate;
import dev.tlsworkbook.tls12.message.Tls12CertificateRequest;
import dev.tlsworkbook.handshake.message.CertificateVerify;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server's side of TLS 1.2 client authentication: the CertificateRequest it sends (RFC 5246
 * §7.4.4), the judgement of the client's Certificate (§7.4.6) with the configured trust policy
 * (the one TLS 1.3 uses), and the check of its CertificateVerify (§7.4.8). Everything follows from
 * the configuration, so the check of a CertificateVerify uses exactly the request that was sent.
 *
 * @since chapter05
 */
public final class Tls12CertificateRequester {
    /** RFC 5246 §7.4.4 ClientCertificateType {@code rsa_sign(1)}: a certificate with an RSA key. */
    public static final int RSA_SIGN = 1;
    /** RFC 8422 §5.5 ClientCertificateType {@code ecdsa_sign(64)}: a certificate with an ECDSA key. */
    public static final int ECDSA_SIGN = 64;

    private Tls12CertificateRequester() {
    }

    /**
     * The CertificateRequest for {@code config} (RFC 5246 §7.4.4): certificate_types rsa_sign and
     * ecdsa_sign (the key types we verify), supported_signature_algorithms as
     * {@link #acceptedSchemes}, and certificate_authorities naming the CAs of a configured CA file
     * (empty for the JDK's store or a fingerprint policy: "any certificate type ... is acceptable").
     */
    public static Tls12CertificateRequest request(TlsConfig config) {
        List<Opaque> authorities = config.trustPolicy().certificateAuthorities().stream()
                .map(p -> Opaque.of(p.getEncoded())).toList();
        return new Tls12CertificateRequest(List.of(RSA_SIGN, ECDSA_SIGN),
                acceptedSchemes(config).stream().map(SignatureScheme::code).toList(), authorities);
    }

    /**
     * The schemes we accept in the client's CertificateVerify and its chain (RFC 5246 §7.4.4: "the
     * hash/signature algorithm pairs that the server is able to verify"): ours that TLS 1.2 allows,
     * then rsa_pkcs1_sha256/384/512, which TLS 1.2 clients and CA-issued RSA chains still use.
     */
    public static List<SignatureScheme> acceptedSchemes(TlsConfig config) {
        List<SignatureScheme> schemes = new ArrayList<>(config.signatureSchemes().stream()
                .filter(ServerKeyExchangeSignature.ALLOWED::contains).toList());
        for (SignatureScheme pkcs1 : List.of(SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384,
                SignatureScheme.RSA_PKCS1_SHA512)) {
            if (!schemes.contains(pkcs1)) {
                schemes.add(pkcs1);
            }
        }
        return List.copyOf(schemes);
    }

    /**
     * Judges the client's Certificate (RFC 5246 §7.4.6). Empty: anonymous, or handshake_failure
     * when the configuration requires a certificate. Otherwise the key must match a type we
     * requested and the trust policy decides.
     */
    public static ClientCertificate certificate(TlsConfig config, Tls12Certificate certificate) {
        // 1. RFC 5246 §7.4.6: "If the client does not send any certificates, the server MAY at its discretion either
        //    continue the handshake without client authentication, or respond with a fatal handshake_failure alert."
        boolean required = config.clientAuth() == ClientAuthMode.REQUIRED;
        Expect.check(!(certificate.certificateList().isEmpty() && required), Violation.TLS12_CLIENT_CERTIFICATE_REQUIRED,
                "RFC 5246 §7.4.6: the client sent no certificate and this server requires one");
        List<X509Certificate> chain = CertificateChain.parse(certificate.certificateList());
        if (chain.isEmpty()) {
            return new ClientCertificate(Optional.empty(), new PeerAuthentication.Anonymous());
        }
        // 2. RFC 5246 §7.4.6: "The end-entity certificate's public key (and associated restrictions) has to be
        //    compatible with the certificate types listed in CertificateRequest" -> unsupported_certificate.
        KeyType key = KeyType.of(chain.get(0).getPublicKey()).orElse(null);
        Expect.check(key == KeyType.RSA || key == KeyType.EC, Violation.UNSUPPORTED_CERTIFICATE, "RFC 5246 §7.4.6: the client's "
                + (key == null ? chain.get(0).getPublicKey().getAlgorithm() : key) + " key fits neither rsa_sign nor ecdsa_sign");
        // 3. The same trust policy as TLS 1.3 (chapter 4's handshake.auth): chain, validity, client usage.
        return new ClientCertificate(Optional.of(new CertificateChain(chain)),
                config.trustPolicy().authenticateClient(chain, required));
    }

    /**
     * Checks the client's CertificateVerify (RFC 5246 §7.4.8) over {@code transcript}'s messages,
     * from ClientHello through ClientKeyExchange: the scheme must be one we requested and fit the
     * client's key (illegal_parameter), the signature must verify (decrypt_error).
     *
     * @return the scheme the client signed with
     */
    public static SignatureScheme certificateVerify(TlsConfig config, CertificateVerify verify, CertificateChain chain,
            Transcript transcript) {
        return ServerKeyExchangeSignature.verify("RFC 5246 §7.4.8: the client's CertificateVerify", verify.algorithm(),
                acceptedSchemes(config).stream().map(SignatureScheme::code).toList(), chain.publicKey(),
                transcript.messages(), verify.signature());
    }
}
