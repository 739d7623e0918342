import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.crypto.X25519KeyExchange;
import dev.tlsworkbook.engine.TlsClient;
import dev.tlsworkbook.engine.TlsConnection;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import dev.tlsworkbook.tls12.Tls12;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Our TLS 1.2 client with a known X25519 private key, so that the pre-master secret of the
 * recorded connection can be recomputed: {@code java -cp <classes> OurClient.java PORT PRIVATE_KEY_HEX}.
 * Sends one line, prints the reply, closes with close_notify.
 */
public class OurClient {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        SecretBytes privateKey = SecretBytes.of(HexFormat.of().parseHex(args[1]));
        TlsConfig config = TlsConfig.builder().versions(Tls12.support())
                .cipherSuites(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)
                .groups(NamedGroup.X25519, NamedGroup.SECP256R1)
                .trustPolicy(TrustPolicy.opportunistic())
                .keyExchangeFactory((group, random) -> X25519KeyExchange.fromPrivateKey(privateKey))
                .build();
        try (TlsConnection connection = TlsClient.connect("localhost", port, config)) {
            System.out.println(connection.summary());
            connection.outputStream().write("hello over tls 1.2\n".getBytes(StandardCharsets.US_ASCII));
            connection.outputStream().flush();
            InputStream in = connection.inputStream();
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                line.append((char) b);
            }
            System.out.println(line);
            connection.outputStream().close();
        }
    }
}
