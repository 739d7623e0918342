package dev.tlsworkbook.tls12.demo;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.engine.demo.DerWalker;
import dev.tlsworkbook.engine.demo.Field;
import dev.tlsworkbook.engine.demo.HandshakeFields;
import dev.tlsworkbook.engine.demo.IllustratedConnection;
import dev.tlsworkbook.engine.demo.IllustratedRecord;
import dev.tlsworkbook.engine.demo.RecordLabels;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import dev.tlsworkbook.tls12.prf.Tls12KeyBlock;
import dev.tlsworkbook.tls12.prf.Tls12KeySchedule;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The labels of a TLS 1.2 connection's records, added to chapter 4's illustrated page through
 * {@link RecordLabels}: the TLS 1.2 ServerHello with its downgrade sentinel, the Certificate of
 * TLS 1.2 (no per-certificate extensions), ServerKeyExchange, ClientKeyExchange, the real
 * ChangeCipherSpec, and each protected record with its explicit nonce (RFC 5288 §3), opened by
 * hand with the key log's master secret: the key block (RFC 5246 §6.3), the nonce = salt ||
 * explicit nonce, the additional data = sequence number || type || version || length
 * (RFC 5246 §6.2.3.3), and the Finished or data inside. Everything else (the ClientHello, the DER
 * of the certificate) is chapter 4's.
 *
 * @since chapter05
 */
public final class Tls12RecordLabels implements RecordLabels {
    /** The labels for chapter 5's TLS 1.2 connection. */
    public static final Tls12RecordLabels INSTANCE = new Tls12RecordLabels();

    private static final String CH05 = "chapter05-tls12-compat/src/main/java/dev/tlsworkbook/";
    private static final String PROTECTION = CH05 + "tls12/record/Tls12AeadProtection.java";
    private static final String SCHEDULE = CH05 + "tls12/prf/Tls12KeySchedule.java";
    private static final int EXPLICIT_NONCE = 8;
    private static final int TAG = 16;

    private Tls12RecordLabels() {
    }

    @Override
    public Optional<List<Field>> body(IllustratedRecord record, IllustratedConnection connection) {
        byte[] r = record.bytes();
        if (record.type() == 20) {
            return Optional.of(List.of(Field.of("change_cipher_spec", r, 5, record.length(), "01: from the next record"
                    + " on, everything this side sends is protected with the new keys. In TLS 1.2 it is real, not the"
                    + " TLS 1.3 compatibility gesture", "RFC 5246 §7.1", CH05 + "tls12/connected/ExpectChangeCipherSpec.java")));
        }
        if (connection.afterChangeCipherSpec(record)) {
            return Optional.of(protectedRecord(record, connection));
        }
        if (record.type() == 22) {
            return Optional.of(HandshakeFields.messages(r, 5, record.length(), Tls12RecordLabels::message));
        }
        return Optional.empty();
    }

    /** The TLS 1.2 message bodies; the ClientHello (the same in both versions) stays chapter 4's. */
    static Optional<List<Field>> message(int type, byte[] b, int off, int len) {
        return switch (type) {
            case 2 -> Optional.of(HandshakeFields.serverHello(b, off, len, true));
            case 4 -> Optional.of(newSessionTicket(b, off, len));
            case 11 -> Optional.of(certificate(b, off, len));
            case 12 -> Optional.of(serverKeyExchange(b, off, len));
            case 16 -> Optional.of(clientKeyExchange(b, off, len));
            case 20 -> Optional.of(List.of(Field.of("verify_data", b, off, len, "PRF(master_secret, \"client finished\""
                    + " or \"server finished\", Hash(handshake_messages)), 12 bytes: proves both sides saw the same"
                    + " handshake and hold the same master secret", "RFC 5246 §7.4.9", CH05 + "tls12/message/Tls12Finished.java")));
            default -> Optional.empty();
        };
    }

    /** RFC 5246 §7.4.2: certificate_list&lt;0..2^24-1&gt; of ASN.1Cert&lt;1..2^24-1&gt;. */
    private static List<Field> certificate(byte[] b, int off, int len) {
        String s = "RFC 5246 §7.4.2";
        String code = CH05 + "tls12/message/Tls12Certificate.java";
        List<Field> entries = new ArrayList<>();
        int total = HandshakeFields.u24(b, off);
        entries.add(Field.of("length", b, off, 3, total + " bytes of certificates", s, code));
        for (int p = off + 3; p + 3 <= off + 3 + total;) {
            int n = HandshakeFields.u24(b, p);
            entries.add(Field.group("ASN.1Cert", entries.size() == 1 ? "the server's own certificate comes first"
                    : "a certificate of the chain", s, code, List.of(
                            Field.of("length", b, p, 3, n + " bytes of DER (no per-certificate extensions in TLS 1.2)",
                                    s, code),
                            DerWalker.certificate(Arrays.copyOfRange(b, p + 3, p + 3 + n)))));
            p += 3 + n;
        }
        return List.of(Field.group("certificate_list", "the chain, leaf first", s, code, entries));
    }

