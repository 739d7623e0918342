package dev.tlsworkbook.handshake.extension;

import static dev.tlsworkbook.handshake.extension.ExtensionContext.CERTIFICATE;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.CERTIFICATE_REQUEST;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.CLIENT_HELLO;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.ENCRYPTED_EXTENSIONS;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.HELLO_RETRY_REQUEST;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.NEW_SESSION_TICKET;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.SERVER_HELLO;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.wire.DecodeException;
import dev.tlsworkbook.wire.DecodeException.Reason;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 8446 §4.2: the per-block rules, and each extension body in each of its contexts. */
class ExtensionBlockTest {

    static Stream<Arguments> everyExtensionInEachOfItsContexts() {
        KeyShareEntry share = KeyShareEntry.of(NamedGroup.X25519, Opaque.filled(32, 9));
        return Stream.of(
                Arguments.of(CLIENT_HELLO, ServerName.of("example.com")),
                Arguments.of(ENCRYPTED_EXTENSIONS, ServerName.acknowledgement()),
                Arguments.of(CLIENT_HELLO, SupportedGroups.of(NamedGroup.X25519, NamedGroup.SECP384R1)),
                Arguments.of(ENCRYPTED_EXTENSIONS, SupportedGroups.of(NamedGroup.X448)),
                Arguments.of(CLIENT_HELLO, new SignatureAlgorithms(List.of(0x0403, 0x0804))),
                Arguments.of(CERTIFICATE_REQUEST, new SignatureAlgorithms(List.of(0x0807))),
                Arguments.of(CLIENT_HELLO, new SignatureAlgorithmsCert(List.of(0x0403))),
                Arguments.of(CERTIFICATE_REQUEST, new SignatureAlgorithmsCert(List.of(0x0403))),
                Arguments.of(CLIENT_HELLO, new KeyShareClientHello(List.of(share, KeyShareEntry.of(NamedGroup.SECP256R1, Opaque.filled(65, 4))))),
                Arguments.of(CLIENT_HELLO, new KeyShareClientHello(List.of())),
                Arguments.of(SERVER_HELLO, new KeyShareServerHello(share)),
                Arguments.of(HELLO_RETRY_REQUEST, KeyShareHelloRetryRequest.of(NamedGroup.SECP256R1)),
                Arguments.of(CLIENT_HELLO, SupportedVersionsClientHello.of(ProtocolVersion.TLS1_3, ProtocolVersion.TLS1_2)),
                Arguments.of(SERVER_HELLO, SupportedVersionsServerHello.of(ProtocolVersion.TLS1_3)),
                Arguments.of(HELLO_RETRY_REQUEST, SupportedVersionsServerHello.of(ProtocolVersion.TLS1_3)),
                Arguments.of(CLIENT_HELLO, PskKeyExchangeModes.of(PskKeyExchangeMode.PSK_KE, PskKeyExchangeMode.PSK_DHE_KE)),
                Arguments.of(CLIENT_HELLO, new PreSharedKeyClientHello(
                        List.of(new PskIdentity(Opaque.fromHex("01"), 0), new PskIdentity(Opaque.filled(100, 2), 0xffffffffL)),
                        List.of(Opaque.filled(32, 1), Opaque.filled(48, 2)))),
                Arguments.of(SERVER_HELLO, new PreSharedKeyServerHello(1)),
                Arguments.of(CLIENT_HELLO, new EarlyData()),
                Arguments.of(ENCRYPTED_EXTENSIONS, new EarlyData()),
                Arguments.of(NEW_SESSION_TICKET, new MaxEarlyDataSize(0xffffffffL)),
                Arguments.of(CLIENT_HELLO, new Cookie(Opaque.filled(200, 3))),
                Arguments.of(HELLO_RETRY_REQUEST, new Cookie(Opaque.filled(1, 3))),
                Arguments.of(CLIENT_HELLO, ApplicationLayerProtocolNegotiation.of("h2", "http/1.1")),
                Arguments.of(ENCRYPTED_EXTENSIONS, ApplicationLayerProtocolNegotiation.of("http/1.1")),
                Arguments.of(CLIENT_HELLO, Padding.ofLength(0)),
                Arguments.of(CLIENT_HELLO, Padding.ofLength(300)),
                Arguments.of(CLIENT_HELLO, new PostHandshakeAuth()),
                Arguments.of(CLIENT_HELLO, new CertificateAuthorities(List.of(Opaque.fromHex("3000"), Opaque.fromHex("3100")))),
                Arguments.of(CERTIFICATE_REQUEST, new CertificateAuthorities(List.of(Opaque.fromHex("300c")))),
                Arguments.of(CERTIFICATE, new UnknownExtension(ExtensionType.STATUS_REQUEST.code(), Opaque.fromHex("01000001ff"))),
                Arguments.of(NEW_SESSION_TICKET, new UnknownExtension(0x1234, Opaque.fromHex("abcd"))));
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("everyExtensionInEachOfItsContexts")
    void roundTripsEveryExtensionInEachOfItsContexts(ExtensionContext context, Extension extension) {
        ExtensionBlock block = ExtensionBlock.of(context, extension);
        ExtensionBlock decoded = ExtensionBlock.decode(WireReader.of(encode(block)), context);

        assertEquals(block, decoded);
        assertEquals(encode(block), encode(decoded));
    }

    static Stream<Arguments> misplacedExtensions() {
        return Stream.of(
                Arguments.of(SERVER_HELLO, ExtensionType.SUPPORTED_GROUPS, "0002001d"),
                Arguments.of(ENCRYPTED_EXTENSIONS, ExtensionType.KEY_SHARE, "001d0001aa"),
                Arguments.of(SERVER_HELLO, ExtensionType.COOKIE, "000101"),
                Arguments.of(ENCRYPTED_EXTENSIONS, ExtensionType.PRE_SHARED_KEY, "0000"),
                Arguments.of(CERTIFICATE_REQUEST, ExtensionType.EARLY_DATA, ""),
                Arguments.of(CLIENT_HELLO, ExtensionType.OID_FILTERS, "0000"),
                Arguments.of(ENCRYPTED_EXTENSIONS, ExtensionType.PADDING, "00"),
                Arguments.of(ENCRYPTED_EXTENSIONS, ExtensionType.SIGNATURE_ALGORITHMS, "00020403"),
                Arguments.of(ENCRYPTED_EXTENSIONS, ExtensionType.SUPPORTED_VERSIONS, "0304"),
                Arguments.of(HELLO_RETRY_REQUEST, ExtensionType.PRE_SHARED_KEY, "0000"),
                Arguments.of(SERVER_HELLO, ExtensionType.SERVER_NAME, ""),
                Arguments.of(CERTIFICATE, ExtensionType.KEY_SHARE, "001d"),
                Arguments.of(NEW_SESSION_TICKET, ExtensionType.COOKIE, "000101"),
                // TLS 1.2-only extensions are fine in a ClientHello but nowhere else in TLS 1.3
                Arguments.of(ENCRYPTED_EXTENSIONS, ExtensionType.EXTENDED_MASTER_SECRET, ""),
                Arguments.of(SERVER_HELLO, ExtensionType.RENEGOTIATION_INFO, "00"));
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("misplacedExtensions")
    void rejectsAnExtensionOutsideItsAllowedMessages(ExtensionContext context, ExtensionType type, String data) {
        Opaque block = raw(type.code(), data);

        TlsException e = assertThrows(TlsException.class, () -> ExtensionBlock.decode(WireReader.of(block), context));
        assertEquals(Violation.EXTENSION_NOT_ALLOWED_HERE, e.violation().orElseThrow());
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
    }

    @Test
    void acceptsTls12OnlyExtensionsInClientHello() {
        Opaque block = raw(ExtensionType.EXTENDED_MASTER_SECRET.code(), "")
                .concat(raw(ExtensionType.RENEGOTIATION_INFO.code(), "00"))
                .concat(raw(ExtensionType.EC_POINT_FORMATS.code(), "0100"));

        ExtensionBlock decoded = ExtensionBlock.decode(WireReader.of(block), CLIENT_HELLO);
        assertEquals(3, decoded.extensions().size());
        decoded.extensions().forEach(e -> assertInstanceOf(UnknownExtension.class, e));
    }

    @Test
    void rejectsTheSameExtensionTwiceInOneBlock() {
        Opaque block = encode(new ExtensionBlock(CLIENT_HELLO, List.of(
                ServerName.of("a.example"), SupportedGroups.of(NamedGroup.X25519), ServerName.of("b.example"))));

        TlsException e = assertThrows(TlsException.class, () -> ExtensionBlock.decode(WireReader.of(block), CLIENT_HELLO));
        assertEquals(Violation.DUPLICATE_EXTENSION, e.violation().orElseThrow());
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
    }

    @Test
    void rejectsTheSameUnknownExtensionTwice() {
        Opaque block = raw(0x0a0a, "").concat(raw(0x0a0a, "00"));

        TlsException e = assertThrows(TlsException.class, () -> ExtensionBlock.decode(WireReader.of(block), CLIENT_HELLO));
        assertEquals(Violation.DUPLICATE_EXTENSION, e.violation().orElseThrow());
    }

    @Test
    void rejectsPreSharedKeyThatIsNotLastInClientHello() {
        PreSharedKeyClientHello psk = new PreSharedKeyClientHello(
                List.of(new PskIdentity(Opaque.fromHex("01"), 0)), List.of(Opaque.filled(32, 1)));
        Opaque block = encode(new ExtensionBlock(CLIENT_HELLO, List.of(psk, new EarlyData())));

        TlsException e = assertThrows(TlsException.class, () -> ExtensionBlock.decode(WireReader.of(block), CLIENT_HELLO));
        assertEquals(Violation.PRE_SHARED_KEY_NOT_LAST, e.violation().orElseThrow());
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
    }

    @Test
    void acceptsPreSharedKeyAnywhereInServerHello() {
        Opaque block = encode(ExtensionBlock.of(SERVER_HELLO, new PreSharedKeyServerHello(0),
                SupportedVersionsServerHello.of(ProtocolVersion.TLS1_3)));

        assertEquals(2, ExtensionBlock.decode(WireReader.of(block), SERVER_HELLO).extensions().size());
    }

    @Test
    void rejectsTwoKeySharesForOneGroup() {
        KeyShareEntry share = KeyShareEntry.of(NamedGroup.X25519, Opaque.filled(32, 9));
        Opaque block = encode(ExtensionBlock.of(CLIENT_HELLO, new KeyShareClientHello(List.of(share, share))));

        TlsException e = assertThrows(TlsException.class, () -> ExtensionBlock.decode(WireReader.of(block), CLIENT_HELLO));
        assertEquals(Violation.DUPLICATE_KEY_SHARE_GROUP, e.violation().orElseThrow());
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                // supported_versions versions<2..254>
                Arguments.of(CLIENT_HELLO, ExtensionType.SUPPORTED_VERSIONS, "00", Reason.LENGTH_OUT_OF_RANGE),
                Arguments.of(CLIENT_HELLO, ExtensionType.SUPPORTED_VERSIONS, "03030403", Reason.LENGTH_OUT_OF_RANGE),
                Arguments.of(SERVER_HELLO, ExtensionType.SUPPORTED_VERSIONS, "030403", Reason.TRAILING_DATA),
                // named_group_list of odd length
                Arguments.of(CLIENT_HELLO, ExtensionType.SUPPORTED_GROUPS, "0003001d00", Reason.LENGTH_OUT_OF_RANGE),
                // RFC 7301 §3.1: the server answers with exactly one name
                Arguments.of(ENCRYPTED_EXTENSIONS, ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION,
                        "0006026832026833", Reason.ILLEGAL_VALUE),
                Arguments.of(CLIENT_HELLO, ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, "000100", Reason.LENGTH_OUT_OF_RANGE),
                // RFC 6066 §3: the server's server_name is empty
                Arguments.of(ENCRYPTED_EXTENSIONS, ExtensionType.SERVER_NAME, "00", Reason.TRAILING_DATA),
                Arguments.of(CLIENT_HELLO, ExtensionType.SERVER_NAME, "0000", Reason.LENGTH_OUT_OF_RANGE),
                Arguments.of(CLIENT_HELLO, ExtensionType.SERVER_NAME, "00080000016100000162", Reason.ILLEGAL_VALUE),
                Arguments.of(CLIENT_HELLO, ExtensionType.EARLY_DATA, "00", Reason.TRAILING_DATA),
                Arguments.of(NEW_SESSION_TICKET, ExtensionType.EARLY_DATA, "000004", Reason.TRUNCATED),
                Arguments.of(HELLO_RETRY_REQUEST, ExtensionType.COOKIE, "0000", Reason.LENGTH_OUT_OF_RANGE),
                // a KeyShareEntry whose key_exchange overruns client_shares
                Arguments.of(CLIENT_HELLO, ExtensionType.KEY_SHARE, "0005001d0002aa", Reason.TRUNCATED),
                Arguments.of(CLIENT_HELLO, ExtensionType.KEY_SHARE, "0004001d0000", Reason.LENGTH_OUT_OF_RANGE),
                Arguments.of(SERVER_HELLO, ExtensionType.KEY_SHARE, "001d0001aabb", Reason.TRAILING_DATA),
                Arguments.of(CLIENT_HELLO, ExtensionType.PSK_KEY_EXCHANGE_MODES, "00", Reason.LENGTH_OUT_OF_RANGE),
                // PskBinderEntry<32..255>: a 31-byte binder
                Arguments.of(CLIENT_HELLO, ExtensionType.PRE_SHARED_KEY,
                        "0007000101000000000021" + "1f" + "00".repeat(31) + "00", Reason.LENGTH_OUT_OF_RANGE),
                // two identities, one binder
                Arguments.of(CLIENT_HELLO, ExtensionType.PRE_SHARED_KEY,
                        "000e00010100000000000102000000000021" + "20" + "00".repeat(32), Reason.ILLEGAL_VALUE),
                Arguments.of(CLIENT_HELLO, ExtensionType.POST_HANDSHAKE_AUTH, "00", Reason.TRAILING_DATA),
                Arguments.of(CERTIFICATE_REQUEST, ExtensionType.CERTIFICATE_AUTHORITIES, "0000", Reason.LENGTH_OUT_OF_RANGE));
    }

    @ParameterizedTest(name = "{1} {2} in {0}")
    @MethodSource("malformedBodies")
    void rejectsMalformedBodiesWithTheirReason(ExtensionContext context, ExtensionType type, String data, Reason reason) {
        Opaque block = raw(type.code(), data);

        DecodeException e = assertThrows(DecodeException.class, () -> ExtensionBlock.decode(WireReader.of(block), context));
        assertEquals(reason, e.reason(), e.getMessage());
    }

    @Test
    void rejectsAnExtensionWhoseLengthOverrunsTheBlock() {
        Opaque block = Opaque.fromHex("000a 0010 0002 001d");

        DecodeException e = assertThrows(DecodeException.class, () -> ExtensionBlock.decode(WireReader.of(block), CLIENT_HELLO));
        assertEquals(Reason.TRUNCATED, e.reason());
    }

    @Test
    void acceptsResponsesToWhatWeOffered() {
        ExtensionBlock serverHello = ExtensionBlock.of(SERVER_HELLO,
                new KeyShareServerHello(KeyShareEntry.of(NamedGroup.X25519, Opaque.filled(32, 1))),
                SupportedVersionsServerHello.of(ProtocolVersion.TLS1_3));

        assertDoesNotThrow(() -> serverHello.checkSolicited(List.of(0x0a0a, 0, 10, 43, 51)));
    }

    @Test
    void rejectsAnUnsolicitedExtensionInEncryptedExtensions() {
        ExtensionBlock ee = ExtensionBlock.of(ENCRYPTED_EXTENSIONS, ApplicationLayerProtocolNegotiation.of("h2"));

        TlsException e = assertThrows(TlsException.class, () -> ee.checkSolicited(List.of(0, 10, 43, 51)));
        assertEquals(Violation.UNSOLICITED_EXTENSION, e.violation().orElseThrow());
        assertEquals(AlertDescription.UNSUPPORTED_EXTENSION, e.alert());
    }

    @Test
    void acceptsAnUnrequestedCookieOnlyInHelloRetryRequest() {
        ExtensionBlock hrr = ExtensionBlock.of(HELLO_RETRY_REQUEST, new Cookie(Opaque.fromHex("01")),
                SupportedVersionsServerHello.of(ProtocolVersion.TLS1_3));

        assertDoesNotThrow(() -> hrr.checkSolicited(List.of(43)));
    }

    @Test
    void rejectsAGreaseExtensionEchoedByTheServerEvenThoughWeSentIt() {
        ExtensionBlock serverHello = ExtensionBlock.of(SERVER_HELLO, new UnknownExtension(0x3a3a, Opaque.EMPTY),
                SupportedVersionsServerHello.of(ProtocolVersion.TLS1_3));

        TlsException e = assertThrows(TlsException.class, () -> serverHello.checkSolicited(List.of(0x3a3a, 43)));
        assertEquals(Violation.UNSOLICITED_EXTENSION, e.violation().orElseThrow());
    }

    @Test
    void findsExtensionsByClassAndType() {
        ExtensionBlock block = ExtensionBlock.of(CLIENT_HELLO, ServerName.of("a.example"), new EarlyData());

        assertEquals("a.example", block.find(ServerName.class).orElseThrow().hostName().orElseThrow());
        assertEquals(List.of(0, 42), block.types());
        assertEquals(true, block.contains(ExtensionType.EARLY_DATA));
        assertEquals(false, block.contains(ExtensionType.COOKIE));
    }

    private static Opaque raw(int type, String hexData) {
        Opaque data = Opaque.fromHex(hexData);
        WireWriter out = new WireWriter();
        out.u16(type).opaque16(data);
        return out.toOpaque();
    }

    private static Opaque encode(ExtensionBlock block) {
        WireWriter out = new WireWriter();
        block.encode(out);
        return out.toOpaque();
    }
}
