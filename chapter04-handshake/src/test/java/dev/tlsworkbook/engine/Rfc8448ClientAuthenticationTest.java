package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.HashAlgorithm;
import dev.tlsworkbook.handshake.auth.CertificateChain;
import dev.tlsworkbook.handshake.auth.CertificateSelector;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.FingerprintPolicy;
import dev.tlsworkbook.handshake.auth.SelectedCertificate;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.clientauth.CertificateRequester;
import dev.tlsworkbook.handshake.clientauth.CertificateResponder;
import dev.tlsworkbook.handshake.extension.SignatureAlgorithms;
import dev.tlsworkbook.handshake.message.Certificate;
import dev.tlsworkbook.handshake.message.CertificateEntry;
import dev.tlsworkbook.handshake.message.CertificateRequest;
import dev.tlsworkbook.handshake.message.CertificateVerify;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.Rfc8448;
import dev.tlsworkbook.handshake.state.TrustStatus;
import dev.tlsworkbook.keyschedule.SecretLabel;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import dev.tlsworkbook.keyschedule.Transcript;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * RFC 8448 §6 (client authentication) replayed through the classes our client and server use:
 * the trace's CertificateRequest is accepted and answered with the scheme the trace's client
 * chose; our Certificate encoding of the trace's client chain is the trace's byte for byte; the
 * trace's client CertificateVerify verifies under the client context string over our transcript
 * of the trace's messages; and the trace's client Finished comes out of our key schedule. The
 * trace prints no private key for its client certificate, so a CertificateVerify of ours over it
 * cannot be made (RSA-PSS is randomized anyway, RFC 8017 §9.1.1).
 */
class Rfc8448ClientAuthenticationTest {
    private static final String S6 = "6.";
    private static final HashAlgorithm HASH = HashAlgorithm.SHA256;

    private static Opaque message(String who, String what) {
        return Rfc8448.value(S6, "{" + who + "}  construct a" + (what.startsWith("E") ? "n " : " ") + what
                + " handshake message:", what);
    }

    private static CertificateRequest request() {
        return CertificateRequest.decode(HandshakeFrame.parse(message("server", "CertificateRequest")).bodyReader());
    }

    private static Certificate clientCertificate() {
        return Certificate.decode(HandshakeFrame.parse(message("client", "Certificate")).bodyReader());
    }

    /** ClientHello through the server's Finished, as the trace sent them. */
    private static Transcript throughServerFinished() {
        Transcript t = Transcript.of(HASH);
        for (String[] m : List.of(new String[] {"client", "ClientHello"}, new String[] {"server", "ServerHello"},
                new String[] {"server", "EncryptedExtensions"}, new String[] {"server", "CertificateRequest"},
                new String[] {"server", "Certificate"}, new String[] {"server", "CertificateVerify"},
                new String[] {"server", "Finished"})) {
            t = t.add(message(m[0], m[1]));
        }
        return t;
    }