    /** RFC 8422 §5.4: ServerECDHParams, then the signature over both randoms and the params. */
    private static List<Field> serverKeyExchange(byte[] b, int off, int len) {
        String s = "RFC 8422 §5.4";
        String code = CH05 + "tls12/message/ServerKeyExchange.java";
        int point = b[off + 3] & 0xff;
        int p = off + 4 + point;
        int sigLength = HandshakeFields.u16(b, p + 2);
        return List.of(
                Field.group("params", "ServerECDHParams: the server's ephemeral key, sent before the client's arrives,"
                        + " unlike TLS 1.3's key_share", s, code, List.of(
                                Field.of("curve_type", b, off, 1, "3, named_curve", s, code),
                                Field.of("namedcurve", b, off + 1, 2, HandshakeFields.group(HandshakeFields.u16(b, off + 1))
                                        + ": the curve chosen from the client's supported_groups", s, code),
                                Field.of("public length", b, off + 3, 1, point + " bytes", s, code),
                                Field.of("public", b, off + 4, point, "the server's ephemeral public key (X25519: 32"
                                        + " bytes; P-256: 04 || x || y)", s, code))),
                Field.group("signed_params", "DigitallySigned: proves the holder of the certificate's key chose these"
                        + " params for this connection", "RFC 5246 §7.4.3", code, List.of(
                                Field.of("algorithm", b, p, 2, "SignatureAndHashAlgorithm: hash and signature, one the"
                                        + " client offered in signature_algorithms", "RFC 5246 §7.4.1.4.1", code),
                                Field.of("length", b, p + 2, 2, sigLength + " bytes", "RFC 5246 §7.4.3", code),
                                Field.of("signature", b, p + 4, sigLength, "over client_random + server_random + params;"
                                        + " with --seed ECDSA takes k from RFC 6979, so it repeats", "RFC 8422 §5.4",
                                        CH05 + "negotiation/Tls12Signatures.java"))));
    }

    /** RFC 5077 §3.3: the TLS 1.2 NewSessionTicket, lifetime hint and opaque ticket. */
    private static List<Field> newSessionTicket(byte[] b, int off, int len) {
        String s = "RFC 5077 §3.3";
        String code = CH05 + "tls12/message/Tls12NewSessionTicket.java";
        long hint = (long) HandshakeFields.u16(b, off) << 16 | HandshakeFields.u16(b, off + 2);
        int n = HandshakeFields.u16(b, off + 4);
        return List.of(Field.of("ticket_lifetime_hint", b, off, 4, hint + " seconds the client may keep the ticket", s, code),
                Field.of("length", b, off + 4, 2, n + " bytes", s, code),
                Field.of("ticket", b, off + 6, n, "the session (suite, master secret, EMS, server_name, time) sealed"
                        + " with AES-256-GCM under the server's rotating ticket key, the same sealer as TLS 1.3 tickets;"
                        + " only this server can open it", "RFC 5077 §4", "chapter04-handshake/src/main/java/dev/tlsworkbook/session/TicketSealer.java"));
    }

    /** RFC 8422 §5.7: ClientECDiffieHellmanPublic. */
    private static List<Field> clientKeyExchange(byte[] b, int off, int len) {
        String s = "RFC 8422 §5.7";
        String code = CH05 + "tls12/message/ClientKeyExchange.java";
        int n = b[off] & 0xff;
        return List.of(Field.of("ecdh_Yc length", b, off, 1, n + " bytes", s, code),
                Field.of("ecdh_Yc", b, off + 1, n, "the client's ephemeral public key on the server's curve: with the"
                        + " server's private key it gives the pre-master secret", s, code));
    }

    /** A record after its sender's ChangeCipherSpec: explicit nonce, ciphertext, tag, then opened by hand. */
    private static List<Field> protectedRecord(IllustratedRecord record, IllustratedConnection connection) {
        byte[] r = record.bytes();
        AeadAlgorithm aead = connection.suite().flatMap(CipherSuite::aead).orElseThrow();
        boolean explicit = Tls12KeySchedule.fixedIvLength(aead) == 4;
        List<Field> fields = new ArrayList<>();
        int p = 5;
        if (explicit) {
            fields.add(Field.of("nonce_explicit", r, p, EXPLICIT_NONCE, "8 bytes sent in the clear: the second half of"
                    + " the GCM nonce. We send the sequence number, as Go and OpenSSL do, so it never repeats under one"
                    + " key", "RFC 5288 §3", PROTECTION));
            p += EXPLICIT_NONCE;
        }
        fields.add(Field.of("ciphertext", r, p, r.length - p - TAG, "the content, encrypted; unlike TLS 1.3 the type"
                + " stays in the header, in the clear", "RFC 5246 §6.2.3.3", PROTECTION));
        fields.add(Field.of("tag", r, r.length - TAG, TAG, "the AEAD tag over the ciphertext and the additional data",
                "RFC 5246 §6.2.3.3", PROTECTION));
        opened(record, connection, aead, explicit).ifPresent(fields::add);
        return fields;
    }

