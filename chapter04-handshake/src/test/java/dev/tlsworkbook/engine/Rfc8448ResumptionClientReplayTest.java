package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.HashAlgorithm;
import dev.tlsworkbook.crypto.KeyExchanges;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.CertificateChain;
import dev.tlsworkbook.handshake.auth.PeerAuthentication;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.extension.MaxEarlyDataSize;
import dev.tlsworkbook.handshake.extension.PreSharedKeyClientHello;
import dev.tlsworkbook.handshake.message.Certificate;
import dev.tlsworkbook.handshake.message.CertificateEntry;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.NewSessionTicket;
import dev.tlsworkbook.handshake.message.Rfc8448;
import dev.tlsworkbook.handshake.resumption.ClientSession;
import dev.tlsworkbook.handshake.resumption.SessionCache;
import dev.tlsworkbook.handshake.state.EarlyDataStatus;
import dev.tlsworkbook.keyschedule.KeyLog;
import dev.tlsworkbook.keyschedule.ResumptionMasterSecret;
import dev.tlsworkbook.record.ContentType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * RFC 8448 §4 (resumed 0-RTT handshake), client side, replayed record by record through
 * {@link TlsEngine#client(TlsConfig, String, int, byte[])}. Given what the trace's client knew
 * — §3's NewSessionTicket and resumption master secret (our code derives the PSK from them), the
 * client's ticket age (recovered from the trace's obfuscated_ticket_age, RFC 8446 §4.2.11.1), its
 * random and x25519 private key — our client sends the trace's ClientHello record byte for byte,
 * PSK binder included (§4.2.11.2; one header byte differs, legacy_record_version, see the test), then the trace's 0-RTT record; fed the trace's server records,
 * it sends the trace's EndOfEarlyData, Finished, application data and close_notify records.
 *
 * <p>How the ClientHello is compared: the trace's client (NSS) sends extensions ours does not, so
 * the test hook {@link TlsConfig.Builder#clientHelloLayout} with {@link NssClientHelloLayout} lays
 * our extensions out in the trace's order and puts in the trace's own bytes for exactly four
 * (renegotiation_info, supported_groups, signature_algorithms, padding), and drops our
 * signature_algorithms_cert, which the trace's client does not send. Our
 * server_name, key_share, early_data, supported_versions, psk_key_exchange_modes and
 * record_size_limit go in as our client made them, the random, session id and cipher suites are
 * ours, and pre_shared_key (identity, obfuscated age, binder over the laid-out message) is
 * appended and bound by our client after the layout. Since the binder, the early traffic secret
 * and every later key depend on the whole ClientHello, each later record matching shows the
 * whole chain.
 */
class Rfc8448ResumptionClientReplayTest {
    private static final String S3 = "3.";
    private static final String S4 = "4.";
    private static final CipherSuite SUITE = CipherSuite.TLS_AES_128_GCM_SHA256;
    private static final HashAlgorithm HASH = SUITE.hash().orElseThrow();
    private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
    private static final int PORT = 443;

    private final List<String> keyLog = new ArrayList<>();
    private final NssClientHelloLayout layout = new NssClientHelloLayout(tracesClientHello());
    private final SessionCache cache = new SessionCache(SessionCache.DEFAULT_CAPACITY);

    private static byte[] record(String step, int occurrence) {
        return Rfc8448.value(S4, step, "complete record", occurrence).bytes();
    }

    private static byte[] payload(String step, int occurrence) {
        return Rfc8448.value(S4, step, "payload", occurrence).bytes();
    }

    private static ClientHello tracesClientHello() {
        // The trace prints the ClientHello before its binders; the record's payload is the whole message.
        return ClientHello.decode(HandshakeFrame.parse(Opaque.of(payload("{client}  send handshake record:", 0))).bodyReader());
    }

    /** Our client holding §3's ticket, after sending its ClientHello and 0-RTT data. */
    private TlsEngine client() {
        NewSessionTicket ticket = NewSessionTicket.decode(HandshakeFrame.parse(
                Rfc8448.value(S3, "{server}  construct a NewSessionTicket handshake message:", "NewSessionTicket")).bodyReader());
        ResumptionMasterSecret rms = ResumptionMasterSecret.of(HASH, SecretBytes.of(
                Rfc8448.value(S3, "{client}  derive secret \"tls13 res master\":", "expanded").bytes()));
        long obfuscatedAge = tracesClientHello().extensions().find(PreSharedKeyClientHello.class).orElseThrow()
                .identities().get(0).obfuscatedTicketAge();
        long ageMillis = (obfuscatedAge - ticket.ticketAgeAdd()) & 0xffffffffL;
        long maxEarlyData = ticket.extensions().find(MaxEarlyDataSize.class).orElseThrow().maxEarlyDataSize();
        // What our TicketReceiver would have filed after §3, received ageMillis ago.
        cache.put(SessionCache.key("server", PORT), new ClientSession(ticket.ticket(), rms.psk(ticket.ticketNonce()), SUITE,
                NOW.minusMillis(ageMillis), ticket.ticketLifetime(), ticket.ticketAgeAdd(), maxEarlyData, Optional.of("server"),
                Optional.empty(), new PeerAuthentication.Trusted(section3Chain(), "RFC 8448 §3", false)));

        ClientHello rfc = tracesClientHello();
        SecretBytes x25519 = SecretBytes.of(Rfc8448.value(S4, "{client}  create an ephemeral x25519 key pair:", "private key").bytes());
        TlsConfig config = TlsConfig.builder()
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .random(Rfc8448.replaying(rfc.random().bytes()))
                .grease(false).middleboxCompatibility(false)
                .cipherSuites(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
                        CipherSuite.TLS_AES_256_GCM_SHA384)
                .groups(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1)
                .keyShareGroups(NamedGroup.X25519)
                .keyExchangeFactory((group, random) -> KeyExchanges.fromPrivateKey(group, x25519))
                .trustPolicy(TrustPolicy.opportunistic())
                .sessionCache(cache)
                .clientHelloLayout(layout)
                .keyLog(KeyLog.to(keyLog::add))
                .build();
        return TlsEngine.client(config, "server", PORT, payload("{client}  send application_data record:", 0));
    }

    /** The server certificate §3's client saw, which a resumed connection keeps (RFC 8446 §2.2). */
    private static CertificateChain section3Chain() {
        Certificate certificate = Certificate.decode(HandshakeFrame.parse(
                Rfc8448.value(S3, "{server}  construct a Certificate handshake message:", "Certificate")).bodyReader());
        return new CertificateChain(CertificateChain.parse(certificate.certificateList().stream().map(CertificateEntry::certData).toList()));
    }

    private static void feed(TlsEngine engine, byte[] record) {
        assertEquals(record.length, engine.receive(record, 0, record.length));
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void clientHelloWithItsBinderThenTheEarlyDataRecordAreTheTracesByteForByte() {
        TlsEngine client = client();
        byte[] sent = Peers.drain(client);
        byte[] rfcHello = record("{client}  send handshake record:", 0);
        // RFC 8446 §5.1: legacy_record_version "MUST be set to 0x0303 for all records generated by a TLS 1.3
        // implementation other than an initial ClientHello ..., where it MAY also be 0x0301". The trace's client
        // chose 0x0301, ours 0x0303: the one byte that differs.
        assertEquals(0x01, rfcHello[2]);
        assertEquals(0x03, sent[2]);
        rfcHello[2] = 0x03;
        assertArrayEquals(concat(rfcHello, record("{client}  send application_data record:", 0)), sent);
        assertEquals(6, client.earlyDataSent());
        // Ours, dropped by the layout: signature_algorithms_cert. Ours, replaced: the four listed in the class comment.
        assertTrue(layout.ours().containsKey(ExtensionType.SIGNATURE_ALGORITHMS_CERT.code()));
        assertTrue(layout.ours().keySet().containsAll(List.of(ExtensionType.SUPPORTED_GROUPS.code(), ExtensionType.SIGNATURE_ALGORITHMS.code())));
        assertEquals(Rfc8448.value(S4, "{client}  derive secret \"tls13 c e traffic\":", "expanded"),
                Opaque.of(Tamper.secret(keyLog, "CLIENT_EARLY_TRAFFIC_SECRET").bytes()));
    }

    @Test
    void answersTheTracesServerWithTheTracesRecords() {
        TlsEngine client = client();
        Peers.drain(client);
        feed(client, record("{server}  send handshake record:", 0));
        feed(client, record("{server}  send handshake record:", 1));
        assertTrue(client.isHandshakeComplete());
        assertEquals(Optional.of(EarlyDataStatus.ACCEPTED), client.earlyDataStatus());
        // EndOfEarlyData under the early keys (RFC 8446 §4.5), then Finished under the handshake keys.
        assertArrayEquals(concat(record("{client}  send handshake record:", 1), record("{client}  send handshake record:", 2)),
                Peers.drain(client));
        for (String[] secret : new String[][] {{"c hs traffic", "CLIENT_HANDSHAKE_TRAFFIC_SECRET"},
                {"s hs traffic", "SERVER_HANDSHAKE_TRAFFIC_SECRET"}, {"c ap traffic", "CLIENT_TRAFFIC_SECRET_0"},
                {"s ap traffic", "SERVER_TRAFFIC_SECRET_0"}, {"exp master", "EXPORTER_SECRET"}}) {
            assertEquals(Rfc8448.value(S4, "{server}  derive secret \"tls13 " + secret[0] + "\":", "expanded"),
                    Opaque.of(Tamper.secret(keyLog, secret[1]).bytes()), secret[1]);
        }

        byte[] data = payload("{client}  send application_data record:", 1);
        client.writePlaintext(data, 0, data.length);
        assertArrayEquals(record("{client}  send application_data record:", 1), Peers.drain(client));
        feed(client, record("{server}  send application_data record:", 0));
        assertArrayEquals(payload("{server}  send application_data record:", 0), Peers.readAll(client));
        client.closeOutbound();
        assertArrayEquals(record("{client}  send alert record:", 0), Peers.drain(client));
        feed(client, record("{server}  send alert record:", 0));
        assertTrue(client.isInboundClosed());
    }

    @Test
    void aTicketAfterTheHandshakeCarriesThePskOfTheTracesResumptionSecret() {
        TlsEngine client = client();
        Peers.drain(client);
        feed(client, record("{server}  send handshake record:", 0));
        feed(client, record("{server}  send handshake record:", 1));
        // The trace's server sends no ticket after §4; a scripted one under the trace's server application keys.
        Opaque nonce = Opaque.of(new byte[] {7});
        NewSessionTicket next = new NewSessionTicket(3600, 0x01020304L, nonce, Opaque.of(new byte[] {9, 9}),
                ExtensionBlock.empty(ExtensionContext.NEW_SESSION_TICKET));
        SecretBytes serverApp = SecretBytes.of(Rfc8448.value(S4, "{server}  derive secret \"tls13 s ap traffic\":", "expanded").bytes());
        feed(client, Tamper.seal(Tamper.writer(SUITE, serverApp), ContentType.HANDSHAKE, next.frame().wireBytes().bytes()));
        ClientSession filed = cache.take(SessionCache.key("server", PORT), NOW).orElseThrow();
        // RFC 8446 §4.6.1: PSK = HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length).
        ResumptionMasterSecret rms = ResumptionMasterSecret.of(HASH, SecretBytes.of(
                Rfc8448.value(S4, "{client}  derive secret \"tls13 res master\":", "expanded").bytes()));
        assertEquals(rms.psk(nonce), filed.psk());
        assertEquals(next.ticket(), filed.ticket());
    }
}
