package dev.tlsworkbook.engine.demo;

import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.keyschedule.SecretLabel;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import dev.tlsworkbook.record.protection.TrafficKeys;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The labels of TLS 1.3 records: handshake records message by message ({@link HandshakeFields}),
 * the compatibility change_cipher_spec, and each encrypted record opened by hand with the key log,
 * every step shown: the key and IV from the traffic secret (RFC 8446 §7.3), the nonce = IV XOR the
 * sequence number (§5.3), the header as additional data (§5.2), and the TLSInnerPlaintext with its
 * content-type byte and padding. The code repeats {@code Tls13RecordProtection.open} on purpose,
 * in the plain JCA calls a reader would type.
 *
 * @since chapter04
 */
public final class Tls13RecordLabels implements RecordLabels {
    /** The labels for chapter 4's connection. */
    public static final Tls13RecordLabels INSTANCE = new Tls13RecordLabels();

    private static final String PROTECTION = "chapter02-records/src/main/java/dev/tlsworkbook/record/protection/"
            + "Tls13RecordProtection.java";
    private static final String RECORD_LAYER = "chapter02-records/src/main/java/dev/tlsworkbook/record/RecordLayer.java";
    private static final String TRAFFIC = "chapter03-keyschedule/src/main/java/dev/tlsworkbook/keyschedule/TrafficSecret.java";

    private Tls13RecordLabels() {
    }

    @Override
    public Optional<List<Field>> body(IllustratedRecord record, IllustratedConnection connection) {
        byte[] r = record.bytes();
        return Optional.of(switch (record.type()) {
            case 22 -> HandshakeFields.messages(r, 5, record.length(), (t, b, o, l) -> Optional.empty());
            case 20 -> List.of(Field.of("change_cipher_spec", r, 5, record.length(), "01, and nothing else: TLS 1.3 has"
                    + " no use for it, but a middlebox that saw a TLS 1.2-looking handshake expects one before encrypted"
                    + " records; the peer drops it unread", "RFC 8446 §D.4", RECORD_LAYER));
            case 21 -> List.of(Field.of("level", r, 5, 1, "1 warning, 2 fatal", "RFC 8446 §6", RECORD_LAYER),
                    Field.of("description", r, 6, record.length() - 1, "what went wrong", "RFC 8446 §6", RECORD_LAYER));
            case 23 -> encrypted(record, connection);
            default -> List.of(Field.of("fragment", r, 5, record.length(), "the record's content", "RFC 8446 §5.1",
                    RECORD_LAYER));
        });
    }

    private static List<Field> encrypted(IllustratedRecord record, IllustratedConnection connection) {
        byte[] r = record.bytes();
        List<Field> fields = new ArrayList<>();
        fields.add(Field.of("encrypted_record", r, 5, record.length() - 16, "AEAD-Encrypt(key, nonce, additional_data ="
                + " the header, TLSInnerPlaintext): the content, its real type and padding, encrypted", "RFC 8446 §5.2",
                PROTECTION));
        fields.add(Field.of("tag", r, r.length - 16, 16, "the AEAD tag: any changed bit in the header, the"
                + " ciphertext or the tag fails the check (bad_record_mac)", "RFC 8446 §5.2", PROTECTION));
        opened(record, connection).ifPresent(fields::add);
        return fields;
    }

