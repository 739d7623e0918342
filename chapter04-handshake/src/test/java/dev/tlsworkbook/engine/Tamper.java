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
import dev.tlsworkbook.bytes.Opaque;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
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
        ByteArrayOutputStream passed = new ByteArrayOutputStream();
        forEachRecord(flight, (pos, total) -> {
            if (flight[pos] != ContentType.APPLICATION_DATA.code()) {
                passed.write(flight, pos, total);
            }
        });
        byte[] edited = edit.apply(open(flight, suite, handshakeSecret));
        passed.writeBytes(seal(writer(suite, handshakeSecret), ContentType.HANDSHAKE, edited));
        return passed.toByteArray();
    }

    /** The handshake bytes of the protected records of {@code flight}, opened with keys from {@code secret}. */
    static byte[] open(byte[] flight, CipherSuite suite, SecretBytes secret) {
        RecordLayer opener = new RecordLayer();
        opener.installReadKeys(keys(suite, secret), 0);
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        byte[] body = new byte[RecordLayer.OPEN_BUFFER_SIZE];
        OpenedRecord opened = new OpenedRecord();
        forEachRecord(flight, (pos, total) -> {
            if (flight[pos] == ContentType.APPLICATION_DATA.code()) {
                opener.feed(flight, pos, total);
                if (!opener.nextRecord(body, 0, opened) || opened.type() != ContentType.HANDSHAKE) {
                    throw new IllegalStateException("expected a protected handshake record");
                }
                handshake.write(body, 0, opened.length());
            }
        });
        return handshake.toByteArray();
    }

    /** The bodies of the unprotected handshake records of {@code flight}, joined. */
    static byte[] plaintextHandshake(byte[] flight) {
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        forEachRecord(flight, (pos, total) -> {
            if (flight[pos] == ContentType.HANDSHAKE.code()) {
                handshake.write(flight, pos + RecordHeader.LENGTH, total - RecordHeader.LENGTH);
            }
        });
        return handshake.toByteArray();
    }

    /** A record writer protecting with keys from {@code secret}, from sequence number 0. */
    static RecordLayer writer(CipherSuite suite, SecretBytes secret) {
        RecordLayer sealer = new RecordLayer();
        sealer.installWriteKeys(keys(suite, secret));
        return sealer;
    }

    /** {@code bytes} as one record of {@code type} from {@code writer}. */
    static byte[] seal(RecordLayer writer, ContentType type, byte[] bytes) {
        byte[] sealed = new byte[writer.maxSealedLength(bytes.length)];
        int n = writer.seal(type, bytes, 0, bytes.length, sealed, 0);
        return java.util.Arrays.copyOf(sealed, n);
    }

    /**
     * An unprotected record of {@code type} holding {@code body}; a body over 2^14 bytes becomes
     * several records (RFC 8446 §5.1), as a large ClientHello is sent.
     */
    static byte[] plaintextRecord(ContentType type, byte[] body) {
        int records = Math.max(1, (body.length + RecordHeader.MAX_PLAINTEXT - 1) / RecordHeader.MAX_PLAINTEXT);
        byte[] out = new byte[records * RecordHeader.LENGTH + body.length];
        int at = 0;
        for (int pos = 0; pos < body.length || at == 0; pos += RecordHeader.MAX_PLAINTEXT) {
            int n = Math.min(RecordHeader.MAX_PLAINTEXT, body.length - pos);
            out[at] = (byte) type.code();
            out[at + 1] = 3;
            out[at + 2] = 3;
            out[at + 3] = (byte) (n >> 8);
            out[at + 4] = (byte) n;
            System.arraycopy(body, pos, out, at + RecordHeader.LENGTH, n);
            at += RecordHeader.LENGTH + n;
        }
        return out;
    }

    /** The handshake messages in {@code bytes}, each with its header, in order. */
    static List<Opaque> messages(byte[] bytes) {
        List<Opaque> messages = new ArrayList<>();
        for (int pos = 0; pos < bytes.length; ) {
            int length = 4 + ((bytes[pos + 1] & 0xff) << 16 | (bytes[pos + 2] & 0xff) << 8 | (bytes[pos + 3] & 0xff));
            messages.add(Opaque.of(bytes, pos, length));
            pos += length;
        }
        return messages;
    }

    private static TrafficKeys keys(CipherSuite suite, SecretBytes secret) {
        // The label only names the secret in a key log; the keys depend on the secret alone (RFC 8446 §7.3).
        return TrafficSecret.of(SecretLabel.SERVER_HANDSHAKE_TRAFFIC, suite.hash().orElseThrow(), secret)
                .keys(suite.aead().orElseThrow());
    }

    private interface RecordVisitor {
        void visit(int pos, int total);
    }

    private static void forEachRecord(byte[] flight, RecordVisitor visitor) {
        for (int pos = 0; pos < flight.length; ) {
            int total = RecordHeader.LENGTH + RecordHeader.length(flight, pos);
            visitor.visit(pos, total);
            pos += total;
        }
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
