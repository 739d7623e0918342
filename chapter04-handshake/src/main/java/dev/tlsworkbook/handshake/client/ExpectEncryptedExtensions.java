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
        //    refuses early_data, which we never offer).
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
        return new ExpectCertificateOrCertificateRequest(handshake.withApplicationProtocol(protocol),
                transcript.add(frame.wireBytes()), Optional.empty());
    }
}
