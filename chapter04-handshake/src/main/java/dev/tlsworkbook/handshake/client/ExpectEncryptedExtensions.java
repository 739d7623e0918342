package dev.tlsworkbook.handshake.client;

import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.handshake.extension.ApplicationLayerProtocolNegotiation;
import dev.tlsworkbook.handshake.extension.RecordSizeLimit;
import dev.tlsworkbook.handshake.message.EncryptedExtensions;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.handshake.auth.CertificateChain;
import dev.tlsworkbook.handshake.auth.PeerAuthentication;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import java.util.Optional;

/**
 * Client, WAIT_EE (RFC 8446 Appendix A.1): the first message under the handshake keys (§4.3.1).
 *
 * @since chapter04
 */
public final class ExpectEncryptedExtensions implements HandshakeState {
    private final ClientHandshake handshake;
    private final Transcript transcript;

    ExpectEncryptedExtensions(ClientHandshake handshake, Transcript transcript) {
        this.handshake = handshake;
        this.transcript = transcript;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        EncryptedExtensions ee = Expect.message(frame, HandshakeType.ENCRYPTED_EXTENSIONS, name(),
                EncryptedExtensions::decode, out);
        // 1. RFC 8446 §4.2: every extension answers one we sent, else unsupported_extension (this also
        //    refuses early_data when we did not offer it).
        ee.extensions().checkSolicited(handshake.offer().offeredExtensions());
        // 2. RFC 7301 §3.1: the server's protocol "MUST be one of those offered by the client"; a different
        //    one is an illegal value in the handshake (RFC 8446 §6.2 illegal_parameter).
        Optional<String> protocol = ee.extensions().find(ApplicationLayerProtocolNegotiation.class)
                .map(alpn -> alpn.protocolNames().get(0));
        protocol.ifPresent(p -> Expect.check(handshake.config().alpnProtocols().contains(p), Violation.ILLEGAL_SERVER_HELLO,
                "RFC 7301 §3.1: the server selected ALPN protocol " + p + ", which we did not offer ("
                        + handshake.config().alpnProtocols() + ")"));
        // 3. RFC 8449 §4: the server's record_size_limit bounds our protected records from now on, and its presence
        //    says it will honour ours.
        ee.extensions().find(RecordSizeLimit.class).ifPresent(limit -> {
            out.peerRecordSizeLimit(limit.recordSizeLimit());
            out.enforceRecordSizeLimit(handshake.config().recordSizeLimit());
        });
        // 4. RFC 8446 §4.2.10: early_data here accepts our 0-RTT data (check 1 refused it if we did not offer it).
        boolean earlyData = ee.extensions().contains(ExtensionType.EARLY_DATA);
        ClientHandshake updated = handshake.withEncryptedExtensions(protocol, earlyData);
        if (handshake.resumed().isPresent()) {
            // RFC 8446 §2.2: with a resumption PSK the server is authenticated by it; no Certificate or
            // CertificateVerify comes (a CertificateRequest neither, §4.3.2), the server's Finished is next.
            PeerAuthentication authentication = handshake.resumed().get().authentication();
            return new ExpectFinished(updated, transcript.add(frame.wireBytes()), Optional.empty(), chainOf(authentication),
                    authentication, null);
        }
        return new ExpectCertificateOrCertificateRequest(updated, transcript.add(frame.wireBytes()), Optional.empty());
    }

    private static CertificateChain chainOf(PeerAuthentication authentication) {
        if (authentication instanceof PeerAuthentication.Trusted trusted) {
            return trusted.chain();
        }
        if (authentication instanceof PeerAuthentication.Untrusted untrusted) {
            return untrusted.chain();
        }
        throw new IllegalStateException("a ticket from a server that sent no certificate");
    }
}
