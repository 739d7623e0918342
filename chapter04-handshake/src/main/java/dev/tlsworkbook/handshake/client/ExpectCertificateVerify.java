package dev.tlsworkbook.handshake.client;

import dev.tlsworkbook.handshake.auth.CertificateChain;
import dev.tlsworkbook.handshake.auth.CertificateVerifySignature;
import dev.tlsworkbook.handshake.auth.PeerAuthentication;
import dev.tlsworkbook.handshake.auth.Side;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.message.CertificateRequest;
import dev.tlsworkbook.handshake.message.CertificateVerify;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.keyschedule.Transcript;
import java.util.Optional;

/**
 * Client, WAIT_CV (RFC 8446 Appendix A.1): the server proves it holds the certificate's key
 * (§4.4.3) by signing the transcript up to its Certificate.
 *
 * @since chapter04
 */
public final class ExpectCertificateVerify implements HandshakeState {
    private final ClientHandshake handshake;
    private final Transcript transcript;
    private final Optional<CertificateRequest> request;
    private final CertificateChain chain;
    private final PeerAuthentication authentication;

    ExpectCertificateVerify(ClientHandshake handshake, Transcript transcript, Optional<CertificateRequest> request,
            CertificateChain chain, PeerAuthentication authentication) {
        this.handshake = handshake;
        this.transcript = transcript;
        this.request = request;
        this.chain = chain;
        this.authentication = authentication;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        CertificateVerify cv = Expect.message(frame, HandshakeType.CERTIFICATE_VERIFY, name(), CertificateVerify::decode, out);
        // 1. RFC 8446 §4.4.3: the scheme must be one we offered, allowed in TLS 1.3 and fit the key
        //    (illegal_parameter); "If the verification fails, the receiver MUST terminate the handshake with a
        //    "decrypt_error" alert."
        SignatureScheme scheme = CertificateVerifySignature.verify(cv.algorithm(),
                ClientOffer.certificateVerifySchemes(handshake.config()), chain.publicKey(), transcript.currentHash(),
                Side.SERVER, cv.signature());
        return new ExpectFinished(handshake, transcript.add(frame.wireBytes()), request, chain, authentication, scheme);
    }
}
