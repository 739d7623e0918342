package dev.tlsworkbook.tls12.connected;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeMessage;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.keyschedule.DerivedSecret;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import dev.tlsworkbook.record.ChangeCipherSpecMode;
import dev.tlsworkbook.record.protection.RecordProtection;
import dev.tlsworkbook.tls12.message.HelloRequest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Renegotiation is refused, never performed (RFC 5746 §4.2, §4.4): the connected TLS 1.2 state alone. */
class Tls12ConnectedTest {

    @Test
    void aServerAnswersASecondClientHelloWithNoRenegotiation() {
        Recording out = new Recording();
        Tls12Connected server = new Tls12Connected(false);
        HandshakeState next = server.handle(HandshakeFrame.of(HandshakeType.CLIENT_HELLO.code(), Opaque.of(new byte[] {3, 3})), out);
        assertSame(server, next);
        assertEquals(List.of(AlertDescription.NO_RENEGOTIATION_RESERVED), out.warnings);
    }

    @Test
    void aClientAnswersAHelloRequestWithNoRenegotiation() {
        Recording out = new Recording();
        Tls12Connected client = new Tls12Connected(true);
        assertSame(client, client.handle(new HelloRequest().frame(), out));
        assertEquals(List.of(AlertDescription.NO_RENEGOTIATION_RESERVED), out.warnings);
    }

    @Test
    void anyOtherHandshakeMessageIsUnexpected() {
        TlsException e = assertThrows(TlsException.class, () -> new Tls12Connected(true)
                .handle(HandshakeFrame.of(HandshakeType.CERTIFICATE.code(), Opaque.of(new byte[3])), new Recording()));
        assertEquals(Violation.UNEXPECTED_MESSAGE, e.violation().orElseThrow());
    }

    @Test
    void aChangeCipherSpecAfterTheHandshakeIsUnexpected() {
        TlsException e = assertThrows(TlsException.class, () -> new Tls12Connected(false).onChangeCipherSpec(new Recording()));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
    }

    /** Records the warnings a state sends; nothing else is expected of it here. */
    static final class Recording implements HandshakeOutput {
        final List<AlertDescription> warnings = new ArrayList<>();

        @Override
        public Opaque send(HandshakeMessage message) {
            throw new AssertionError("no message expected: " + message);
        }

        @Override
        public void sendChangeCipherSpec() {
            throw new AssertionError("no change_cipher_spec expected");
        }

        @Override
        public void received(HandshakeMessage message, HandshakeFrame frame) {
        }

        @Override
        public void installReadKeys(CipherSuite suite, TrafficSecret secret, String epoch) {
            throw new AssertionError("no keys expected");
        }

        @Override
        public void installWriteKeys(CipherSuite suite, TrafficSecret secret, String epoch) {
            throw new AssertionError("no keys expected");
        }

        @Override
        public void installReadProtection(RecordProtection protection, CipherSuite suite, String epoch) {
            throw new AssertionError("no keys expected");
        }

        @Override
        public void installWriteProtection(RecordProtection protection, CipherSuite suite, String epoch) {
            throw new AssertionError("no keys expected");
        }

        @Override
        public void keyLog(String label, Opaque clientRandom, SecretBytes secret) {
        }

        @Override
        public void sendWarning(AlertDescription description) {
            warnings.add(description);
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
            throw new AssertionError("TLS 1.2 has no early data");
        }

        @Override
        public void dropEarlyWriteKeys() {
            throw new AssertionError("TLS 1.2 has no early data");
        }

        @Override
        public void handshakeComplete(HandshakeSummary summary, List<X509Certificate> peerCertificates) {
            throw new AssertionError("no handshake expected");
        }
    }
}
