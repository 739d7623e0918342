package dev.tlsworkbook.handshake.message;

import static dev.tlsworkbook.handshake.extension.ExtensionContext.CERTIFICATE;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.CERTIFICATE_REQUEST;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.CLIENT_HELLO;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.ENCRYPTED_EXTENSIONS;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.HELLO_RETRY_REQUEST;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.NEW_SESSION_TICKET;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.SERVER_HELLO;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.extension.ApplicationLayerProtocolNegotiation;
import dev.tlsworkbook.handshake.extension.CertificateAuthorities;
import dev.tlsworkbook.handshake.extension.Cookie;
import dev.tlsworkbook.handshake.extension.EarlyData;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.KeyShareClientHello;
import dev.tlsworkbook.handshake.extension.KeyShareEntry;
import dev.tlsworkbook.handshake.extension.KeyShareHelloRetryRequest;
import dev.tlsworkbook.handshake.extension.KeyShareServerHello;
import dev.tlsworkbook.handshake.extension.MaxEarlyDataSize;
import dev.tlsworkbook.handshake.extension.Padding;
import dev.tlsworkbook.handshake.extension.PostHandshakeAuth;
import dev.tlsworkbook.handshake.extension.PreSharedKeyClientHello;
import dev.tlsworkbook.handshake.extension.PreSharedKeyServerHello;
import dev.tlsworkbook.handshake.extension.PskIdentity;
import dev.tlsworkbook.handshake.extension.PskKeyExchangeMode;
import dev.tlsworkbook.handshake.extension.PskKeyExchangeModes;
import dev.tlsworkbook.handshake.extension.ServerName;
import dev.tlsworkbook.handshake.extension.SignatureAlgorithms;
import dev.tlsworkbook.handshake.extension.SignatureAlgorithmsCert;
import dev.tlsworkbook.handshake.extension.SupportedGroups;
import dev.tlsworkbook.handshake.extension.SupportedVersionsClientHello;
import dev.tlsworkbook.handshake.extension.SupportedVersionsServerHello;
import dev.tlsworkbook.handshake.extension.UnknownExtension;
import dev.tlsworkbook.record.ProtocolVersion;
import java.util.List;

/** One instance of every TLS 1.3 message, each using every extension its context allows. */
final class Samples {
    static final Opaque RANDOM = Opaque.fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    static final Opaque SESSION_ID = Opaque.filled(32, 0x5a);
    static final Opaque X25519_SHARE = Opaque.filled(32, 0x11);

    private Samples() {
    }

    static ClientHello clientHello() {
        return new ClientHello(0x0303, RANDOM, SESSION_ID,
                List.of(CipherSuite.TLS_AES_128_GCM_SHA256.code(), CipherSuite.TLS_CHACHA20_POLY1305_SHA256.code()),
                ClientHello.NULL_COMPRESSION,
                ExtensionBlock.of(CLIENT_HELLO,
                        ServerName.of("example.com"),
                        SupportedGroups.of(NamedGroup.X25519, NamedGroup.SECP256R1),
                        new SignatureAlgorithms(List.of(0x0804, 0x0403)),
                        new SignatureAlgorithmsCert(List.of(0x0804)),
                        new KeyShareClientHello(List.of(KeyShareEntry.of(NamedGroup.X25519, X25519_SHARE))),
                        SupportedVersionsClientHello.of(ProtocolVersion.TLS1_3, ProtocolVersion.TLS1_2),
                        PskKeyExchangeModes.of(PskKeyExchangeMode.PSK_DHE_KE),
                        new EarlyData(),
                        new Cookie(Opaque.fromHex("c00c1e")),
                        ApplicationLayerProtocolNegotiation.of("h2", "http/1.1"),
                        new CertificateAuthorities(List.of(Opaque.fromHex("300c310a30080603550403130161"))),
                        new PostHandshakeAuth(),
                        new UnknownExtension(0xff01, Opaque.fromHex("00")),
                        Padding.ofLength(5),
                        new PreSharedKeyClientHello(
                                List.of(new PskIdentity(Opaque.fromHex("7469636b6574"), 0x01020304L)),
                                List.of(Opaque.filled(32, 0xbb)))));
    }

    static ServerHello serverHello() {
        return new ServerHello(0x0303, RANDOM, SESSION_ID, CipherSuite.TLS_AES_128_GCM_SHA256.code(), 0,
                ExtensionBlock.of(SERVER_HELLO,
                        new PreSharedKeyServerHello(0),
                        new KeyShareServerHello(KeyShareEntry.of(NamedGroup.X25519, X25519_SHARE)),
                        SupportedVersionsServerHello.of(ProtocolVersion.TLS1_3)));
    }

    static HelloRetryRequest helloRetryRequest() {
        return new HelloRetryRequest(0x0303, SESSION_ID, CipherSuite.TLS_AES_128_GCM_SHA256.code(), 0,
                ExtensionBlock.of(HELLO_RETRY_REQUEST,
                        KeyShareHelloRetryRequest.of(NamedGroup.SECP256R1),
                        new Cookie(Opaque.fromHex("c00c1e")),
                        SupportedVersionsServerHello.of(ProtocolVersion.TLS1_3)));
    }

    static EncryptedExtensions encryptedExtensions() {
        return new EncryptedExtensions(ExtensionBlock.of(ENCRYPTED_EXTENSIONS,
                ServerName.acknowledgement(),
                SupportedGroups.of(NamedGroup.X25519),
                new EarlyData(),
                ApplicationLayerProtocolNegotiation.of("h2"),
                new dev.tlsworkbook.handshake.extension.RecordSizeLimit(0x4001)));
    }

    static Certificate certificate() {
        return new Certificate(Opaque.fromHex("0a0b"), List.of(
                new CertificateEntry(Opaque.fromHex("3082000130"),
                        ExtensionBlock.of(CERTIFICATE, new UnknownExtension(5, Opaque.fromHex("01000003aabbcc")))),
                CertificateEntry.of(Opaque.fromHex("30820002aabb"))));
    }

    static CertificateRequest certificateRequest() {
        return new CertificateRequest(Opaque.fromHex("0a0b"), ExtensionBlock.of(CERTIFICATE_REQUEST,
                new SignatureAlgorithms(List.of(0x0804, 0x0403)),
                new SignatureAlgorithmsCert(List.of(0x0804)),
                new CertificateAuthorities(List.of(Opaque.fromHex("300c310a30080603550403130161")))));
    }

    static CertificateVerify certificateVerify() {
        return new CertificateVerify(0x0804, Opaque.filled(64, 0x77));
    }

    static Finished finished() {
        return new Finished(Opaque.filled(32, 0xf1));
    }

    static NewSessionTicket newSessionTicket() {
        return new NewSessionTicket(7200, 0xfad6aac5L, Opaque.fromHex("0001"), Opaque.filled(48, 0x2c),
                ExtensionBlock.of(NEW_SESSION_TICKET, new MaxEarlyDataSize(16384), new UnknownExtension(0x2a2a, Opaque.EMPTY)));
    }

    /** Every message that a peer can send us in TLS 1.3, for the generic codec properties. */
    static List<Tls13Message> all() {
        return List.of(clientHello(), serverHello(), helloRetryRequest(), encryptedExtensions(), certificate(),
                certificateRequest(), certificateVerify(), finished(), newSessionTicket(),
                new KeyUpdate(KeyUpdateRequest.UPDATE_REQUESTED), new EndOfEarlyData());
    }
}
