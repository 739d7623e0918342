package dev.tlsworkbook.engine;

import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.keyschedule.SecretLabel;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import dev.tlsworkbook.record.ContentType;
import dev.tlsworkbook.record.RecordHeader;
import dev.tlsworkbook.record.RecordLayer;
import dev.tlsworkbook.record.protection.OpenedRecord;
import dev.tlsworkbook.record.protection.TrafficKeys;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A scripted man in the middle for tests: it knows one direction's handshake traffic secret (from
 * the key log), decrypts that direction's protected handshake records, lets the test rewrite the
 * handshake bytes, and re-encrypts them, so the receiving engine sees a well-protected but
 * altered flight (GUIDE §9.4).
 */
final class Tamper {
    private Tamper() {
    }

    /** The hex secret logged under {@code label} in {@code keyLog} lines. */
    static SecretBytes secret(List<String> keyLog, String label) {
        return keyLog.stream().filter(l -> l.startsWith(label + " ")).findFirst()
                .map(l -> SecretBytes.fromHex(l.split(" ")[2])).orElseThrow();
    }

    /**
     * Rewrites a flight: unprotected records pass unchanged; the handshake bytes of all protected
     * records are joined, given to {@code edit}, and re-sealed in one record.
     */
    static byte[] rewrite(byte[] flight, CipherSuite suite, SecretBytes handshakeSecret, UnaryOperator<byte[]> edit) {
        TrafficKeys keys = TrafficSecret.of(SecretLabel.SERVER_HANDSHAKE_TRAFFIC, suite.hash().orElseThrow(), handshakeSecret)
                .keys(suite.aead().orElseThrow());
        TrafficKeys keys2 = TrafficSecret.of(SecretLabel.SERVER_HANDSHAKE_TRAFFIC, suite.hash().orElseThrow(), handshakeSecret)
                .keys(suite.aead().orElseThrow());
        RecordLayer opener = new RecordLayer();
        opener.installReadKeys(keys, 0);
        RecordLayer sealer = new RecordLayer();
        sealer.installWriteKeys(keys2);
        ByteArrayOutputStream passed = new ByteArrayOutputStream();
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        byte[] body = new byte[RecordLayer.OPEN_BUFFER_SIZE];
        OpenedRecord opened = new OpenedRecord();
        int pos = 0;
        while (pos < flight.length) {
            int length = RecordHeader.length(flight, pos);
            int type = RecordHeader.type(flight, pos);
            int total = RecordHeader.LENGTH + length;
            if (type == ContentType.APPLICATION_DATA.code()) {
                opener.feed(flight, pos, total);
                if (!opener.nextRecord(body, 0, opened) || opened.type() != ContentType.HANDSHAKE) {
                    throw new IllegalStateException("expected a protected handshake record");
                }
                handshake.write(body, 0, opened.length());
            } else {
                passed.write(flight, pos, total);
            }
            pos += total;
        }
        byte[] edited = edit.apply(handshake.toByteArray());
        byte[] sealed = new byte[edited.length + 512];
        int n = sealer.seal(ContentType.HANDSHAKE, edited, 0, edited.length, sealed, 0);
        passed.write(sealed, 0, n);
        return passed.toByteArray();
    }

    /** Offset of the first handshake message of {@code type} in a run of handshake messages. */
    static int find(byte[] messages, int type) {
        int pos = 0;
        while (pos < messages.length) {
            if ((messages[pos] & 0xff) == type) {
                return pos;
            }
            pos += 4 + ((messages[pos + 1] & 0xff) << 16 | (messages[pos + 2] & 0xff) << 8 | (messages[pos + 3] & 0xff));
        }
        throw new IllegalStateException("no handshake message of type " + type);
    }
}
