package dev.tlsworkbook.handshake.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.extension.ApplicationLayerProtocolNegotiation;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.Grease;
import dev.tlsworkbook.handshake.extension.KeyShareClientHello;
import dev.tlsworkbook.handshake.extension.KeyShareEntry;
import dev.tlsworkbook.handshake.extension.PskKeyExchangeMode;
import dev.tlsworkbook.handshake.extension.PskKeyExchangeModes;
import dev.tlsworkbook.handshake.extension.SignatureAlgorithms;
import dev.tlsworkbook.handshake.extension.SupportedGroups;
import dev.tlsworkbook.handshake.extension.SupportedVersionsClientHello;
import dev.tlsworkbook.handshake.extension.UnknownExtension;
import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.wire.WireReader;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Message-level rules: GREASE, type dispatch, HRR identity, frames, printing. */
class MessagesTest {

    @Test
    void acceptsGreaseInClientHello() throws NoSuchAlgorithmException {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(8701);
        List<Integer> g = new Grease(random).distinctValues(8);
        ClientHello sent = new ClientHello(0x0303, Samples.RANDOM, Opaque.EMPTY,
                List.of(g.get(0), CipherSuite.TLS_AES_128_GCM_SHA256.code()), ClientHello.NULL_COMPRESSION,
                ExtensionBlock.of(ExtensionContext.CLIENT_HELLO,
                        new UnknownExtension(g.get(1), Opaque.EMPTY),
                        new SupportedGroups(List.of(g.get(2), NamedGroup.X25519.code())),
                        new KeyShareClientHello(List.of(new KeyShareEntry(g.get(2), Opaque.fromHex("00")),
                                KeyShareEntry.of(NamedGroup.X25519, Opaque.filled(32, 1)))),
                        new SignatureAlgorithms(List.of(g.get(3), 0x0804)),
                        new SupportedVersionsClientHello(List.of(g.get(4), ProtocolVersion.TLS1_3.code())),
                        new PskKeyExchangeModes(List.of(new Grease(random).pskMode(), PskKeyExchangeMode.PSK_DHE_KE.code())),
                        new ApplicationLayerProtocolNegotiation(List.of(Opaque.of(new byte[] {0x5a, 0x5a}), Opaque.fromHex("6832"))),
                        new UnknownExtension(g.get(5), Opaque.fromHex("00"))));

        ClientHello received = ClientHello.decode(sent.frame().bodyReader());

        assertEquals(sent, received);
        assertEquals(List.of(CipherSuite.TLS_AES_128_GCM_SHA256), received.knownCipherSuites());
        assertEquals(List.of(NamedGroup.X25519), received.extensions().find(SupportedGroups.class).orElseThrow().knownGroups());
        assertEquals(List.of(ProtocolVersion.TLS1_3),
                received.extensions().find(SupportedVersionsClientHello.class).orElseThrow().knownVersions());
        assertEquals(List.of(PskKeyExchangeMode.PSK_DHE_KE),
                received.extensions().find(PskKeyExchangeModes.class).orElseThrow().knownModes());
        assertEquals(Optional.empty(), received.extensions().find(KeyShareClientHello.class).orElseThrow()
                .clientShares().get(0).namedGroup());
    }

    @Test
    void decodesAServerHelloTypedMessageWithTheSpecialRandomAsHelloRetryRequest() {
        HelloRetryRequest hrr = Samples.helloRetryRequest();

        ServerHelloMessage decoded = ServerHelloMessage.decode(hrr.frame().bodyReader());

        assertInstanceOf(HelloRetryRequest.class, decoded);
        assertEquals(HandshakeType.SERVER_HELLO, decoded.type());
        assertEquals(hrr.frame().body().slice(2, 32), HelloRetryRequest.RANDOM);
    }

