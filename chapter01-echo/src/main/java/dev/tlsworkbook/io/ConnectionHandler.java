package dev.tlsworkbook.io;

import java.io.IOException;

/**
 * What a server does with one connection, e.g. {@link EchoServer#echo(Transport)} or
 * {@link FramedEcho#serve(Transport)}. The server closes the transport after it returns.
 *
 * @since chapter01
 */
@FunctionalInterface
public interface ConnectionHandler {
    void serve(Transport transport) throws IOException;
}
