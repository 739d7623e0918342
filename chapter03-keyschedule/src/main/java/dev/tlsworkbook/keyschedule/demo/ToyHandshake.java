package dev.tlsworkbook.keyschedule.demo;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.HashAlgorithm;
import dev.tlsworkbook.crypto.KeyExchange;
import dev.tlsworkbook.crypto.KeyExchanges;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.io.Transport;
import dev.tlsworkbook.keyschedule.EarlySecret;
import dev.tlsworkbook.keyschedule.ExporterSecret;
import dev.tlsworkbook.keyschedule.HandshakeSecret;
import dev.tlsworkbook.keyschedule.MasterSecret;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.record.ContentType;
import dev.tlsworkbook.record.RecordHeader;
import dev.tlsworkbook.record.RecordLayer;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import dev.tlsworkbook.record.protection.OpenedRecord;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.io.EOFException;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A toy handshake, just enough to run the real key schedule between two peers: each side sends
 * one handshake-shaped message (type, u24 length, then random(32) || group(2) || key_share<..>)
 * in a cleartext handshake record (chapter02's {@code NullProtection}), and both derive every TLS 1.3 secret from the X25519 shared secret and a
 * transcript of those two messages. There is no authentication, no negotiation and no Finished:
 * the real ClientHello, ServerHello, Certificate and Finished arrive in chapter04. With no
 * Finished message, the application secrets here are derived over the same ClientHello..ServerHello
 * transcript as the handshake secrets.
 */
final class ToyHandshake {
    static final CipherSuite SUITE = CipherSuite.TLS_AES_128_GCM_SHA256;
    static final HashAlgorithm HASH = SUITE.hash().orElseThrow();
    static final AeadAlgorithm AEAD = SUITE.aead().orElseThrow();
    private static final int TOY_CLIENT_HELLO = 1;
    private static final int TOY_SERVER_HELLO = 2;

    /** What one side derived; the demo prints it and compares the two sides. */
    record Derived(String side, Opaque sentRecord, Opaque clientRandom, Opaque ourShare, Opaque peerShare, SecretBytes shared,
            Transcript transcript, EarlySecret early, HandshakeSecret handshake, TrafficSecret clientHandshake,
            TrafficSecret serverHandshake, MasterSecret master, TrafficSecret clientApplication,
            TrafficSecret serverApplication, ExporterSecret exporter) {
    }

    private ToyHandshake() {
    }

    /** The client side: send our share, read the server's, derive. */
    static Derived client(Transport transport, RecordLayer layer, SecureRandom random) throws IOException {
        KeyExchange kx = KeyExchanges.generate(NamedGroup.X25519, random);
        Opaque clientHello = hello(TOY_CLIENT_HELLO, random, kx.publicKey());
        Opaque record = send(transport, layer, clientHello);
        Opaque serverHello = receive(transport, layer, TOY_SERVER_HELLO);
        return derive("client", record, kx, clientHello, serverHello, share(serverHello));
    }

    /** The server side: read the client's share, send ours, derive. */
    static Derived server(Transport transport, RecordLayer layer, SecureRandom random) throws IOException {
        Opaque clientHello = receive(transport, layer, TOY_CLIENT_HELLO);
        KeyExchange kx = KeyExchanges.generate(NamedGroup.X25519, random);
        Opaque serverHello = hello(TOY_SERVER_HELLO, random, kx.publicKey());
        Opaque record = send(transport, layer, serverHello);
        return derive("server", record, kx, clientHello, serverHello, share(clientHello));
    }

    private static Derived derive(String side, Opaque record, KeyExchange kx, Opaque clientHello, Opaque serverHello,
            Opaque peerShare) {
        SecretBytes shared = kx.sharedSecret(peerShare); // validates the peer's share (RFC 8446 §7.4.2)
        Transcript transcript = Transcript.of(HASH).add(clientHello).add(serverHello);
        Opaque helloHash = transcript.currentHash();
        EarlySecret early = EarlySecret.withoutPsk(HASH);
        HandshakeSecret hs = early.handshakeSecret(shared);
        MasterSecret master = hs.masterSecret();
        return new Derived(side, record, clientHello.slice(4, 32), kx.publicKey(), peerShare, shared, transcript, early, hs,
                hs.clientHandshakeTrafficSecret(helloHash), hs.serverHandshakeTrafficSecret(helloHash), master,
                master.clientApplicationTrafficSecret(helloHash), master.serverApplicationTrafficSecret(helloHash),
                master.exporterMasterSecret(helloHash));
    }

    private static Opaque hello(int type, SecureRandom random, Opaque share) {
        byte[] hello = new byte[32];
        random.nextBytes(hello);
        return new WireWriter().u8(type).prefixed24(body -> body
                .bytes(hello)
                .u16(NamedGroup.X25519.code())
                .opaque16(share)).toOpaque();
    }

    private static Opaque share(Opaque hello) {
        WireReader r = WireReader.of(hello);
        r.skip(4 + 32);
        int group = r.u16();
        if (group != NamedGroup.X25519.code()) {
            throw new IllegalStateException("toy handshake speaks x25519 only, peer sent group " + group);
        }
        Opaque share = r.opaque16(1, 0xffff);
        r.expectEnd();
        return share;
    }

    /** Seals {@code message} as one handshake record and writes it; returns the record as sent. */
    private static Opaque send(Transport transport, RecordLayer layer, Opaque message) throws IOException {
        byte[] record = new byte[layer.maxSealedLength(message.length())];
        int n = layer.seal(ContentType.HANDSHAKE, message.bytes(), 0, message.length(), record, 0);
        transport.write(record, 0, n);
        return Opaque.of(record, 0, n);
    }

    /**
     * Reads exactly one record (header, then the length it announces, so nothing after it is
     * consumed: the protected records that follow belong to the next stage) and returns the one
     * handshake message it carries.
     */
    private static Opaque receive(Transport transport, RecordLayer layer, int expectedType) throws IOException {
        byte[] header = readFully(transport, RecordHeader.LENGTH);
        int length = RecordHeader.length(header, 0);
        if (length > RecordHeader.MAX_CIPHERTEXT) { // bounded before allocating (RFC 8446 §5.2)
            throw new IOException("toy handshake: record of " + length + " bytes");
        }
        byte[] record = Arrays.copyOf(header, RecordHeader.LENGTH + length);
        System.arraycopy(readFully(transport, length), 0, record, RecordHeader.LENGTH, length);
        for (int fed = 0; fed < record.length; ) {
            fed += layer.feed(record, fed, record.length - fed);
        }
        byte[] plaintext = new byte[RecordLayer.OPEN_BUFFER_SIZE];
        OpenedRecord opened = new OpenedRecord();
        if (!layer.nextRecord(plaintext, 0, opened) || opened.type() != ContentType.HANDSHAKE) {
            throw new IOException("toy handshake: expected a handshake record, got " + opened);
        }
        Opaque message = Opaque.of(plaintext, 0, opened.length());
        WireReader r = WireReader.of(message);
        if (r.u8() != expectedType || r.u24() != r.remaining()) {
            throw new IOException("toy handshake: expected one message of type " + expectedType + ", got " + message);
        }
        return message;
    }

    private static byte[] readFully(Transport transport, int n) throws IOException {
        byte[] b = new byte[n];
        for (int off = 0; off < n; ) {
            int r = transport.read(b, off, n - off);
            if (r < 0) {
                throw new EOFException("toy handshake: peer closed after " + off + " of " + n + " bytes");
            }
            off += r;
        }
        return b;
    }
}
