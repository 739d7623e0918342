package dev.tlsworkbook.handshake.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.extension.ApplicationLayerProtocolNegotiation;
import dev.tlsworkbook.handshake.extension.Cookie;
import dev.tlsworkbook.handshake.extension.EarlyData;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.extension.KeyShareClientHello;
import dev.tlsworkbook.handshake.extension.KeyShareHelloRetryRequest;
import dev.tlsworkbook.handshake.extension.KeyShareServerHello;
import dev.tlsworkbook.handshake.extension.MaxEarlyDataSize;
import dev.tlsworkbook.handshake.extension.Padding;
import dev.tlsworkbook.handshake.extension.PreSharedKeyClientHello;
import dev.tlsworkbook.handshake.extension.PreSharedKeyServerHello;
import dev.tlsworkbook.handshake.extension.ServerName;
import dev.tlsworkbook.handshake.extension.SignatureAlgorithms;
import dev.tlsworkbook.handshake.extension.SupportedVersionsServerHello;
import dev.tlsworkbook.record.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The handshake messages of RFC 8448, decoded and re-encoded byte for byte. */
class Rfc8448MessagesTest {
    private static final int SHA256_LENGTH = 32;

    /**
     * Every "construct a ... handshake message" of the document, except the §4 ClientHello, which
     * the trace shows before its binders are appended (its length field counts them); that one is
     * checked in {@link #truncatesTheResumptionClientHelloForItsBinderExactlyAsTheTrace()}.
     */
    static Stream<Arguments> everyConstructedMessage() {
        return Rfc8448.constructedMessages().stream()
                .filter(a -> isWhole((Opaque) a[1]))
                .map(a -> Arguments.of(a[0], a[1]));
    }

