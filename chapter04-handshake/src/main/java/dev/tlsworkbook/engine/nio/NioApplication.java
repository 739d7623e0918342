package dev.tlsworkbook.engine.nio;

import dev.tlsworkbook.alert.TlsException;

/**
 * What a {@link NioTlsServer} serves: for each connection whose handshake completed, a
 * {@link Receiver} of its plaintext. Called on a selector thread, so it must not block: it answers
 * by {@link NioSession#write queueing} data, never by waiting for the network.
 *
 * @since chapter04
 */
@FunctionalInterface
public interface NioApplication {
    /** The handshake of {@code session} completed; returns what receives its data. */
    Receiver connected(NioSession session);

    /** One connection's plaintext, in order. */
    interface Receiver {
        /** Application data arrived; the array is reused after the call returns. */
        void received(byte[] data, int off, int len);

        /**
         * The peer's close_notify arrived after everything it sent (RFC 8446 §6.1): a clean end.
         * The server closes the connection after this returns, sending what was queued first.
         */
        default void endOfInput() {
        }

        /**
         * The connection ended in error instead: a fatal alert, a local violation, or the
         * transport closing without close_notify ({@code Violation.TRUNCATION}), which is never
         * reported as {@link #endOfInput()}.
         */
        default void failed(TlsException e) {
        }
    }

    /** The byte echo: what arrives goes back; after the client's close_notify, ours. */
    static NioApplication echo() {
        return session -> new Receiver() {
            @Override
            public void received(byte[] data, int off, int len) {
                session.write(data, off, len);
            }

            @Override
            public void endOfInput() {
                session.close();
            }
        };
    }
}
