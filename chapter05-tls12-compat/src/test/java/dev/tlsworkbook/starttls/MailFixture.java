package dev.tlsworkbook.starttls;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.TestPki;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A throwaway CA, a mail server certificate for {@code mx.example.test} (also naming localhost
 * and 127.0.0.1, so real clients on loopback can verify it), and a running {@link MailServer}
 * with every listener, delivering for {@code example.test}.
 */
final class MailFixture implements AutoCloseable {
    static final String DOMAIN = "example.test";
    static final Clock CLOCK = Clock.systemUTC();
    static final SecureRandom RANDOM = new SecureRandom();
    static final TestPki PKI = TestPki.create(CLOCK, RANDOM);
    static final CertifiedKey MX = PKI.issue("CN=mx.example.test", KeyKind.EC_P256,
            List.of("mx.example.test", "localhost"), List.of("127.0.0.1"));

    final List<String> log = new CopyOnWriteArrayList<>();
    final MailStore store;
    final MailServer server;

    MailFixture(Path maildir, boolean tls, boolean requireTls, Set<String> relayFingerprints) throws IOException {
        this(maildir, tls ? Optional.of(MX) : Optional.empty(), requireTls, relayFingerprints);
    }

    MailFixture(Path maildir, Optional<CertifiedKey> certificate, boolean requireTls, Set<String> relayFingerprints)
            throws IOException {
        store = new MailStore(maildir);
        Optional<TlsConfig> tlsConfig = certificate.map(c -> StartTls.mailTls().certificates(c).clock(CLOCK)
                .random(RANDOM).build());
        MailServerConfig config = new MailServerConfig("mx.example.test", Set.of(DOMAIN), tlsConfig,
                certificate.map(c -> c.chain().publicKey()), requireTls, relayFingerprints,
                Map.of("alice", "secret"), store, log::add, CLOCK);
        Map<MailServer.Protocol, InetSocketAddress> listeners = new EnumMap<>(MailServer.Protocol.class);
        for (MailServer.Protocol p : MailServer.Protocol.values()) {
            if (p != MailServer.Protocol.IMAPS || certificate.isPresent()) {
                listeners.put(p, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            }
        }
        server = MailServer.start(config, listeners);
    }

    int port(MailServer.Protocol protocol) {
        return server.port(protocol);
    }

    static X509Certificate ca() {
        return PKI.caCertificate();
    }

    /** A client at {@code level} trusting the fixture's CA, logging into {@code clientLog}. */
    static SmtpClientConfig client(SecurityLevel level, Set<String> fingerprints, List<String> clientLog) {
        return SmtpClientConfig.of(level, List.of(ca()), fingerprints, clientLog::add);
    }

    static byte[] message(String subject) {
        return ("From: bob@client.test\r\nTo: alice@example.test\r\nSubject: " + subject
                + "\r\n\r\nHello over STARTTLS.\r\n.leading dot survives\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        server.close();
    }
}