    @Test
    void serverHelloCannotCarryTheRetryRandom() {
        ServerHello sh = Samples.serverHello();

        assertThrows(IllegalArgumentException.class, () -> new ServerHello(sh.legacyVersion(), HelloRetryRequest.RANDOM,
                sh.legacySessionIdEcho(), sh.cipherSuite(), 0, sh.extensions()));
    }

    @Test
    void messagesRefuseExtensionBlocksOfAnotherMessage() {
        assertThrows(IllegalArgumentException.class,
                () -> new EncryptedExtensions(ExtensionBlock.empty(ExtensionContext.SERVER_HELLO)));
    }

    @Test
    void rejectsKeyUpdateWithAnUnknownRequest() {
        TlsException e = assertThrows(TlsException.class, () -> KeyUpdate.decode(WireReader.of(new byte[] {2})));

        assertEquals(Violation.INVALID_KEY_UPDATE_REQUEST, e.violation().orElseThrow());
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
    }

    @Test
    void rejectsTls12OnlyReservedAndUnknownTypesAsUnexpectedMessage() {
        for (int type : new int[] {0, 6, 12, 14, 16, 254, 99}) {
            HandshakeFrame frame = HandshakeFrame.of(type, Opaque.EMPTY);

            TlsException e = assertThrows(TlsException.class, () -> Tls13Message.decode(frame, 32), "type " + type);
            assertEquals(Violation.UNEXPECTED_MESSAGE, e.violation().orElseThrow());
        }
    }

    @Test
    void frameRefusesWireBytesThatDisagreeWithItsBody() {
        HandshakeFrame good = HandshakeFrame.of(20, Opaque.fromHex("aabb"));

        assertEquals(Opaque.fromHex("14000002aabb"), good.wireBytes());
        assertThrows(IllegalArgumentException.class, () -> new HandshakeFrame(20, Opaque.fromHex("aabc"), good.wireBytes()));
        assertThrows(IllegalArgumentException.class, () -> new HandshakeFrame(15, Opaque.fromHex("aabb"), good.wireBytes()));
    }

    @Test
    void readsTheSelectedVersionBeforeChoosingACodec() {
        assertEquals(0x0304, ServerHelloMessage.selectedVersion(Samples.serverHello().frame().bodyReader()));
        // a TLS 1.2 ServerHello without extensions (RFC 5246 §7.4.1.3)
        Opaque tls12 = Opaque.fromHex("0303").concat(Samples.RANDOM).concat(Opaque.fromHex("00 c02f 00"));
        assertEquals(0x0303, ServerHelloMessage.selectedVersion(WireReader.of(tls12)));
    }

    @Test
    void messageHashIsTypeFeAndTheHashLength() {
        Opaque hash = Opaque.filled(48, 0x42);

        assertEquals(Opaque.fromHex("fe000030").concat(hash), new MessageHash(hash).frame().wireBytes());
    }

    @Test
    void truncatingForBindersNeedsAPreSharedKeyExtension() {
        ClientHello hello = new ClientHello(0x0303, Samples.RANDOM, Opaque.EMPTY,
                List.of(0x1301), ClientHello.NULL_COMPRESSION, ExtensionBlock.empty(ExtensionContext.CLIENT_HELLO));

        assertThrows(IllegalStateException.class, () -> hello.truncateForBinders(hello.frame().wireBytes()));
    }

    @Test
    void printsRfcFieldNames() {
        String sh = Samples.serverHello().toString();
        String ch = Samples.clientHello().toString();

        assertTrue(sh.contains("legacy_session_id_echo=") && sh.contains("cipher_suite=TLS_AES_128_GCM_SHA256"), sh);
        assertTrue(ch.contains("cipher_suites=[0x1301, 0x1303]") && ch.contains("key_share{client_shares="), ch);
        assertTrue(Samples.newSessionTicket().toString().contains("GREASE(0x2a2a)"));
        assertEquals("Handshake{msg_type=FINISHED(0x14), length=32}", Samples.finished().frame().toString());
        assertEquals("unknown(0x63)", HandshakeType.describe(99));
    }
}
