package dev.tlsworkbook.tls12.prf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.engine.interop.KeyLogs;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.record.ContentType;
import dev.tlsworkbook.record.RecordHeader;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import dev.tlsworkbook.record.protection.OpenedRecord;
import dev.tlsworkbook.tls12.connected.Tls12Session;
import dev.tlsworkbook.tls12.message.ClientKeyExchange;
import dev.tlsworkbook.tls12.message.ServerKeyExchange;
import dev.tlsworkbook.tls12.message.Tls12ServerHello;
import dev.tlsworkbook.tls12.record.Tls12AeadProtection;
import dev.tlsworkbook.wire.WireReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TLS 1.2 known-answer vectors from real OpenSSL runs. RFC 5246 publishes no PRF or record
 * vectors, so {@code src/test/resources/vectors/openssl-tls12/} holds the records of three
 * {@code openssl s_client -tls1_2} ↔ {@code openssl s_server -tls1_2} connections over loopback,
 * one of our client (with a known X25519 key) ↔ {@code s_server}, and the key logs OpenSSL wrote
 * (its README says how they were made). From the master secret of the key log's CLIENT_RANDOM
 * line alone, our code must reproduce, byte for byte, what was on the wire:
 * <ul>
 * <li>the key block (RFC 5246 §6.3): the write keys and IVs open every protected record with our
 *     record layer ({@link Tls12AeadProtection}, RFC 5288 §3 / RFC 7905 §2);</li>
 * <li>both Finished messages (RFC 5246 §7.4.9): our {@code verify_data} over the transcript hash
 *     equals the 12 bytes that were encrypted, the server's over a transcript that includes the
 *     NewSessionTicket (RFC 5077 §3.3);</li>
 * <li>the application data and close_notify alerts, and wherever the sender's nonce follows from
 *     the sequence number, our seal of each plaintext reproduces the record exactly (OpenSSL's
 *     GCM explicit nonces start at a random value, so its GCM records are only opened; GCM
 *     sealing is checked against the published vectors in {@code Tls12RecordVectorTest}).</li>
 * </ul>
 * The extended master secret (RFC 7627 §4) needs the pre-master secret, which no key log holds;
 * the connection our client made with a known private key supplies it, and OpenSSL's server
 * derived the master secret the test recomputes.
 */
class OpenSslTranscriptVectorTest {
    private static final String CLIENT_LINE = "hello over tls 1.2\n";
    /** {@code s_server -rev} answers each line reversed. */
    private static final String SERVER_LINE = "2.1 slt revo olleh\n";
    /** RFC 5246 §7.2: a warning-level close_notify. */
    private static final Opaque CLOSE_NOTIFY = Opaque.fromHex("0100");

    /** RFC 7748 §6.1: Alice's private key and her public key X25519(a, 9). */
    private static final String ALICE_PRIVATE = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    private static final String ALICE_PUBLIC = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";

    /** One record as it crossed the wire, and who sent it. */
    private record WireRecord(boolean fromClient, byte[] bytes) {
        ContentType type() {
            return ContentType.fromCode(RecordHeader.type(bytes, 0)).orElseThrow();
        }

