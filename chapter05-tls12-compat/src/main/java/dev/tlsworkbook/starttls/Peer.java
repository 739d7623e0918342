package dev.tlsworkbook.starttls;

import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The other end of a mail connection as logs name it: {@code host[address]}. The host is the
 * address itself: the server never resolves a peer's name (a DNS lookup per connection is work a
 * stranger can make us do, and the name proves nothing).
 *
 * @since chapter05
 */
public record Peer(String host, String address) {

    /** The remote end of an accepted socket. */
    public static Peer of(Socket socket) {
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        String address = remote.getAddress().getHostAddress();
        return new Peer(remote.getAddress().isLoopbackAddress() ? "localhost" : address, address);
    }

    @Override
    public String toString() {
        return host + "[" + address + "]";
    }
}