    private static Optional<Field> opened(IllustratedRecord record, IllustratedConnection connection, AeadAlgorithm aead,
            boolean explicit) {
        SecretBytes master = connection.secrets().get("CLIENT_RANDOM");
        Optional<byte[]> clientRandom = random(connection, true);
        Optional<byte[]> serverRandom = random(connection, false);
        if (master == null || clientRandom.isEmpty() || serverRandom.isEmpty()) {
            return Optional.empty();
        }
        Tls12KeyBlock block = Tls12KeySchedule.fromMasterSecret(connection.suite().orElseThrow(), master)
                .keyBlock(Opaque.of(clientRandom.get()), Opaque.of(serverRandom.get()));
        boolean c = record.fromClient();
        byte[] key = (c ? block.clientWriteKey() : block.serverWriteKey()).bytes();
        byte[] iv = (c ? block.clientWriteIv() : block.serverWriteIv()).bytes();
        // RFC 5246 §6.1: the sequence number starts at 0 with the keys the ChangeCipherSpec turned on.
        long seq = connection.records().stream().filter(o -> o.fromClient() == c && o.number() < record.number()
                && connection.afterChangeCipherSpec(o)).count();
        byte[] sequence = new byte[8];
        for (int i = 0; i < 8; i++) {
            sequence[i] = (byte) (seq >>> (56 - 8 * i));
        }
        byte[] r = record.bytes();
        byte[] nonce;
        int start;
        if (explicit) {
            // RFC 5288 §3: nonce = salt (the 4-byte client/server_write_IV) || nonce_explicit
            nonce = new byte[12];
            System.arraycopy(iv, 0, nonce, 0, 4);
            System.arraycopy(r, 5, nonce, 4, EXPLICIT_NONCE);
            start = 5 + EXPLICIT_NONCE;
        } else {
            // RFC 7905 §2: the 12-byte IV XOR the sequence number, left-padded
            nonce = iv.clone();
            for (int i = 0; i < 8; i++) {
                nonce[4 + i] ^= sequence[i];
            }
            start = 5;
        }
        int plaintextLength = r.length - start - TAG;
        // RFC 5246 §6.2.3.3: additional_data = seq_num + TLSCompressed.type + TLSCompressed.version + TLSCompressed.length
        byte[] aad = new byte[13];
        System.arraycopy(sequence, 0, aad, 0, 8);
        aad[8] = r[0];
        aad[9] = r[1];
        aad[10] = r[2];
        aad[11] = (byte) (plaintextLength >>> 8);
        aad[12] = (byte) plaintextLength;
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance(aead.transformation());
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, aead.keyAlgorithm()), aead.parameterSpec(nonce));
            cipher.updateAAD(aad);
            plain = cipher.doFinal(r, start, r.length - start);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("record " + record.number() + " does not open with the key block", e);
        }
        List<Field> content = switch (record.type()) {
            case 22 -> HandshakeFields.messages(plain, 0, plain.length, Tls12RecordLabels::message);
            case 21 -> List.of(Field.of("alert", plain, 0, plain.length, plain.length == 2 && plain[1] == 0
                    ? "warning close_notify: the clean end of this direction" : "level and description", "RFC 5246 §7.2",
                    PROTECTION));
            default -> List.of(Field.of("content", plain, 0, plain.length, "application data: \"" + HandshakeFields.printable(plain)
                    + "\"", "RFC 5246 §6.2.3.3", PROTECTION));
        };
        String side = c ? "client" : "server";
        List<Field> steps = List.of(
                Field.derived(side + "_write_key", key, "from the key block: PRF(master_secret, \"key expansion\","
                        + " server_random + client_random), cut into client and server keys and IVs", "RFC 5246 §6.3",
                        SCHEDULE),
                Field.derived(side + "_write_IV", iv, explicit ? "4 bytes from the key block: the salt, the nonce's"
                        + " fixed half" : "12 bytes from the key block", explicit ? "RFC 5288 §3" : "RFC 7905 §2", SCHEDULE),
                Field.derived("nonce", nonce, explicit ? "salt || nonce_explicit" : "IV XOR the sequence number",
                        explicit ? "RFC 5288 §3" : "RFC 7905 §2", PROTECTION),
                Field.derived("additional_data", aad, "seq_num (" + seq + ") || type || version || plaintext length ("
                        + plaintextLength + ")", "RFC 5246 §6.2.3.3", PROTECTION),
                Field.derivedGroup("plaintext", "AEAD-Decrypt(key, nonce, additional_data, ciphertext and tag)",
                        "RFC 5246 §6.2.3.3", PROTECTION, content));
        return Optional.of(Field.derivedGroup("opened with the master secret", "the record decrypted by hand from the"
                + " key log's CLIENT_RANDOM line (the master secret)", "RFC 5246 §6.3", SCHEDULE, steps));
    }

    /** The random of the first hello of one side: bytes 11..42 of its first handshake record. */
    private static Optional<byte[]> random(IllustratedConnection connection, boolean client) {
        return connection.records().stream().filter(r -> r.fromClient() == client && r.type() == 22).findFirst()
                .map(r -> Arrays.copyOfRange(r.bytes(), 11, 43));
    }
}
