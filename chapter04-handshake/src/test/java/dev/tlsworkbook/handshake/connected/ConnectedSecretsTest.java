package dev.tlsworkbook.handshake.connected;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.HashAlgorithm;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeMessage;
import dev.tlsworkbook.handshake.message.KeyUpdate;
import dev.tlsworkbook.handshake.message.KeyUpdateRequest;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.keyschedule.DerivedSecret;
import dev.tlsworkbook.keyschedule.SecretLabel;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import dev.tlsworkbook.record.ChangeCipherSpecMode;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 8446 §7.2: after a KeyUpdate the previous application traffic secret is deleted, in both directions. */
class ConnectedSecretsTest {
    private static final CipherSuite SUITE = CipherSuite.TLS_AES_128_GCM_SHA256;

    @Test
    void theOldTrafficSecretsAreDestroyedAfterAKeyUpdate() {
        TrafficSecret read = secret(SecretLabel.SERVER_APPLICATION_TRAFFIC, 1);
        TrafficSecret write = secret(SecretLabel.CLIENT_APPLICATION_TRAFFIC, 2);
        Recording out = new Recording();
        Connected connected = new Connected(true, SUITE, read, write);
        connected.updateKeys(false, out);
        assertZeroed(write.secret());
        assertFalse(isZero(out.installed.get(0).secret()), "the new write secret is live");
        HandshakeFrame update = new KeyUpdate(KeyUpdateRequest.UPDATE_NOT_REQUESTED).frame();
        connected.handle(update, out);
        assertZeroed(read.secret());
        assertFalse(isZero(out.installed.get(1).secret()), "the new read secret is live");
    }

    private static TrafficSecret secret(SecretLabel label, int fill) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) fill);
        return TrafficSecret.of(label, HashAlgorithm.SHA256, SecretBytes.of(bytes));
    }

    private static void assertZeroed(SecretBytes secret) {
        assertArrayEquals(new byte[secret.length()], secret.bytes());
    }

    private static boolean isZero(SecretBytes secret) {
        return Arrays.equals(new byte[secret.length()], secret.bytes());
    }

    /** Records the secrets installed. */
    private static final class Recording implements HandshakeOutput {
        final List<TrafficSecret> installed = new ArrayList<>();

        @Override
        public Opaque send(HandshakeMessage message) {
            return message.frame().wireBytes();
        }

        @Override
        public void sendChangeCipherSpec() {
        }

        @Override
        public void installReadProtection(dev.tlsworkbook.record.protection.RecordProtection protection, CipherSuite suite,
                String epoch) {
            throw new AssertionError("TLS 1.3 installs keys, not a version's own protection");
        }

        @Override
        public void installWriteProtection(dev.tlsworkbook.record.protection.RecordProtection protection, CipherSuite suite,
                String epoch) {
            throw new AssertionError("TLS 1.3 installs keys, not a version's own protection");
        }

        @Override
        public void keyLog(String label, Opaque clientRandom, SecretBytes secret) {
        }

        @Override
        public void sendWarning(dev.tlsworkbook.alert.AlertDescription description) {
            throw new AssertionError("no warning expected: " + description);
        }

        @Override
        public void received(HandshakeMessage message, HandshakeFrame frame) {
        }

        @Override
        public void installReadKeys(CipherSuite suite, TrafficSecret secret, String epoch) {
            installed.add(secret);
        }

        @Override
        public void installWriteKeys(CipherSuite suite, TrafficSecret secret, String epoch) {
            installed.add(secret);
        }

        @Override
        public void keyLog(DerivedSecret secret, Opaque clientRandom) {
        }

        @Override
        public void changeCipherSpecMode(ChangeCipherSpecMode mode) {
        }

        @Override
        public void skipEarlyData(boolean skip) {
        }

        @Override
        public void serverName(String hostName) {
        }

        @Override
        public void acceptEarlyData(long maxEarlyDataSize) {
        }

        @Override
        public void dropEarlyWriteKeys() {
        }

        @Override
        public void handshakeComplete(HandshakeSummary summary, List<X509Certificate> peerCertificates) {
        }
    }
}
