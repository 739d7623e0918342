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
import dev.tlsworkbook.handshake.auth.CertificateChain;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.extension.Extension;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.extension.PreSharedKeyClientHello;
import dev.tlsworkbook.handshake.message.Certificate;
import dev.tlsworkbook.handshake.message.CertificateEntry;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.EncryptedExtensions;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.NewSessionTicket;
import dev.tlsworkbook.handshake.message.Rfc8448;
import dev.tlsworkbook.handshake.resumption.ResumptionState;
import dev.tlsworkbook.handshake.resumption.ServerTickets;
import dev.tlsworkbook.keyschedule.KeyLog;
import dev.tlsworkbook.keyschedule.ResumptionMasterSecret;
import dev.tlsworkbook.record.ContentType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 8448 §4 (resumed 0-RTT handshake), server side: the trace's ClientHello, which carries the
 * ticket of §3's NewSessionTicket, goes to our server, whose ticket store is replaced (the test
 * hook {@link TlsConfig.Builder#serverTickets}) by one that knows that ticket's state. The server
 * accepts the PSK and the 0-RTT data, and everything that does not depend on our extension choices
 * is the trace's, byte for byte. The resumption secret chain from §3 to §4 is checked too.
 */
class Rfc8448ResumptionReplayTest {
    private static final String S3 = "3.";
    private static final String S4 = "4.";
    private static final CipherSuite SUITE = CipherSuite.TLS_AES_128_GCM_SHA256;
    private static final HashAlgorithm HASH = SUITE.hash().orElseThrow();
    private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");

    private static NewSessionTicket ticket;
    private static SecretBytes psk;
    private static ClientHello rfcClientHello;
    private static List<String> keyLog;
    private static TlsEngine server;
    private static byte[] flight;

    @BeforeAll
    static void replay() throws Exception {
        ticket = NewSessionTicket.decode(HandshakeFrame.parse(
                Rfc8448.value(S3, "{server}  construct a NewSessionTicket handshake message:", "NewSessionTicket")).bodyReader());
        psk = SecretBytes.of(Rfc8448.value(S4, "{client}  extract secret \"early\":", "IKM").bytes());
        // The trace prints the ClientHello before its binders; the record's payload is the whole message.
        Opaque clientHello = Rfc8448.value(S4, "{client}  send handshake record:", "payload");
        rfcClientHello = ClientHello.decode(HandshakeFrame.parse(clientHello).bodyReader());
        long obfuscatedAge = rfcClientHello.extensions().find(PreSharedKeyClientHello.class).orElseThrow()
                .identities().get(0).obfuscatedTicketAge();
        long clientAgeMillis = (obfuscatedAge - ticket.ticketAgeAdd()) & 0xffffffffL;
        // The ticket's state as the §3 server would have sealed it, issued exactly the client's ticket age ago.
        ResumptionState state = new ResumptionState(SUITE, psk, ticket.ticketAgeAdd(), NOW.minusMillis(clientAgeMillis),
                ticket.ticketLifetime(), 1 << 14, Optional.of("server"), Optional.empty());
        ServerTickets rfcTicket = new ServerTickets() {
            @Override
            public Opaque issue(ResumptionState s) {
                throw new AssertionError("the replay issues no ticket");
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
        keyLog = new ArrayList<>();
        TlsConfig config = TlsConfig.builder()
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .random(Rfc8448.replaying(serverHello.slice(6, 32).bytes()))
                .keyExchangeFactory((group, random) -> KeyExchanges.fromPrivateKey(group, x25519))
                .certificates(new CertifiedKey(rfcChain, Rfc8448.serverPrivateKey()))
                .serverTickets(rfcTicket).maxEarlyDataSize(1 << 14).ticketCount(0)
                .keyLog(KeyLog.to(keyLog::add))
                .build();
        server = TlsEngine.server(config);
        byte[] record = Rfc8448.value(S4, "{client}  send handshake record:", "complete record").bytes();
        server.receive(record, 0, record.length);
        flight = Peers.drain(server);
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
    void serverHelloSelectsThePskAndIsTheTracesByteForByte() {
        assertEquals(Rfc8448.value(S4, "{server}  construct a ServerHello handshake message:", "ServerHello"),
                Opaque.of(Tamper.plaintextHandshake(flight)));
    }

    @Test
    void earlyAndHandshakeSecretsAreTheTraces() {
        assertEquals(Rfc8448.value(S4, "{client}  derive secret \"tls13 c e traffic\":", "expanded"),
                Opaque.of(Tamper.secret(keyLog, "CLIENT_EARLY_TRAFFIC_SECRET").bytes()));
        assertEquals(Rfc8448.value(S4, "{server}  derive secret \"tls13 c hs traffic\":", "expanded"),
                Opaque.of(Tamper.secret(keyLog, "CLIENT_HANDSHAKE_TRAFFIC_SECRET").bytes()));
        assertEquals(Rfc8448.value(S4, "{server}  derive secret \"tls13 s hs traffic\":", "expanded"),
                Opaque.of(Tamper.secret(keyLog, "SERVER_HANDSHAKE_TRAFFIC_SECRET").bytes()));
    }

    @Test
    void flightHasNoCertificateAndAcceptsEarlyDataInEncryptedExtensions() {
        List<Opaque> messages = Tamper.messages(Tamper.open(flight, SUITE, Tamper.secret(keyLog, "SERVER_HANDSHAKE_TRAFFIC_SECRET")));
        // RFC 8446 §2.2: EncryptedExtensions and Finished only.
        assertEquals(List.of(8, 20), messages.stream().map(m -> m.byteAt(0)).toList());
        EncryptedExtensions ours = EncryptedExtensions.decode(HandshakeFrame.parse(messages.get(0)).bodyReader());
        EncryptedExtensions rfc = EncryptedExtensions.decode(HandshakeFrame.parse(
                Rfc8448.value(S4, "{server}  construct an EncryptedExtensions handshake message:", "EncryptedExtensions"))
                .bodyReader());
        // The trace: supported_groups (10), record_size_limit (28), server_name (0), early_data (42). Ours: the same
        // without supported_groups, record_size_limit (2^14+1, RFC 8449 §4) after server_name, each byte for byte.
        List<Extension> theirs = rfc.extensions().extensions();
        assertEquals(List.of(ExtensionType.SUPPORTED_GROUPS.code(), ExtensionType.RECORD_SIZE_LIMIT.code(),
                ExtensionType.SERVER_NAME.code(), ExtensionType.EARLY_DATA.code()),
                theirs.stream().map(Extension::extensionType).toList());
        assertEquals(List.of(theirs.get(2), theirs.get(1), theirs.get(3)), ours.extensions().extensions());
        assertTrue(ours.extensions().contains(ExtensionType.EARLY_DATA));
    }

    @Test
    void readsTheTracesEarlyDataApartThenItsEndOfEarlyData() {
        byte[] early = Rfc8448.value(S4, "{client}  send application_data record:", "complete record").bytes();
        server.receive(early, 0, early.length);
        assertEquals(0, server.availablePlaintext());
        byte[] data = new byte[server.availableEarlyData()];
        server.readEarlyData(data, 0, data.length);
        assertArrayEquals(Rfc8448.value(S4, "{client}  send application_data record:", "payload").bytes(), data);
        // EndOfEarlyData under the early keys (the second handshake record the client sends) is accepted.
        byte[] endOfEarlyData = Rfc8448.value(S4, "{client}  send handshake record:", "complete record", 1).bytes();
        server.receive(endOfEarlyData, 0, endOfEarlyData.length);
        assertTrue(server.failure().isEmpty());
        assertEquals(ContentType.APPLICATION_DATA.code(), early[0]);
    }
}