        Opaque body() {
            return Opaque.of(bytes, RecordHeader.LENGTH, bytes.length - RecordHeader.LENGTH);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ecdhe-ecdsa-aes128-gcm-sha256,      TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,       true,  0",
            "ecdhe-rsa-aes256-gcm-sha384,        TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,         true,  0",
            "ecdhe-ecdsa-chacha20-poly1305,      TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, true,  6",
            "ours-ecdhe-ecdsa-aes128-gcm-sha256, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,       false, 3"})
    void reproducesOpenSslsFinishedAndRecordsFromItsKeyLog(String name, CipherSuite suite, boolean ticket,
            int resealed) {
        List<WireRecord> records = records(name + ".records");
        ByteArrayOutputStream transcript = new ByteArrayOutputStream();
        List<Integer> messageTypes = new ArrayList<>();

        // 1. The hellos, decoded with our codecs: the suite, and extended_master_secret on both sides (RFC 7627 §5.1).
        byte[] clientHelloMessage = records.get(0).body().bytes();
        ClientHello clientHello = ClientHello.decode(WireReader.of(clientHelloMessage, 4, clientHelloMessage.length - 4));
        assertTrue(clientHello.extensions().contains(ExtensionType.EXTENDED_MASTER_SECRET));
        byte[] serverHelloMessage = records.get(1).body().bytes();
        Tls12ServerHello serverHello = Tls12ServerHello.decode(
                WireReader.of(serverHelloMessage, 4, serverHelloMessage.length - 4));
        assertEquals(suite.code(), serverHello.cipherSuite());
        assertTrue(serverHello.extensions().stream().anyMatch(e -> e.type() == ExtensionType.EXTENDED_MASTER_SECRET.code()));

        // 2. The key log names this connection by its client random (draft-ietf-tls-keylogfile §3.1).
        String[] line = KeyLogs.parse(lines(name + ".keys")).get(Tls12Session.KEY_LOG_LABEL).split(" ");
        assertEquals(clientHello.random().hex(), line[0]);
        Tls12KeySchedule schedule = Tls12KeySchedule.fromMasterSecret(suite, SecretBytes.fromHex(line[1]));

        // 3. RFC 5246 §6.3: the key block from the master secret and both randoms.
        Tls12KeyBlock keys = schedule.keyBlock(clientHello.random(), serverHello.random());
        AeadAlgorithm aead = suite.aead().orElseThrow();
        Direction client = new Direction(aead, keys.clientWriteKey(), keys.clientWriteIv());
        Direction server = new Direction(aead, keys.serverWriteKey(), keys.serverWriteIv());

        int opened = 0;
        for (WireRecord record : records) {
            Direction from = record.fromClient() ? client : server;
            switch (record.type()) {
                case CHANGE_CIPHER_SPEC -> {
                    // RFC 5246 §7.1: the one-byte message 0x01; everything after it is protected.
                    assertEquals(Opaque.fromHex("01"), record.body());
                    from.changeCipherSpec = true;
                }
                case HANDSHAKE -> {
                    Opaque plaintext = from.changeCipherSpec ? from.open(record, aead) : record.body();
                    if (from.changeCipherSpec) {
                        opened++;
                        // 4. RFC 5246 §7.4.9: Finished = 0x14, length 12, verify_data over every message before it.
                        Opaque hash = Opaque.of(schedule.hash().digest(transcript.toByteArray()));
                        Opaque expected = Opaque.fromHex("1400000c").concat(schedule.verifyData(record.fromClient(), hash));
                        assertEquals(expected, plaintext, (record.fromClient() ? "client" : "server") + " Finished");
                    }
                    collectMessages(plaintext, transcript, messageTypes);
                }
                case APPLICATION_DATA -> {
                    opened++;
                    String text = new String(from.open(record, aead).bytes(), StandardCharsets.US_ASCII);
                    assertEquals(record.fromClient() ? CLIENT_LINE : SERVER_LINE, text);
                }
                case ALERT -> {
                    opened++;
                    assertEquals(CLOSE_NOTIFY, from.open(record, aead));
                }
                default -> throw new AssertionError("unexpected record " + record.type());
            }
        }
        // Each side protected its Finished, one line of application data and its close_notify.
        assertEquals(6, opened);
        assertEquals(resealed, client.resealed + server.resealed);
        // RFC 5246 §7.3 with RFC 8422 §2 and RFC 5077 §3.1: the full ECDHE handshake, with a ticket when offered.
        List<HandshakeType> expected = new ArrayList<>(List.of(HandshakeType.CLIENT_HELLO, HandshakeType.SERVER_HELLO,
                HandshakeType.CERTIFICATE, HandshakeType.SERVER_KEY_EXCHANGE, HandshakeType.SERVER_HELLO_DONE,
                HandshakeType.CLIENT_KEY_EXCHANGE, HandshakeType.FINISHED, HandshakeType.FINISHED));
        if (ticket) {
            expected.add(7, HandshakeType.NEW_SESSION_TICKET);
        }
        assertEquals(expected.stream().map(HandshakeType::code).toList(), messageTypes);
    }