    /** The record opened by hand, if the key log holds the secret of its epoch. */
    public static Optional<Field> opened(IllustratedRecord record, IllustratedConnection connection) {
        Optional<SecretLabel> label = label(record);
        Optional<CipherSuite> suite = connection.suite();
        if (label.isEmpty() || suite.isEmpty() || suite.get().aead().isEmpty() || suite.get().hash().isEmpty()) {
            return Optional.empty();
        }
        SecretBytes secret = connection.secrets().get(label.get().keyLogName().orElseThrow());
        if (secret == null) {
            return Optional.empty();
        }
        AeadAlgorithm aead = suite.get().aead().get();
        TrafficKeys keys = TrafficSecret.of(label.get(), suite.get().hash().get(), secret).keys(aead);
        byte[] iv = keys.iv().bytes();
        byte[] sequence = new byte[8];
        for (int i = 0; i < 8; i++) {
            sequence[i] = (byte) (record.sequence() >>> (56 - 8 * i));
        }
        // RFC 8446 §5.3: the 64-bit sequence number, left-padded with zeros to iv_length, XORed with the IV.
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 8 + i] ^= sequence[i];
        }
        byte[] r = record.bytes();
        byte[] header = Arrays.copyOf(r, 5);
        byte[] inner;
        try {
            Cipher cipher = Cipher.getInstance(aead.transformation());
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.key().bytes(), aead.keyAlgorithm()),
                    aead.parameterSpec(nonce));
            cipher.updateAAD(header); // RFC 8446 §5.2: additional_data = the record header
            inner = cipher.doFinal(r, 5, r.length - 5);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("record " + record.number() + " does not open with " + label.get(), e);
        }
        // RFC 8446 §5.4: the content type is the last non-zero byte; zeros after it are padding.
        int type = inner.length - 1;
        while (type > 0 && inner[type] == 0) {
            type--;
        }
        String name = label.get().keyLogName().orElseThrow();
        List<Field> content = new ArrayList<>();
        if (type > 0) {
            content.addAll(switch (inner[type]) {
                case 22 -> HandshakeFields.messages(inner, 0, type, (t, b, o, l) -> Optional.empty());
                case 21 -> List.of(Field.of("alert", inner, 0, type, "level and description: "
                        + (inner[type - 1] == 0 ? "close_notify, the clean end of this direction" : "an alert"),
                        "RFC 8446 §6", RECORD_LAYER));
                default -> List.of(Field.of("content", inner, 0, type, "application data: \""
                        + HandshakeFields.printable(Arrays.copyOf(inner, type)) + "\"", "RFC 8446 §5.4", RECORD_LAYER));
            });
        }
        content.add(Field.of("type", inner, type, 1, String.format("%d, the real content type (%s)", inner[type],
                contentTypeName(inner[type])) + ": the outer header always says application_data", "RFC 8446 §5.4",
                PROTECTION));
        if (type + 1 < inner.length) {
            content.add(Field.of("zeros", inner, type + 1, inner.length - type - 1, "padding, to hide the length",
                    "RFC 8446 §5.4", PROTECTION));
        }
        List<Field> steps = List.of(
                Field.derived("key", keys.key().bytes(), "HKDF-Expand-Label(" + name + ", \"key\", \"\", "
                        + aead.keyLength() + ")", "RFC 8446 §7.3", TRAFFIC),
                Field.derived("iv", iv, "HKDF-Expand-Label(" + name + ", \"iv\", \"\", " + iv.length + ")",
                        "RFC 8446 §7.3", TRAFFIC),
                Field.derived("sequence number", sequence, "record " + record.sequence() + " under these keys (the"
                        + " first is 0; new keys start again at 0)", "RFC 8446 §5.3", PROTECTION),
                Field.derived("nonce", nonce, "iv XOR the sequence number left-padded to " + iv.length + " bytes",
                        "RFC 8446 §5.3", PROTECTION),
                Field.derived("additional_data", header, "the record header: opaque_type, legacy_record_version,"
                        + " length; changing it fails the tag", "RFC 8446 §5.2", PROTECTION),
                Field.derivedGroup("TLSInnerPlaintext", "AEAD-Decrypt(key, nonce, additional_data, encrypted_record"
                        + " and tag): content, then the real type, then zeros", "RFC 8446 §5.2", PROTECTION, content));
        return Optional.of(Field.derivedGroup("opened with " + name, "the record decrypted by hand from the key log's "
                + name, "RFC 8446 §5.2", PROTECTION, steps));
    }

    private static Optional<SecretLabel> label(IllustratedRecord record) {
        boolean c = record.fromClient();
        return switch (record.epoch()) {
            case "handshake" -> Optional.of(c ? SecretLabel.CLIENT_HANDSHAKE_TRAFFIC : SecretLabel.SERVER_HANDSHAKE_TRAFFIC);
            case "application" -> Optional.of(c ? SecretLabel.CLIENT_APPLICATION_TRAFFIC
                    : SecretLabel.SERVER_APPLICATION_TRAFFIC);
            default -> Optional.empty();
        };
    }

    private static String contentTypeName(int type) {
        return switch (type) {
            case 21 -> "alert";
            case 22 -> "handshake";
            case 23 -> "application_data";
            default -> "unknown";
        };
    }

}
