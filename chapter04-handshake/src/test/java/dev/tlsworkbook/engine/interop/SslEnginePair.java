package dev.tlsworkbook.engine.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.engine.TlsEngine;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * Our engine and an {@link SSLEngine} (the JDK's or Bouncy Castle's) wired together in memory: a
 * handshake, one message each way and close_notify each way.
 */
public final class SslEnginePair {
    private SslEnginePair() {
    }

    public record Session(TlsEngine ours, SSLEngine jdk, HandshakeSummary summary) {
    }

    /** Handshake, one message each way, close_notify each way. */
    public static Session talk(TlsEngine ours, SSLEngine jdk) throws GeneralSecurityException, SSLException {
        jdk.beginHandshake();
        Pump pump = new Pump(ours, jdk);
        pump.run(null);
        assertTrue(ours.isHandshakeComplete(), "our engine finished its handshake");

        byte[] ping = "ping from the workbook".getBytes(StandardCharsets.UTF_8);
        ours.writePlaintext(ping, 0, ping.length);
        pump.run(null);
        assertEquals("ping from the workbook", pump.jdkReceived());

        pump.run("pong from the JDK");
        byte[] got = new byte[256];
        int n = ours.readPlaintext(got, 0, got.length);
        assertEquals("pong from the JDK", new String(got, 0, n, StandardCharsets.UTF_8));

        ours.closeOutbound();
        pump.run(null);
        assertTrue(jdk.isInboundDone(), "the JDK saw our close_notify");
        jdk.closeOutbound();
        pump.run(null);
        assertEquals(-1, ours.readPlaintext(got, 0, got.length), "we saw the JDK's close_notify");
        return new Session(ours, jdk, ours.summary().orElseThrow());
    }

    /** Moves records between the two engines until neither has anything to say. */
    private static final class Pump {
        private final TlsEngine ours;
        private final SSLEngine jdk;
        private final ByteBuffer toJdk = ByteBuffer.allocate(1 << 17);
        private final ByteBuffer toUs;
        private final ByteBuffer jdkPlaintext;

        Pump(TlsEngine ours, SSLEngine jdk) {
            this.ours = ours;
            this.jdk = jdk;
            this.toUs = ByteBuffer.allocate(jdk.getSession().getPacketBufferSize() * 4);
            this.jdkPlaintext = ByteBuffer.allocate(jdk.getSession().getApplicationBufferSize() * 4);
        }

        void run(String jdkSends) throws SSLException {
            ByteBuffer outgoing = ByteBuffer.wrap(jdkSends == null ? new byte[0] : jdkSends.getBytes(StandardCharsets.UTF_8));
            for (int round = 0; round < 50; round++) {
                boolean moved = false;
                while (ours.pendingOutput() > 0 && toJdk.hasRemaining()) {
                    int n = ours.takeOutput(toJdk.array(), toJdk.position(), toJdk.remaining());
                    toJdk.position(toJdk.position() + n);
                    moved = true;
                }
                toJdk.flip();
                while (toJdk.hasRemaining() && !jdk.isInboundDone()) {
                    SSLEngineResult r = jdk.unwrap(toJdk, jdkPlaintext);
                    runTasks();
                    if (r.getStatus() != SSLEngineResult.Status.OK && r.getStatus() != SSLEngineResult.Status.CLOSED) {
                        throw new IllegalStateException("SSLEngine unwrap: " + r);
                    }
                    if (r.bytesConsumed() == 0) {
                        break; // it wants to write first; the rest waits in toJdk
                    }
                    moved = true;
                }
                toJdk.compact();
                while (!jdk.isOutboundDone() || jdk.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                    toUs.clear();
                    SSLEngineResult r = jdk.wrap(outgoing, toUs);
                    runTasks();
                    if (r.bytesProduced() == 0) {
                        break;
                    }
                    ours.receive(toUs.array(), 0, toUs.position());
                    moved = true;
                }
                if (!moved) {
                    return;
                }
            }
            throw new IllegalStateException("the engines kept talking for 50 rounds");
        }

        String jdkReceived() {
            String text = new String(jdkPlaintext.array(), 0, jdkPlaintext.position(), StandardCharsets.UTF_8);
            jdkPlaintext.clear();
            return text;
        }

        private void runTasks() {
            Runnable task;
            while ((task = jdk.getDelegatedTask()) != null) {
                task.run();
            }
        }
    }
}