    @Test
    void theTracesCertificateRequestIsAcceptedAndAnsweredWithTheTracesScheme() throws Exception {
        CertificateRequest request = request();
        CertificateResponder.checkRequest(request);
        assertEquals(Opaque.EMPTY, request.certificateRequestContext());
        // Our RSA chain (the §3 server certificate with the RFC 8448 §2 key) gets rsa_pss_rsae_sha256: the scheme the
        // trace's client signed with (0x0804).
        CertificateVerify traceCv = CertificateVerify.decode(HandshakeFrame.parse(message("client", "CertificateVerify")).bodyReader());
        Certificate serverCertificate = Certificate.decode(HandshakeFrame.parse(
                Rfc8448.value("3.", "{server}  construct a Certificate handshake message:", "Certificate")).bodyReader());
        CertifiedKey rsa = new CertifiedKey(new CertificateChain(CertificateChain.parse(
                serverCertificate.certificateList().stream().map(CertificateEntry::certData).toList())), Rfc8448.serverPrivateKey());
        Optional<SelectedCertificate> chosen = CertificateSelector.of(rsa).selectForRequest(
                request.extensions().find(SignatureAlgorithms.class).orElseThrow().supportedSignatureAlgorithms(),
                Optional.empty(), List.of());
        assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256, chosen.orElseThrow().scheme());
        assertEquals(traceCv.algorithm(), chosen.get().scheme().code());
    }

    @Test
    void ourCertificateMessageForTheTracesClientChainIsTheTracesByteForByte() {
        Certificate trace = clientCertificate();
        Certificate ours = new Certificate(request().certificateRequestContext(),
                trace.certificateList().stream().map(e -> CertificateEntry.of(e.certData())).toList());
        assertEquals(message("client", "Certificate"), ours.frame().wireBytes());
    }

    @Test
    void theTracesClientCertificateVerifyVerifiesUnderTheClientContextString() {
        Certificate certificate = clientCertificate();
        CertificateChain chain = new CertificateChain(CertificateChain.parse(
                certificate.certificateList().stream().map(CertificateEntry::certData).toList()));
        TlsConfig server = TlsConfig.builder().trustPolicy(FingerprintPolicy.of(chain.leaf())).build();
        CertificateRequester requester = new CertificateRequester(server, request(), true);
        CertificateRequester.ClientCertificate presented = requester.certificate(certificate);
        assertEquals(TrustStatus.TRUSTED, TrustStatus.of(presented.authentication()));
        assertEquals(Optional.of("CN=client"), presented.authentication().subject());

        Transcript throughClientCertificate = throughServerFinished().add(message("client", "Certificate"));
        CertificateVerify cv = CertificateVerify.decode(HandshakeFrame.parse(message("client", "CertificateVerify")).bodyReader());
        assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256,
                requester.certificateVerify(cv, chain, throughClientCertificate.currentHash()));
        // Over any other transcript the same signature fails: it binds the handshake.
        TlsException e = assertThrows(TlsException.class,
                () -> requester.certificateVerify(cv, chain, throughServerFinished().currentHash()));
        assertEquals(Optional.of(Violation.BAD_CERTIFICATE_VERIFY_SIGNATURE), e.violation());
    }

    @Test
    void theTracesClientFinishedComesOutOfOurKeySchedule() {
        SecretBytes clientHs = SecretBytes.of(Rfc8448.value(S6, "{server}  derive secret \"tls13 c hs traffic\":", "expanded").bytes());
        TrafficSecret secret = TrafficSecret.of(SecretLabel.CLIENT_HANDSHAKE_TRAFFIC, HASH, clientHs);
        Transcript throughClientCv = throughServerFinished().add(message("client", "Certificate"))
                .add(message("client", "CertificateVerify"));
        Opaque finished = message("client", "Finished");
        assertEquals(finished.slice(4, 32), secret.finishedVerifyData(throughClientCv.currentHash()));
        assertTrue(secret.verifyFinished(throughClientCv.currentHash(), finished.slice(4, 32)));
    }

    /**
     * With the trace's listing configured ({@link TlsConfig.Builder#certificateRequestSignatureAlgorithms}),
     * our server's CertificateRequest is the trace's byte for byte; the trace's client CertificateVerify
     * (rsa_pss_rsae_sha256) still verifies through it, while a SHA-1 scheme the listing names is refused:
     * the listing never widens what we verify (RFC 8446 §4.4.3).
     */
    @Test
    void withTheTracesListingOurCertificateRequestIsTheTracesAndSha1StaysRefused() {
        Certificate certificate = clientCertificate();
        CertificateChain chain = new CertificateChain(CertificateChain.parse(
                certificate.certificateList().stream().map(CertificateEntry::certData).toList()));
        List<Integer> traceListing = request().extensions().find(SignatureAlgorithms.class).orElseThrow().supportedSignatureAlgorithms();
        assertTrue(traceListing.contains(SignatureScheme.RSA_PKCS1_SHA1.code()));
        TlsConfig server = TlsConfig.builder().trustPolicy(FingerprintPolicy.of(chain.leaf()))
                .certificateRequestSignatureAlgorithms(traceListing).build();
        CertificateRequester requester = CertificateRequester.of(server, Opaque.EMPTY, true);
        assertEquals(message("server", "CertificateRequest"), requester.request().frame().wireBytes());

        Opaque hash = throughServerFinished().add(message("client", "Certificate")).currentHash();
        CertificateVerify cv = CertificateVerify.decode(HandshakeFrame.parse(message("client", "CertificateVerify")).bodyReader());
        assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256, requester.certificateVerify(cv, chain, hash));
        TlsException e = assertThrows(TlsException.class, () -> requester.certificateVerify(
                new CertificateVerify(SignatureScheme.RSA_PKCS1_SHA1.code(), cv.signature()), chain, hash));
        assertEquals(Optional.of(Violation.SIGNATURE_SCHEME_NOT_ALLOWED), e.violation());
    }
}
