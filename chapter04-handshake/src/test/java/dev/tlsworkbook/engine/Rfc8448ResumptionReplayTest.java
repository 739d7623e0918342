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
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.extension.PreSharedKeyClientHello;
import dev.tlsworkbook.handshake.message.Certificate;
import dev.tlsworkbook.handshake.message.CertificateEntry;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.NewSessionTicket;
import dev.tlsworkbook.handshake.message.Rfc8448;
import dev.tlsworkbook.handshake.resumption.ResumptionState;
import dev.tlsworkbook.handshake.resumption.ServerTickets;
import dev.tlsworkbook.handshake.state.EarlyDataStatus;
import dev.tlsworkbook.keyschedule.KeyLog;
import dev.tlsworkbook.keyschedule.ResumptionMasterSecret;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 8448 §4 (resumed 0-RTT handshake), server side, replayed record by record: the trace's
 * ClientHello, which carries the ticket of §3's NewSessionTicket, goes to our server, whose
 * ticket store is replaced (the test hook {@link TlsConfig.Builder#serverTickets}) by one that
 * knows that ticket's state, and which announces the trace server's groups in EncryptedExtensions
 * ({@link TlsConfig.Builder#announcedGroups}, RFC 8446 §4.2.7). Then every record our server
 * sends is the trace's, byte for byte: ServerHello, the protected EncryptedExtensions and
 * Finished, the application data and the close_notify; and it reads the trace's 0-RTT data,
 * EndOfEarlyData, client Finished, application data and close_notify. The resumption secret
 * chain from §3 to §4 and on to the next ticket is checked too.
 */
class Rfc8448ResumptionReplayTest {
    private static final String S3 = "3.";
    private static final String S4 = "4.";
    private static final CipherSuite SUITE = CipherSuite.TLS_AES_128_GCM_SHA256;
    private static final HashAlgorithm HASH = SUITE.hash().orElseThrow();
    private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");

    private static NewSessionTicket ticket;
    private static SecretBytes psk;
    private static List<String> keyLog;
    private static TlsEngine server;
    private static byte[] flight;

    @BeforeAll
    static void replay() throws Exception {
        ticket = NewSessionTicket.decode(HandshakeFrame.parse(
                Rfc8448.value(S3, "{server}  construct a NewSessionTicket handshake message:", "NewSessionTicket")).bodyReader());
        psk = SecretBytes.of(Rfc8448.value(S4, "{client}  extract secret \"early\":", "IKM").bytes());
        keyLog = new ArrayList<>();
        server = server(0, state -> {
            throw new AssertionError("ticketCount(0) issues no ticket");
        });
        flight = Peers.drain(server);
    }

    /**
     * Our server, configured as the trace's (randomness, x25519 key, certificate, announced groups,
     * 0-RTT on), holding §3's ticket, after the trace's ClientHello record.
     */
    private static TlsEngine server(int ticketCount, Consumer<ResumptionState> issued) throws Exception {
        // The trace prints the ClientHello before its binders; the record's payload is the whole message.
        ClientHello rfcClientHello = ClientHello.decode(HandshakeFrame.parse(
                Rfc8448.value(S4, "{client}  send handshake record:", "payload")).bodyReader());
        long obfuscatedAge = rfcClientHello.extensions().find(PreSharedKeyClientHello.class).orElseThrow()
                .identities().get(0).obfuscatedTicketAge();
        long clientAgeMillis = (obfuscatedAge - ticket.ticketAgeAdd()) & 0xffffffffL;
        // The ticket's state as the §3 server would have sealed it, issued exactly the client's ticket age ago.
        ResumptionState state = new ResumptionState(SUITE, psk, ticket.ticketAgeAdd(), NOW.minusMillis(clientAgeMillis),
                ticket.ticketLifetime(), 1 << 14, Optional.of("server"), Optional.empty());
        ServerTickets rfcTicket = new ServerTickets() {
            @Override
            public Opaque issue(ResumptionState s) {
                issued.accept(s);
                return Opaque.of(new byte[] {1});
            }

            @Override
            public Optional<ResumptionState> redeem(Opaque identity) {
                return identity.equals(ticket.ticket()) ? Optional.of(state) : Optional.empty();
            }
        };
        Opaque serverHello = Rfc8448.value(S4, "{server}  construct a ServerHello handshake message:", "ServerHello");
        SecretBytes x25519 = SecretBytes.of(Rfc8448.value(S4, "{server}  create an ephemeral x25519 key pair:", "private key").bytes());
        Certificate rfcCertificate = Certificate.decode(HandshakeFrame.parse(
                Rfc8448.value(S3, "{server}  construct a Certificate handshake message:", "Certificate")).bodyReader());
        CertificateChain rfcChain = new CertificateChain(CertificateChain.parse(
                rfcCertificate.certificateList().stream().map(CertificateEntry::certData).toList()));
        TlsConfig config = TlsConfig.builder()
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .random(Rfc8448.replaying(serverHello.slice(6, 32).bytes()))
                .keyExchangeFactory((group, random) -> KeyExchanges.fromPrivateKey(group, x25519))
                .certificates(new CertifiedKey(rfcChain, Rfc8448.serverPrivateKey()))
                // The trace's server (NSS) tells the client all the groups it supports.
                .announcedGroups(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.SECP521R1,
                        NamedGroup.FFDHE2048, NamedGroup.FFDHE3072, NamedGroup.FFDHE4096, NamedGroup.FFDHE6144,
                        NamedGroup.FFDHE8192)
                .serverTickets(rfcTicket).maxEarlyDataSize(1 << 14).ticketCount(ticketCount)
                .keyLog(KeyLog.to(keyLog::add))
                .build();
        TlsEngine engine = TlsEngine.server(config);
        feed(engine, record("{client}  send handshake record:", 0));
        return engine;
    }

    private static byte[] record(String step, int occurrence) {
        return Rfc8448.value(S4, step, "complete record", occurrence).bytes();
    }

    private static void feed(TlsEngine engine, byte[] record) {
        assertEquals(record.length, engine.receive(record, 0, record.length));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void resumptionPskIsDerivedFromSection3sResumptionSecretAndTicketNonce() {
        ResumptionMasterSecret rms = ResumptionMasterSecret.of(HASH, SecretBytes.of(
                Rfc8448.value(S3, "{client}  derive secret \"tls13 res master\":", "expanded").bytes()));
        assertEquals(psk, rms.psk(ticket.ticketNonce()));
        assertEquals(Rfc8448.value(S3, "{server}  generate resumption secret \"tls13 resumption\":", "expanded"),
                Opaque.of(psk.bytes()));
    }

    @Test
    void firstFlightIsTheTracesTwoRecordsByteForByte() {
        // ServerHello in the clear, then EncryptedExtensions (supported_groups, record_size_limit, server_name,
        // early_data) and Finished in one protected record: no Certificate (RFC 8446 §2.2).
        assertArrayEquals(concat(record("{server}  send handshake record:", 0), record("{server}  send handshake record:", 1)),
                flight);
    }

    @Test
    void earlyHandshakeAndApplicationSecretsAreTheTraces() {
        assertEquals(Rfc8448.value(S4, "{client}  derive secret \"tls13 c e traffic\":", "expanded"),
                Opaque.of(Tamper.secret(keyLog, "CLIENT_EARLY_TRAFFIC_SECRET").bytes()));
        assertEquals(Rfc8448.value(S4, "{server}  derive secret \"tls13 c hs traffic\":", "expanded"),
                Opaque.of(Tamper.secret(keyLog, "CLIENT_HANDSHAKE_TRAFFIC_SECRET").bytes()));
        assertEquals(Rfc8448.value(S4, "{server}  derive secret \"tls13 s hs traffic\":", "expanded"),
                Opaque.of(Tamper.secret(keyLog, "SERVER_HANDSHAKE_TRAFFIC_SECRET").bytes()));
        assertEquals(Rfc8448.value(S4, "{server}  derive secret \"tls13 c ap traffic\":", "expanded"),
                Opaque.of(Tamper.secret(keyLog, "CLIENT_TRAFFIC_SECRET_0").bytes()));
        assertEquals(Rfc8448.value(S4, "{server}  derive secret \"tls13 s ap traffic\":", "expanded"),
                Opaque.of(Tamper.secret(keyLog, "SERVER_TRAFFIC_SECRET_0").bytes()));
        assertEquals(Rfc8448.value(S4, "{server}  derive secret \"tls13 exp master\":", "expanded"),
                Opaque.of(Tamper.secret(keyLog, "EXPORTER_SECRET").bytes()));
    }

    /** The rest of the trace in order, in one test: each step depends on the one before. */
    @Test
    void readsTheClientsRecordsAndAnswersWithTheTracesRecords() {
        // 0-RTT data, read apart from ordinary data.
        feed(server, record("{client}  send application_data record:", 0));
        assertEquals(0, server.availablePlaintext());
        byte[] early = new byte[server.availableEarlyData()];
        server.readEarlyData(early, 0, early.length);
        assertArrayEquals(Rfc8448.value(S4, "{client}  send application_data record:", "payload").bytes(), early);
        // EndOfEarlyData under the early keys, then the client's Finished under its handshake keys.
        feed(server, record("{client}  send handshake record:", 1));
        feed(server, record("{client}  send handshake record:", 2));
        assertTrue(server.isHandshakeComplete());
        assertEquals(Optional.of(EarlyDataStatus.ACCEPTED), server.earlyDataStatus());
        assertEquals(0, server.pendingOutput(), "no NewSessionTicket with ticketCount(0)");

        feed(server, record("{client}  send application_data record:", 1));
        assertArrayEquals(Rfc8448.value(S4, "{client}  send application_data record:", "payload", 1).bytes(),
                Peers.readAll(server));
        byte[] data = Rfc8448.value(S4, "{server}  send application_data record:", "payload").bytes();
        server.writePlaintext(data, 0, data.length);
        assertArrayEquals(record("{server}  send application_data record:", 0), Peers.drain(server));

        feed(server, record("{client}  send alert record:", 0));
        assertTrue(server.isInboundClosed());
        server.closeOutbound();
        assertArrayEquals(record("{server}  send alert record:", 0), Peers.drain(server));
    }

    @Test
    void aTicketIssuedAfterTheResumedHandshakeCarriesThePskOfTheTracesResumptionSecret() throws Exception {
        List<ResumptionState> issued = new ArrayList<>();
        TlsEngine again = server(1, s -> issued.add(new ResumptionState(s.suite(), SecretBytes.of(s.psk().bytes()),
                s.ticketAgeAdd(), s.issued(), s.lifetimeSeconds(), s.maxEarlyDataSize(), s.serverName(),
                s.applicationProtocol())));
        Peers.drain(again);
        feed(again, record("{client}  send application_data record:", 0));
        feed(again, record("{client}  send handshake record:", 1));
        feed(again, record("{client}  send handshake record:", 2));
        assertEquals(1, issued.size());
        // RFC 8446 §4.6.1: PSK = HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length);
        // our first ticket's nonce is 0x00.
        ResumptionMasterSecret rms = ResumptionMasterSecret.of(HASH, SecretBytes.of(
                Rfc8448.value(S4, "{client}  derive secret \"tls13 res master\":", "expanded").bytes()));
        assertEquals(rms.psk(Opaque.of(new byte[] {0})), issued.get(0).psk());
    }
}
