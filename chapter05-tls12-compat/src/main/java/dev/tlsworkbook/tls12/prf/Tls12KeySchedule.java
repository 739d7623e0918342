package dev.tlsworkbook.tls12.prf;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.HashAlgorithm;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import java.util.Arrays;

/**
 * The TLS 1.2 secrets of one connection, each from the PRF (RFC 5246 §5, §6.3, §7.4.9, §8.1;
 * RFC 7627 §4):
 *
 * <pre>
 * master_secret = PRF(pre_master_secret, "extended master secret", session_hash)[0..47]   (RFC 7627)
 *               = PRF(pre_master_secret, "master secret", client_random + server_random)[0..47]
 * key_block     = PRF(master_secret, "key expansion", server_random + client_random)
 *               = client_write_key, server_write_key, client_write_IV, server_write_IV  (AEAD: no MAC keys)
 * verify_data   = PRF(master_secret, "client finished" | "server finished", Hash(handshake_messages))[0..11]
 * </pre>
 *
 * @since chapter05
 */
public final class Tls12KeySchedule {
    /** RFC 5246 §8.1: "The master secret is always exactly 48 bytes in length." */
    public static final int MASTER_SECRET_LENGTH = 48;

    private final CipherSuite suite;
    private final HashAlgorithm hash;
    private final SecretBytes masterSecret;

    private Tls12KeySchedule(CipherSuite suite, SecretBytes masterSecret) {
        this.suite = suite;
        this.hash = suite.hash().orElseThrow();
        this.masterSecret = masterSecret;
    }

    /**
     * RFC 7627 §4: the extended master secret, bound to the hash of the handshake up to and
     * including ClientKeyExchange ({@code sessionHash}).
     */
    public static Tls12KeySchedule extended(CipherSuite suite, SecretBytes preMasterSecret, Opaque sessionHash) {
        return new Tls12KeySchedule(suite, Prf.compute(suite.hash().orElseThrow(), preMasterSecret,
                "extended master secret", sessionHash.bytes(), MASTER_SECRET_LENGTH));
    }

    /** RFC 5246 §8.1: the original master secret, bound only to the two randoms. */
    public static Tls12KeySchedule legacy(CipherSuite suite, SecretBytes preMasterSecret, Opaque clientRandom,
            Opaque serverRandom) {
        return new Tls12KeySchedule(suite, Prf.compute(suite.hash().orElseThrow(), preMasterSecret, "master secret",
                clientRandom.concat(serverRandom).bytes(), MASTER_SECRET_LENGTH));
    }

    /** A schedule from a known master secret (key-log checks, tests). */
    public static Tls12KeySchedule fromMasterSecret(CipherSuite suite, SecretBytes masterSecret) {
        return new Tls12KeySchedule(suite, masterSecret);
    }

    /** The master secret: the value of the key log's CLIENT_RANDOM line. */
    public SecretBytes masterSecret() {
        return masterSecret;
    }

    public CipherSuite suite() {
        return suite;
    }

    public HashAlgorithm hash() {
        return hash;
    }

    /**
     * RFC 5246 §6.3: the key block for an AEAD suite; the fixed IV is 4 bytes for AES-GCM
     * (RFC 5288 §3, the salt) and 12 bytes for ChaCha20-Poly1305 (RFC 7905 §2).
     */
    public Tls12KeyBlock keyBlock(Opaque clientRandom, Opaque serverRandom) {
        AeadAlgorithm aead = suite.aead().orElseThrow();
        int keyLength = aead.keyLength();
        int ivLength = fixedIvLength(aead);
        SecretBytes block = Prf.compute(hash, masterSecret, "key expansion", serverRandom.concat(clientRandom).bytes(),
                2 * keyLength + 2 * ivLength);
        byte[] b = block.bytes();
        try {
            int p = 0;
            SecretBytes clientKey = SecretBytes.of(Arrays.copyOfRange(b, p, p += keyLength));
            SecretBytes serverKey = SecretBytes.of(Arrays.copyOfRange(b, p, p += keyLength));
            Opaque clientIv = Opaque.of(Arrays.copyOfRange(b, p, p += ivLength));
            Opaque serverIv = Opaque.of(Arrays.copyOfRange(b, p, p + ivLength));
            return new Tls12KeyBlock(aead, clientKey, serverKey, clientIv, serverIv);
        } finally {
            Arrays.fill(b, (byte) 0);
            block.destroy();
        }
    }

    /** RFC 5246 §7.4.9: {@code verify_data} for the sender's Finished over {@code transcriptHash}. */
    public Opaque verifyData(boolean client, Opaque transcriptHash) {
        return Opaque.of(Prf.compute(hash, masterSecret, client ? "client finished" : "server finished",
                transcriptHash.bytes(), 12).bytes());
    }

    /** RFC 5288 §3: GCM's salt is 4 bytes; RFC 7905 §2: ChaCha20-Poly1305's IV is 12. */
    public static int fixedIvLength(AeadAlgorithm aead) {
        return switch (aead) {
            case AES_128_GCM, AES_256_GCM -> 4;
            case CHACHA20_POLY1305 -> 12;
        };
    }

    @Override
    public String toString() {
        return "Tls12KeySchedule{" + suite + ", master_secret=[redacted]}";
    }
}
