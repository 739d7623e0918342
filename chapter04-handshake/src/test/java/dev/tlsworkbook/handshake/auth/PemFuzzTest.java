package dev.tlsworkbook.handshake.auth;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target for PEM loading (docs/fuzzing.md): certificates and private keys read from
 * arbitrary text, as {@link Pem#readCertificates} and {@link Pem#readPrivateKey} read files.
 * Configuration is not a TLS peer, so the refusal here is {@link PemException} (a message naming
 * the file and line), the counterpart of a {@code TlsException}; any other exception is a finding.
 * The seeds are the OpenSSL-made files in {@code pem/}. Corpus and crashers:
 * {@code src/test/resources/dev/tlsworkbook/handshake/auth/PemFuzzTestInputs/pem/}.
 */
class PemFuzzTest {

    @FuzzTest
    void pem(byte[] input) {
        String text = new String(input, StandardCharsets.US_ASCII);
        try {
            Pem.parseCertificates(text, "fuzz.pem");
        } catch (PemException refused) {
            // The file was refused with a reason: the expected outcome for most inputs.
        }
        try {
            Pem.parsePrivateKey(text, "fuzz.pem");
        } catch (PemException refused) {
            // As above.
        }
    }
}
