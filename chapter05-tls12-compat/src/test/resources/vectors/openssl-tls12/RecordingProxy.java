import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Relays one TCP connection from a TLS client to a TLS server on loopback and writes every TLS
 * record it passes, whole, as one line "client HEX" or "server HEX" in the order the records
 * completed. Run as a single-file program: {@code java RecordingProxy.java UPSTREAM_PORT OUT_FILE};
 * it prints "PROXY <port>" once it listens.
 */
public class RecordingProxy {
    public static void main(String[] args) throws Exception {
        int upstream = Integer.parseInt(args[0]);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[1])))) {
            System.out.println("PROXY " + listener.getLocalPort());
            System.out.flush();
            try (Socket client = listener.accept();
                 Socket server = new Socket(InetAddress.getLoopbackAddress(), upstream)) {
                Thread up = new Thread(() -> relay("client", client, server, out));
                Thread down = new Thread(() -> relay("server", server, client, out));
                up.start();
                down.start();
                up.join();
                down.join();
            }
        }
    }

    /**
     * Copies bytes from one socket to the other, logging each complete record (5-byte header +
     * body) before it is forwarded, so the file's order is the order in which the peers saw them.
     */
    private static void relay(String sender, Socket from, Socket to, PrintWriter log) {
        byte[] pending = new byte[0];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] chunk = new byte[65536];
            int n;
            while ((n = in.read(chunk)) != -1) {
                byte[] joined = Arrays.copyOf(pending, pending.length + n);
                System.arraycopy(chunk, 0, joined, pending.length, n);
                int pos = 0;
                while (joined.length - pos >= 5) {
                    int length = ((joined[pos + 3] & 0xff) << 8) | (joined[pos + 4] & 0xff);
                    if (joined.length - pos < 5 + length) {
                        break;
                    }
                    synchronized (log) {
                        log.println(sender + " " + HexFormat.of().formatHex(joined, pos, pos + 5 + length));
                        log.flush();
                    }
                    pos += 5 + length;
                }
                pending = Arrays.copyOfRange(joined, pos, joined.length);
                out.write(chunk, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(sender + " stream failed", e);
        }
        if (pending.length > 0) {
            throw new IllegalStateException(sender + " left " + pending.length + " bytes of a partial record");
        }
    }
}