    @Test
    void traceHasFortyMessagesOfWhichOnlyOneClientHelloAwaitsItsBinders() {
        List<Object[]> all = Rfc8448.constructedMessages();
        assertEquals(40, all.size());
        assertEquals(List.of("4.  Resumed 0-RTT Handshake {client}  construct a ClientHello handshake message: ClientHello"),
                all.stream().filter(a -> !isWhole((Opaque) a[1])).map(a -> (String) a[0]).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyConstructedMessage")
    void decodesEveryTraceMessageAndReencodesTheSameBytes(String name, Opaque wire) {
        HandshakeFrame frame = single(wire);
        Tls13Message message = Tls13Message.decode(frame, SHA256_LENGTH);

        assertEquals(frame.msgType(), message.type().code(), name);
        assertEquals(wire, message.frame().wireBytes(), name);
    }

    @Test
    void decodesSimpleClientHelloFromTheClientsRecord() {
        Opaque payload = Rfc8448.value("3.", "{client}  send handshake record:", "payload");
        ClientHello hello = ClientHello.decode(single(payload).bodyReader());

        assertEquals(0x0303, hello.legacyVersion());
        assertEquals(List.of(0x1301, 0x1303, 0x1302), hello.cipherSuites());
        assertEquals(List.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
                CipherSuite.TLS_AES_256_GCM_SHA384), hello.knownCipherSuites());
        assertEquals(ClientHello.NULL_COMPRESSION, hello.legacyCompressionMethods());
        assertEquals("server", hello.extensions().find(ServerName.class).orElseThrow().hostName().orElseThrow());
        Opaque clientPublic = Rfc8448.value("3.", "{client}  create an ephemeral x25519 key pair:", "public key");
        assertEquals(clientPublic, hello.extensions().find(KeyShareClientHello.class).orElseThrow()
                .shareFor(NamedGroup.X25519).orElseThrow().keyExchange());
        assertEquals(15, hello.extensions().find(SignatureAlgorithms.class).orElseThrow()
                .supportedSignatureAlgorithms().size());
        assertEquals(payload, hello.frame().wireBytes());
    }

    @Test
    void decodesSimpleServerHelloAsServerHelloNotRetry() {
        Opaque wire = Rfc8448.value("3.", "{server}  construct a ServerHello handshake message:", "ServerHello");
        ServerHelloMessage message = ServerHelloMessage.decode(single(wire).bodyReader());

        ServerHello hello = assertInstanceOf(ServerHello.class, message);
        assertEquals(CipherSuite.TLS_AES_128_GCM_SHA256, hello.knownCipherSuite().orElseThrow());
        assertEquals(ProtocolVersion.TLS1_3,
                hello.extensions().find(SupportedVersionsServerHello.class).orElseThrow().knownVersion().orElseThrow());
        Opaque serverPublic = Rfc8448.value("3.", "{server}  create an ephemeral x25519 key pair:", "public key");
        assertEquals(serverPublic, hello.extensions().find(KeyShareServerHello.class).orElseThrow().serverShare().keyExchange());
        assertEquals(0x0304, ServerHelloMessage.selectedVersion(single(wire).bodyReader()));
    }

    @Test
    void splitsTheServersEncryptedFlightIntoItsFourMessages() {
        Opaque payload = Rfc8448.value("3.", "{server}  send handshake record:", "payload", 1);
        List<HandshakeFrame> frames = deframe(payload);

        assertEquals(List.of(
                        Rfc8448.value("3.", "{server}  construct an EncryptedExtensions handshake message:", "EncryptedExtensions"),
                        Rfc8448.value("3.", "{server}  construct a Certificate handshake message:", "Certificate"),
                        Rfc8448.value("3.", "{server}  construct a CertificateVerify handshake message:", "CertificateVerify"),
                        Rfc8448.value("3.", "{server}  construct a Finished handshake message:", "Finished")),
                frames.stream().map(HandshakeFrame::wireBytes).toList());
        Certificate certificate = Certificate.decode(frames.get(1).bodyReader());
        assertEquals(Opaque.EMPTY, certificate.certificateRequestContext());
        assertEquals(1, certificate.certificateList().size());
        assertEquals(0x1b0, certificate.certificateList().get(0).certData().length());
        CertificateVerify verify = CertificateVerify.decode(frames.get(2).bodyReader());
        assertEquals(0x0804, verify.algorithm()); // rsa_pss_rsae_sha256
        assertEquals(128, verify.signature().length());
        Finished finished = Finished.decode(frames.get(3).bodyReader(), SHA256_LENGTH);
        assertEquals(Rfc8448.value("3.", "{server}  calculate finished \"tls13 finished\":", "finished"),
                finished.verifyData());
    }

    @Test
    void decodesTheTicketsMaxEarlyDataSize() {
        Opaque wire = Rfc8448.value("3.", "{server}  construct a NewSessionTicket handshake message:", "NewSessionTicket");
        NewSessionTicket ticket = NewSessionTicket.decode(single(wire).bodyReader());

        assertEquals(30, ticket.ticketLifetime());
        assertEquals(Opaque.fromHex("0000"), ticket.ticketNonce());
        assertEquals(1024, ticket.extensions().find(MaxEarlyDataSize.class).orElseThrow().maxEarlyDataSize());
    }

    @Test
    void truncatesTheResumptionClientHelloForItsBinderExactlyAsTheTrace() {
        Opaque sent = Rfc8448.value("4.", "{client}  send handshake record:", "payload");
        Opaque prefix = Rfc8448.value("4.", "{client}  calculate PSK binder:", "ClientHello prefix");
        Opaque binder = Rfc8448.value("4.", "{client}  calculate PSK binder:", "finished");
        ClientHello hello = ClientHello.decode(single(sent).bodyReader());

        assertEquals(prefix, hello.truncateForBinders(sent));
        PreSharedKeyClientHello psk = hello.extensions().find(PreSharedKeyClientHello.class).orElseThrow();
        assertEquals(List.of(binder), psk.binders());
        assertEquals(ExtensionType.PRE_SHARED_KEY.code(), hello.extensions().types().get(hello.extensions().types().size() - 1));
        assertTrue(hello.extensions().find(EarlyData.class).isPresent());
        assertEquals(87, hello.extensions().find(Padding.class).orElseThrow().paddingData().length());
    }

    @Test
    void rebuildsTheResumptionClientHelloFromPlaceholderBinders() {
        Opaque sent = Rfc8448.value("4.", "{client}  send handshake record:", "payload");
        Opaque binder = Rfc8448.value("4.", "{client}  calculate PSK binder:", "finished");
        ClientHello real = ClientHello.decode(single(sent).bodyReader());

        ClientHello placeholder = real.withBinders(List.of(Opaque.filled(SHA256_LENGTH, 0)));
        Opaque prefix = placeholder.truncateForBinders(placeholder.frame().wireBytes());
        ClientHello completed = placeholder.withBinders(List.of(binder));

        assertEquals(Rfc8448.value("4.", "{client}  calculate PSK binder:", "ClientHello prefix"), prefix);
        assertEquals(sent, completed.frame().wireBytes());
    }

    @Test
    void decodesTheResumedServerHelloWithSelectedIdentity() {
        Opaque wire = Rfc8448.value("4.", "{server}  construct a ServerHello handshake message:", "ServerHello");
        ServerHello hello = (ServerHello) ServerHelloMessage.decode(single(wire).bodyReader());

        assertEquals(0, hello.extensions().find(PreSharedKeyServerHello.class).orElseThrow().selectedIdentity());
    }

    @Test
    void decodesTheHelloRetryRequestAsItsOwnType() {
        Opaque wire = Rfc8448.value("5.", "{server}  construct a ServerHello handshake message:", "ServerHello");
        ServerHelloMessage message = ServerHelloMessage.decode(single(wire).bodyReader());

        HelloRetryRequest retry = assertInstanceOf(HelloRetryRequest.class, message);
        assertEquals(NamedGroup.SECP256R1,
                retry.extensions().find(KeyShareHelloRetryRequest.class).orElseThrow().namedGroup().orElseThrow());
        assertTrue(retry.extensions().find(Cookie.class).isPresent());
        assertEquals(HelloRetryRequest.RANDOM, retry.random());
        assertEquals(wire, retry.frame().wireBytes());
    }

    @Test
    void secondClientHelloAfterRetryEchoesTheCookie() {
        Opaque hrr = Rfc8448.value("5.", "{server}  construct a ServerHello handshake message:", "ServerHello");
        Opaque second = Rfc8448.value("5.", "{client}  construct a ClientHello handshake message:", "ClientHello", 1);
        HelloRetryRequest retry = (HelloRetryRequest) ServerHelloMessage.decode(single(hrr).bodyReader());
        ClientHello hello = ClientHello.decode(single(second).bodyReader());

        assertEquals(retry.extensions().find(Cookie.class), hello.extensions().find(Cookie.class));
        assertTrue(hello.extensions().find(KeyShareClientHello.class).orElseThrow().shareFor(NamedGroup.SECP256R1).isPresent());
    }

    @Test
    void decodesTheCertificateRequestOfClientAuthentication() {
        Opaque wire = Rfc8448.value("6.", "{server}  construct a CertificateRequest handshake message:", "CertificateRequest");
        CertificateRequest request = CertificateRequest.decode(single(wire).bodyReader());

        assertEquals(Opaque.EMPTY, request.certificateRequestContext());
        assertTrue(request.extensions().find(SignatureAlgorithms.class).isPresent());
        assertFalse(request.extensions().find(ApplicationLayerProtocolNegotiation.class).isPresent());
    }

    private static boolean isWhole(Opaque wire) {
        return wire.length() == HandshakeFrame.HEADER_LENGTH
                + ((wire.byteAt(1) << 16) | (wire.byteAt(2) << 8) | wire.byteAt(3));
    }

    static HandshakeFrame single(Opaque wire) {
        List<HandshakeFrame> frames = deframe(wire);
        assertEquals(1, frames.size());
        return frames.get(0);
    }

    static List<HandshakeFrame> deframe(Opaque payload) {
        HandshakeDeframer deframer = new HandshakeDeframer();
        deframer.add(payload);
        List<HandshakeFrame> frames = new ArrayList<>();
        for (var next = deframer.next(); next.isPresent(); next = deframer.next()) {
            frames.add(next.get());
        }
        assertFalse(deframer.hasBufferedData(), "bytes left after the last whole message");
        return frames;
    }
}
