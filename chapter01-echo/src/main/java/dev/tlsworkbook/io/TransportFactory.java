package dev.tlsworkbook.io;

import java.io.IOException;
import java.net.Socket;

/**
 * Turns an accepted socket into the {@link Transport} a server speaks over. Chapter 1 uses
 * {@link #PLAIN}; a later chapter passes one that runs the record layer or a TLS handshake over
 * the socket, and the same {@link EchoServer} serves it unchanged. Called on the connection's
 * worker thread, so a slow handshake never holds up accepting other clients.
 *
 * @since chapter01
 */
@FunctionalInterface
public interface TransportFactory {
    /** Plain TCP: {@link SocketTransport}. */
    TransportFactory PLAIN = SocketTransport::new;

    /** Wraps {@code socket}; on failure the caller closes the socket. */
    Transport open(Socket socket) throws IOException;
}
