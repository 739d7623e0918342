package dev.tlsworkbook.handshake.server;

import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.handshake.message.EndOfEarlyData;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.keyschedule.TrafficSecret;

/**
 * Server, WAIT_EOED (RFC 8446 Appendix A.2): 0-RTT was accepted, so the client's early data is read
 * under client_early_traffic_secret until its EndOfEarlyData (§4.5), which ends the early data and
 * goes into the transcript; then the client's handshake keys take over.
 *
 * @since chapter04
 */
public final class ExpectEndOfEarlyData implements HandshakeState {
    private final CipherSuite suite;
    private final TrafficSecret clientHandshakeSecret;
    private final ExpectFinished next;

    ExpectEndOfEarlyData(CipherSuite suite, TrafficSecret clientHandshakeSecret, ExpectFinished next) {
        this.suite = suite;
        this.clientHandshakeSecret = clientHandshakeSecret;
        this.next = next;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        Expect.message(frame, HandshakeType.END_OF_EARLY_DATA, name(), EndOfEarlyData::decode, out);
        // RFC 8446 §4.5: "... the server ... MUST ... switch to the client's handshake traffic keys" after it.
        out.installReadKeys(suite, clientHandshakeSecret, "handshake");
        return next.afterEndOfEarlyData(frame.wireBytes());
    }
}