    /**
     * RFC 7627 §4 against OpenSSL: our client recorded with a known X25519 private key (RFC 7748
     * §6.1's Alice), so the pre-master secret is X25519(Alice, the ServerKeyExchange's point),
     * computed here with the JDK's XDH; {@code PRF(pre_master_secret, "extended master secret",
     * session_hash)} over the recorded ClientHello … ClientKeyExchange must be the master secret
     * in s_server's key log, and the RFC 5246 §8.1 derivation must not be.
     */
    @Test
    void recomputesOpenSslsExtendedMasterSecretFromAKnownPreMasterSecret() throws GeneralSecurityException {
        CipherSuite suite = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
        List<Opaque> messages = new ArrayList<>();
        for (WireRecord record : records("ours-ecdhe-ecdsa-aes128-gcm-sha256.records")) {
            if (record.type() == ContentType.CHANGE_CIPHER_SPEC) {
                break;
            }
            WireReader in = WireReader.of(record.body());
            while (in.hasRemaining()) {
                int start = in.position();
                in.u8();
                in.opaque24(0, 0xffffff);
                messages.add(record.body().slice(start, in.position() - start));
            }
        }
        // ClientHello, ServerHello, Certificate, ServerKeyExchange, ServerHelloDone, ClientKeyExchange.
        assertEquals(6, messages.size());
        ServerKeyExchange serverKeyExchange = ServerKeyExchange.decode(body(messages.get(3)));
        ClientKeyExchange clientKeyExchange = ClientKeyExchange.decode(body(messages.get(5)));
        assertEquals(NamedGroup.X25519.code(), serverKeyExchange.namedCurve());
        assertEquals(Opaque.fromHex(ALICE_PUBLIC), clientKeyExchange.point());
        assertEquals(Opaque.fromHex(ALICE_PUBLIC), Opaque.of(x25519(ALICE_PRIVATE, "09" + "00".repeat(31))));

        SecretBytes preMasterSecret = SecretBytes.of(x25519(ALICE_PRIVATE, serverKeyExchange.point().hex()));
        // RFC 7627 §3: session_hash = Hash(handshake_messages) up to and including ClientKeyExchange.
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        messages.forEach(m -> handshake.writeBytes(m.bytes()));
        Opaque sessionHash = Opaque.of(suite.hash().orElseThrow().digest(handshake.toByteArray()));

        String[] line = KeyLogs.parse(lines("ours-ecdhe-ecdsa-aes128-gcm-sha256.keys")).get(Tls12Session.KEY_LOG_LABEL)
                .split(" ");
        Opaque clientRandom = random(messages.get(0));
        Opaque serverRandom = random(messages.get(1));
        assertEquals(clientRandom.hex(), line[0]);
        SecretBytes openSsls = SecretBytes.fromHex(line[1]);
        assertEquals(openSsls, Tls12KeySchedule.extended(suite, preMasterSecret, sessionHash).masterSecret());
        assertNotEquals(openSsls, Tls12KeySchedule.legacy(suite, preMasterSecret, clientRandom, serverRandom).masterSecret());
    }

