package dev.tlsworkbook.tls12.prf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.engine.interop.KeyLogs;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.record.ContentType;
import dev.tlsworkbook.record.RecordHeader;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import dev.tlsworkbook.record.protection.OpenedRecord;
import dev.tlsworkbook.tls12.connected.Tls12Session;
import dev.tlsworkbook.tls12.message.Tls12ServerHello;
import dev.tlsworkbook.tls12.record.Tls12AeadProtection;
import dev.tlsworkbook.wire.WireReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TLS 1.2 known-answer vectors from a real OpenSSL run. RFC 5246 publishes no PRF or record
 * vectors, so {@code src/test/resources/vectors/openssl-tls12/} holds the records of three
 * {@code openssl s_client -tls1_2} ↔ {@code openssl s_server -tls1_2} connections over loopback
 * and the key log s_client wrote (its README says how they were made). From the master secret of
 * the key log's CLIENT_RANDOM line alone, our code must reproduce, byte for byte, what OpenSSL put
 * on the wire:
 * <ul>
 * <li>the key block (RFC 5246 §6.3): the write keys and IVs open every protected record with our
 *     record layer ({@link Tls12AeadProtection}, RFC 5288 §3 / RFC 7905 §2);</li>
 * <li>both Finished messages (RFC 5246 §7.4.9): our {@code verify_data} over the transcript hash
 *     equals the 12 bytes OpenSSL encrypted, the server's over a transcript that includes the
 *     NewSessionTicket (RFC 5077 §3.3);</li>
 * <li>the application data and close_notify alerts, and for ChaCha20-Poly1305, whose nonce is
 *     fully determined by the sequence number, our seal of each plaintext reproduces OpenSSL's
 *     record exactly (OpenSSL's GCM explicit nonces start at a random value, ours are the sequence
 *     number, so GCM seal is checked against the NIST vectors in {@code Tls12RecordVectorTest}).</li>
 * </ul>
 * The extended master secret itself (RFC 7627 §4) needs the pre-master secret, which no key log
 * holds; the live {@code OpenSslTls12Test} proves it by comparing our derivation with OpenSSL's.
 */
class OpenSslTranscriptVectorTest {
    private static final String CLIENT_LINE = "hello over tls 1.2\n";
    /** {@code s_server -rev} answers each line reversed. */
    private static final String SERVER_LINE = "2.1 slt revo olleh\n";
    /** RFC 5246 §7.2: a warning-level close_notify. */
    private static final Opaque CLOSE_NOTIFY = Opaque.fromHex("0100");

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
            "ecdhe-ecdsa-aes128-gcm-sha256, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, 6",
            "ecdhe-rsa-aes256-gcm-sha384, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, 6",
            "ecdhe-ecdsa-chacha20-poly1305, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, 6"})
    void reproducesOpenSslsFinishedAndRecordsFromItsKeyLog(String name, CipherSuite suite, int protectedRecords) {
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
        Direction client = new Direction(Tls12AeadProtection.of(aead, keys.clientWriteKey(), keys.clientWriteIv()),
                Tls12AeadProtection.of(aead, keys.clientWriteKey(), keys.clientWriteIv()));
        Direction server = new Direction(Tls12AeadProtection.of(aead, keys.serverWriteKey(), keys.serverWriteIv()),
                Tls12AeadProtection.of(aead, keys.serverWriteKey(), keys.serverWriteIv()));

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
        assertEquals(protectedRecords, opened);
        // RFC 5246 §7.3 with RFC 8422 §2 and RFC 5077 §3.1: the full ECDHE handshake with a ticket.
        assertEquals(List.of(HandshakeType.CLIENT_HELLO, HandshakeType.SERVER_HELLO, HandshakeType.CERTIFICATE,
                HandshakeType.SERVER_KEY_EXCHANGE, HandshakeType.SERVER_HELLO_DONE, HandshakeType.CLIENT_KEY_EXCHANGE,
                HandshakeType.FINISHED, HandshakeType.NEW_SESSION_TICKET, HandshakeType.FINISHED).stream()
                .map(HandshakeType::code).toList(), messageTypes);
    }

    /** One sender's records: its protection, sequence number, and whether it has sent ChangeCipherSpec. */
    private static final class Direction {
        final Tls12AeadProtection opener;
        final Tls12AeadProtection sealer;
        boolean changeCipherSpec;
        long seq;

        Direction(Tls12AeadProtection opener, Tls12AeadProtection sealer) {
            this.opener = opener;
            this.sealer = sealer;
        }

        /**
         * Opens the next protected record (RFC 5246 §6.1: the sequence number starts at zero after
         * ChangeCipherSpec); for ChaCha20-Poly1305 also seals the plaintext again and expects
         * OpenSSL's record back, byte for byte (RFC 7905 §2: the nonce is the IV XOR the sequence number).
         */
        Opaque open(WireRecord record, AeadAlgorithm aead) {
            byte[] out = new byte[record.bytes().length];
            OpenedRecord result = new OpenedRecord();
            opener.open(record.bytes(), 0, seq, out, 0, result);
            assertEquals(record.type(), result.type());
            byte[] plaintext = Arrays.copyOf(out, result.length());
            if (aead == AeadAlgorithm.CHACHA20_POLY1305) {
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
