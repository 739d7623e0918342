package dev.tlsworkbook.bench;

import dev.tlsworkbook.record.protection.AeadAlgorithm;
import dev.tlsworkbook.record.protection.TrafficKeys;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ceiling: {@code javax.crypto} doing the same AEAD as a TLS 1.3 record (same key sizes, a
 * fresh nonce per record, the 5-byte header as AAD) with nothing around it. Two call forms:
 * byte arrays in and a separate array out, and one heap {@code ByteBuffer} encrypted and
 * decrypted in place.
 *
 * @since bench
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RawAeadBenchmark {
    private static final int TAG = 16;

    @Param({"AES_128_GCM", "AES_256_GCM", "CHACHA20_POLY1305"})
    public AeadAlgorithm aead;

    @Param({"64", "1024", "16384"})
    public int size;

    private Cipher encryptor;
    private Cipher decryptor;
    private SecretKeySpec key;
    private byte[] iv;
    private final byte[] nonce = new byte[12];
    private final byte[] aad = {23, 3, 3, 0, 0};
    private long counter;

    private byte[] plaintext;
    private byte[] ciphertext;
    private byte[] decrypted;
    private ByteBuffer inPlace;

    @Setup
    public void setUp() throws GeneralSecurityException {
        TrafficKeys keys = BenchKeys.keys(aead, 0);
        key = new SecretKeySpec(keys.key().bytes(), aead.keyAlgorithm());
        iv = keys.iv().bytes();
        encryptor = Cipher.getInstance(aead.transformation());
        decryptor = Cipher.getInstance(aead.transformation());
        plaintext = BenchKeys.plaintext(size);
        ciphertext = new byte[size + TAG];
        decrypted = new byte[size + TAG];
        inPlace = ByteBuffer.allocate(size + TAG);
        inPlace.put(plaintext);
        int length = size + TAG;
        aad[3] = (byte) (length >>> 8);
        aad[4] = (byte) length;
    }

    /** Encrypt one record: arrays in, separate array out. */
    @Benchmark
    public int arraySeal(PlaintextBytes bytes) throws GeneralSecurityException {
        AlgorithmParameterSpec spec = nextNonce();
        encryptor.init(Cipher.ENCRYPT_MODE, key, spec);
        encryptor.updateAAD(aad);
        bytes.add(size);
        return encryptor.doFinal(plaintext, 0, size, ciphertext, 0);
    }

    /** Encrypt then decrypt one record: arrays in, separate arrays out. */
    @Benchmark
    public int arraySealOpen(PlaintextBytes bytes) throws GeneralSecurityException {
        AlgorithmParameterSpec spec = nextNonce();
        encryptor.init(Cipher.ENCRYPT_MODE, key, spec);
        encryptor.updateAAD(aad);
        int n = encryptor.doFinal(plaintext, 0, size, ciphertext, 0);
        decryptor.init(Cipher.DECRYPT_MODE, key, spec);
        decryptor.updateAAD(aad);
        bytes.add(size);
        return decryptor.doFinal(ciphertext, 0, n, decrypted, 0);
    }

    /** Encrypt then decrypt one record in place in one heap ByteBuffer. */
    @Benchmark
    public int bufferSealOpen(PlaintextBytes bytes) throws GeneralSecurityException {
        AlgorithmParameterSpec spec = nextNonce();
        // Decrypting in place restores the plaintext, so the buffer starts every call the same.
        inPlace.clear().limit(size);
        encryptor.init(Cipher.ENCRYPT_MODE, key, spec);
        encryptor.updateAAD(aad);
        ByteBuffer out = inPlace.duplicate().clear();
        int n = encryptor.doFinal(inPlace, out);
        inPlace.clear().limit(n);
        out.clear();
        decryptor.init(Cipher.DECRYPT_MODE, key, spec);
        decryptor.updateAAD(aad);
        bytes.add(size);
        return decryptor.doFinal(inPlace, out);
    }

    /** RFC 8446 §5.3's construction: the IV XOR a counter, so no nonce repeats under a key. */
    private AlgorithmParameterSpec nextNonce() {
        long seq = counter++;
        System.arraycopy(iv, 0, nonce, 0, 12);
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] ^= (byte) (seq >>> (8 * i));
        }
        return aead == AeadAlgorithm.CHACHA20_POLY1305
                ? new IvParameterSpec(nonce)
                : new GCMParameterSpec(TAG * 8, nonce);
    }
}