    /** X25519(scalar, u) with the JDK's XDH (RFC 7748 §5), independent of our key exchange code. */
    private static byte[] x25519(String scalarHex, String uHex) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("XDH");
        PrivateKey privateKey = factory.generatePrivate(
                new XECPrivateKeySpec(NamedParameterSpec.X25519, Opaque.fromHex(scalarHex).bytes()));
        byte[] u = Opaque.fromHex(uHex).bytes();
        u[31] &= 0x7f; // RFC 7748 §5: mask the most significant bit, then read little-endian
        byte[] bigEndian = new byte[u.length];
        for (int i = 0; i < u.length; i++) {
            bigEndian[i] = u[u.length - 1 - i];
        }
        PublicKey peer = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, bigEndian)));
        KeyAgreement agreement = KeyAgreement.getInstance("XDH");
        agreement.init(privateKey);
        agreement.doPhase(peer, true);
        return agreement.generateSecret();
    }

    /** RFC 5246 §7.4.1.2, §7.4.1.3: a hello's 32-byte random follows its 2-byte version. */
    private static Opaque random(Opaque hello) {
        WireReader in = body(hello);
        in.skip(2);
        return in.fixed(32);
    }

    /** The body of a handshake message, after its type and uint24 length. */
    private static WireReader body(Opaque message) {
        return WireReader.of(message.slice(4, message.length() - 4));
    }

    /** One sender's records: its protection, sequence number, and whether it has sent ChangeCipherSpec. */
    private static final class Direction {
        final Tls12AeadProtection opener;
        final Tls12AeadProtection sealer;
        boolean changeCipherSpec;
        long seq;
        int resealed;

        /** The receiver's and the sender's protection, from the sender's write key and IV. */
        Direction(AeadAlgorithm aead, SecretBytes writeKey, Opaque writeIv) {
            this.opener = Tls12AeadProtection.of(aead, writeKey, writeIv);
            this.sealer = Tls12AeadProtection.of(aead, writeKey, writeIv);
        }

        /**
         * Opens the next protected record (RFC 5246 §6.1: the sequence number starts at zero after
         * ChangeCipherSpec). Where the sender's nonce follows from the sequence number alone —
         * always for ChaCha20-Poly1305 (RFC 7905 §2: the IV XOR the sequence number), for AES-GCM
         * when the sender's explicit nonce is the sequence number, as our client's is (RFC 5288 §3
         * leaves the choice to the sender) — also seals the plaintext again and expects the
         * recorded record back, byte for byte.
         */
        Opaque open(WireRecord record, AeadAlgorithm aead) {
            byte[] out = new byte[record.bytes().length];
            OpenedRecord result = new OpenedRecord();
            opener.open(record.bytes(), 0, seq, out, 0, result);
            assertEquals(record.type(), result.type());
            byte[] plaintext = Arrays.copyOf(out, result.length());
            boolean explicitIsSeq = aead != AeadAlgorithm.CHACHA20_POLY1305
                    && Opaque.of(record.bytes(), RecordHeader.LENGTH, 8).equals(Opaque.fromHex("%016x".formatted(seq)));
            if (aead == AeadAlgorithm.CHACHA20_POLY1305 || explicitIsSeq) {
                resealed++;
                byte[] sealed = new byte[record.bytes().length];
                int n = sealer.seal(result.type(), plaintext, 0, plaintext.length, seq, sealed, 0);
                assertEquals(Opaque.of(record.bytes()), Opaque.of(sealed, 0, n), "our seal of record " + seq);
            }
            seq++;
            return Opaque.of(plaintext);
        }
    }

    /** Appends a fragment of whole handshake messages (type, uint24 length, body) to the transcript. */
    private static void collectMessages(Opaque fragment, ByteArrayOutputStream transcript, List<Integer> types) {
        WireReader in = WireReader.of(fragment);
        while (in.hasRemaining()) {
            types.add(in.u8());
            in.opaque24(0, 0xffffff);
        }
        transcript.writeBytes(fragment.bytes());
    }

    /** The recorded file: one "client HEX" or "server HEX" line per record, in the order the peers saw them. */
    private static List<WireRecord> records(String file) {
        List<WireRecord> records = new ArrayList<>();
        for (String line : lines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(" ");
            assertTrue(fields[0].equals("client") || fields[0].equals("server"), line);
            byte[] bytes = Opaque.fromHex(fields[1]).bytes();
            assertEquals(bytes.length, RecordHeader.LENGTH + RecordHeader.length(bytes, 0), "one whole record per line");
            records.add(new WireRecord(fields[0].equals("client"), bytes));
        }
        return records;
    }

    private static List<String> lines(String file) {
        try (InputStream in = OpenSslTranscriptVectorTest.class.getResourceAsStream("/vectors/openssl-tls12/" + file)) {
            assertNotNull(in, file);
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
