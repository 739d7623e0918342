package dev.tlsworkbook.tls12.client;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.extension.SignatureAlgorithms;
import dev.tlsworkbook.handshake.extension.SupportedGroups;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.negotiation.ServerKeyExchangeSignature;
import dev.tlsworkbook.negotiation.Tls12Suites;
import dev.tlsworkbook.tls12.message.ServerKeyExchange;
import java.util.List;

/**
 * Client: waiting for the ECDHE ServerKeyExchange (RFC 8422 §5.4): the curve must be one we
 * offered, the signature made with a scheme we offered, over both randoms and the parameters,
 * by the certificate's key.
 *
 * @since chapter05
 */
final class ExpectServerKeyExchange implements HandshakeState {
    private final ClientContext context;
    private final Transcript transcript;

    ExpectServerKeyExchange(ClientContext context, Transcript transcript) {
        this.context = context;
        this.transcript = transcript;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        ServerKeyExchange ske = Expect.message(frame, HandshakeType.SERVER_KEY_EXCHANGE, name(), ServerKeyExchange::decode, out);
        // 1. RFC 8422 §5.4: the server picks a curve from our supported_groups; TLS 1.2 uses the Diffie-Hellman
        //    groups only (the post-quantum hybrids are TLS 1.3 key shares) -> otherwise illegal_parameter.
        List<Integer> offeredGroups = context.sent().hello().extensions().find(SupportedGroups.class)
                .map(SupportedGroups::namedGroupList).orElse(List.of());
        NamedGroup group = NamedGroup.fromCode(ske.namedCurve()).filter(g -> offeredGroups.contains(g.code()))
                .filter(context.config().groups()::contains).filter(Tls12Suites.GROUPS::contains)
                .orElseThrow(() -> TlsException.local(Violation.ILLEGAL_SERVER_HELLO, "RFC 8422 §5.4: ServerKeyExchange uses curve "
                        + String.format("0x%04x", ske.namedCurve()) + ", which we did not offer (we offered "
                        + context.config().groups() + ")"));
        // 2. RFC 5246 §7.4.3 and §7.4.1.4.1: the signature over client_random + server_random + params.
        List<Integer> offeredSchemes = context.sent().hello().extensions().find(SignatureAlgorithms.class)
                .map(SignatureAlgorithms::supportedSignatureAlgorithms).orElse(List.of());
        SignatureScheme scheme = ServerKeyExchangeSignature.verify(ske.signatureScheme(), offeredSchemes,
                context.peerChain().get(0).getPublicKey(),
                ServerKeyExchange.signedContent(context.sent().hello().random(), context.serverHello().random(), ske.params()),
                ske.signature());
        return new ExpectServerHelloDone(context, transcript.add(frame.wireBytes()), group, ske, scheme,
                java.util.Optional.empty());
    }

    @Override
    public String name() {
        return "ExpectServerKeyExchange";
    }
}
