package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.HashAlgorithm;
import dev.tlsworkbook.crypto.KeyExchanges;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.CertificateChain;
import dev.tlsworkbook.handshake.auth.CertificateVerifySignature;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.Side;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.extension.Extension;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.message.Certificate;
import dev.tlsworkbook.handshake.message.CertificateEntry;
import dev.tlsworkbook.handshake.message.CertificateVerify;
import dev.tlsworkbook.handshake.message.EncryptedExtensions;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.NewSessionTicket;
import dev.tlsworkbook.handshake.message.Rfc8448;
import dev.tlsworkbook.handshake.resumption.ResumptionState;
import dev.tlsworkbook.handshake.resumption.ServerTickets;
import dev.tlsworkbook.keyschedule.KeyLog;
import dev.tlsworkbook.keyschedule.SecretLabel;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import dev.tlsworkbook.record.protection.TrafficKeys;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 8448 §3 replayed on our server, record by record: the trace's ClientHello goes into
 * {@link TlsEngine#server} configured with the trace's server randomness, the trace's RSA
 * certificate and key (RFC 8448 §2), the groups the trace's server announces in
 * EncryptedExtensions ({@link TlsConfig.Builder#announcedGroups}, RFC 8446 §4.2.7), and, for the
 * NewSessionTicket, the trace's ticket lifetime and max_early_data_size and its ticket bytes (the
 * test hook {@link TlsConfig.Builder#serverTickets}).
 *
 * <p>The randomness our server draws is, in order: the ServerHello random, the 32-byte RSA-PSS salt
 * of its CertificateVerify, and the ticket's ticket_age_add. RSA-PSS is randomized only through its
 * salt (RFC 8017 §9.1.1), and the salt can be recovered from the trace's signature with the
 * trace's public key ({@link Rfc8448#pssSalt}); replayed, it makes our CertificateVerify the
 * trace's. So every record our server sends is the trace's byte for byte — the ServerHello, the
 * protected EncryptedExtensions … Finished, the application data and the close_notify — except
 * the NewSessionTicket, whose ticket_nonce ours makes one byte long and the trace's two (each
 * other field is the trace's); and it reads the trace client's Finished, application data and
 * close_notify.
 */
class Rfc8448ServerReplayTest {
    private static final String S3 = "3.";
    private static final CipherSuite SUITE = CipherSuite.TLS_AES_128_GCM_SHA256;
    private static final HashAlgorithm HASH = SUITE.hash().orElseThrow();

    private static Opaque rfcClientHello;
    private static Opaque rfcServerHello;
    private static List<String> keyLog;
    private static TlsEngine server;
    private static byte[] flight;
    private static List<Opaque> ourFlight;
    private static CertificateChain rfcChain;
    private static byte[] salt;

    @BeforeAll
    static void replay() throws Exception {
        rfcClientHello = Rfc8448.value(S3, "{client}  construct a ClientHello handshake message:", "ClientHello");
        rfcServerHello = Rfc8448.value(S3, "{server}  construct a ServerHello handshake message:", "ServerHello");
        SecretBytes x25519 = SecretBytes.of(Rfc8448.value(S3, "{server}  create an ephemeral x25519 key pair:", "private key").bytes());
        Certificate rfcCertificate = Certificate.decode(HandshakeFrame.parse(
                Rfc8448.value(S3, "{server}  construct a Certificate handshake message:", "Certificate")).bodyReader());
        rfcChain = new CertificateChain(CertificateChain.parse(
                rfcCertificate.certificateList().stream().map(CertificateEntry::certData).toList()));
        salt = Rfc8448.pssSalt((RSAPublicKey) rfcChain.publicKey(), rfcCertificateVerify().signature());
        NewSessionTicket rfcTicket = NewSessionTicket.decode(HandshakeFrame.parse(
                Rfc8448.value(S3, "{server}  construct a NewSessionTicket handshake message:", "NewSessionTicket")).bodyReader());
        // ServerHello.random, the CertificateVerify's salt, the ticket's ticket_age_add (big-endian, as TicketIssuer reads it).
        byte[] randomness = new byte[32 + 32 + 4];
        System.arraycopy(rfcServerHello.slice(6, 32).bytes(), 0, randomness, 0, 32);
        System.arraycopy(salt, 0, randomness, 32, 32);
        for (int i = 0; i < 4; i++) {
            randomness[64 + i] = (byte) (rfcTicket.ticketAgeAdd() >>> (24 - 8 * i));
        }

        keyLog = new ArrayList<>();
        TlsConfig config = TlsConfig.builder()
                .random(Rfc8448.replaying(randomness))
                .keyExchangeFactory((group, random) -> KeyExchanges.fromPrivateKey(group, x25519))
                .certificates(new CertifiedKey(rfcChain, Rfc8448.serverPrivateKey()))
                .announcedGroups(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.SECP521R1,
                        NamedGroup.FFDHE2048, NamedGroup.FFDHE3072, NamedGroup.FFDHE4096, NamedGroup.FFDHE6144,
                        NamedGroup.FFDHE8192)
                .ticketCount(1).ticketLifetime(Duration.ofSeconds(rfcTicket.ticketLifetime()))
                .maxEarlyDataSize(1024)
                .serverTickets(new ServerTickets() {
                    @Override
                    public Opaque issue(ResumptionState state) {
                        return rfcTicket.ticket();
                    }

                    @Override
                    public Optional<ResumptionState> redeem(Opaque identity) {
                        return Optional.empty();
                    }
                })
                .keyLog(KeyLog.to(keyLog::add))
                .build();
        server = TlsEngine.server(config);
        feed(record("{client}  send handshake record:", 0));
        flight = Peers.drain(server);
        ourFlight = Tamper.messages(Tamper.open(flight, SUITE, Tamper.secret(keyLog, "SERVER_HANDSHAKE_TRAFFIC_SECRET")));
    }

    private static CertificateVerify rfcCertificateVerify() {
        return CertificateVerify.decode(HandshakeFrame.parse(
                Rfc8448.value(S3, "{server}  construct a CertificateVerify handshake message:", "CertificateVerify")).bodyReader());
    }

    private static byte[] record(String step, int occurrence) {
        return Rfc8448.value(S3, step, "complete record", occurrence).bytes();
    }

    private static void feed(byte[] record) {
        assertEquals(record.length, server.receive(record, 0, record.length));
    }

    @Test
    void serverHelloIsTheTracesByteForByte() {
        assertEquals(rfcServerHello, Opaque.of(Tamper.plaintextHandshake(flight)));
    }

    @Test
    void handshakeTrafficSecretsAndKeysAreTheTraces() {
        SecretBytes clientHs = Tamper.secret(keyLog, "CLIENT_HANDSHAKE_TRAFFIC_SECRET");
        SecretBytes serverHs = Tamper.secret(keyLog, "SERVER_HANDSHAKE_TRAFFIC_SECRET");
        assertEquals(Rfc8448.value(S3, "{server}  derive secret \"tls13 c hs traffic\":", "expanded").hex(), clientHs.hex());
        assertEquals(Rfc8448.value(S3, "{server}  derive secret \"tls13 s hs traffic\":", "expanded").hex(), serverHs.hex());
        TrafficKeys write = TrafficSecret.of(SecretLabel.SERVER_HANDSHAKE_TRAFFIC, HASH, serverHs).keys(AeadAlgorithm.AES_128_GCM);
        String step = "{server}  derive write traffic keys for handshake data:";
        assertEquals(Rfc8448.value(S3, step, "key expanded").hex(), write.key().hex());
        assertEquals(Rfc8448.value(S3, step, "iv expanded").hex(), write.iv().hex());
        assertEquals(4, ourFlight.size(), "EncryptedExtensions, Certificate, CertificateVerify, Finished");
    }

    @Test
    void encryptedExtensionsAreTheTracesByteForByte() {
        Opaque rfcBytes = Rfc8448.value(S3, "{server}  construct an EncryptedExtensions handshake message:", "EncryptedExtensions");
        // supported_groups (10, the announced groups), record_size_limit (28, 2^14+1: RFC 8449 §4), server_name (0,
        // empty: RFC 6066 §3).
        assertEquals(List.of(ExtensionType.SUPPORTED_GROUPS.code(), ExtensionType.RECORD_SIZE_LIMIT.code(),
                ExtensionType.SERVER_NAME.code()), EncryptedExtensions.decode(HandshakeFrame.parse(rfcBytes).bodyReader())
                .extensions().extensions().stream().map(Extension::extensionType).toList());
        assertEquals(rfcBytes, ourFlight.get(0));
    }

    @Test
    void certificateIsTheTracesByteForByte() {
        assertEquals(Rfc8448.value(S3, "{server}  construct a Certificate handshake message:", "Certificate"), ourFlight.get(1));
    }

    @Test
    void certificateVerifyIsTheTracesOnceItsSaltIsReplayed() {
        Opaque rfcBytes = Rfc8448.value(S3, "{server}  construct a CertificateVerify handshake message:", "CertificateVerify");
        assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256.code(), rfcCertificateVerify().algorithm());
        assertEquals(rfcBytes, ourFlight.get(2));
        // The salt is all that varies: signed again with other randomness, the same content gives other bytes, and
        // both verify.
        Opaque hash = Transcript.of(HASH).add(rfcClientHello).add(rfcServerHello).add(ourFlight.get(0)).add(ourFlight.get(1))
                .currentHash();
        Opaque again = CertificateVerifySignature.sign(SignatureScheme.RSA_PSS_RSAE_SHA256, serverKey(), hash, Side.SERVER,
                Peers.random(1));
        assertNotEquals(rfcCertificateVerify().signature(), again);
        CertificateVerifySignature.verify(SignatureScheme.RSA_PSS_RSAE_SHA256, rfcChain.publicKey(), hash, Side.SERVER, again);
        CertificateVerifySignature.verify(SignatureScheme.RSA_PSS_RSAE_SHA256, rfcChain.publicKey(), hash, Side.SERVER,
                rfcCertificateVerify().signature());
    }

    @Test
    void theWholeFirstFlightIsTheTracesTwoRecordsByteForByte() {
        assertEquals(Rfc8448.value(S3, "{server}  construct a Finished handshake message:", "Finished"), ourFlight.get(3));
        byte[] expected = new byte[0];
        for (int i = 0; i < 2; i++) {
            byte[] r = record("{server}  send handshake record:", i);
            byte[] joined = java.util.Arrays.copyOf(expected, expected.length + r.length);
            System.arraycopy(r, 0, joined, expected.length, r.length);
            expected = joined;
        }
        assertArrayEquals(expected, flight);
    }

    /** The rest of the trace in order, in one test: each step depends on the one before. */
    @Test
    void readsTheClientsRecordsAndAnswersWithTheTracesRecords() {
        feed(record("{client}  send handshake record:", 1));
        assertTrue(server.isHandshakeComplete());
        assertEquals(Rfc8448.value(S3, "{server}  derive secret \"tls13 c ap traffic\":", "expanded"),
                Opaque.of(Tamper.secret(keyLog, "CLIENT_TRAFFIC_SECRET_0").bytes()));
        // NewSessionTicket under the server's application keys: the trace's lifetime, ticket_age_add, ticket and
        // early_data extension; the ticket_nonce is the one field a server chooses freely ("unique across all tickets
        // issued on this connection", RFC 8446 §4.6.1): the trace's is 0x0000, ours one byte, 0x00.
        SecretBytes serverApp = Tamper.secret(keyLog, "SERVER_TRAFFIC_SECRET_0");
        assertEquals(Rfc8448.value(S3, "{server}  derive secret \"tls13 s ap traffic\":", "expanded"), Opaque.of(serverApp.bytes()));
        NewSessionTicket ours = NewSessionTicket.decode(HandshakeFrame.parse(
                Tamper.messages(Tamper.open(Peers.drain(server), SUITE, serverApp)).get(0)).bodyReader());
        NewSessionTicket rfc = NewSessionTicket.decode(HandshakeFrame.parse(
                Rfc8448.value(S3, "{server}  construct a NewSessionTicket handshake message:", "NewSessionTicket")).bodyReader());
        assertEquals(new NewSessionTicket(rfc.ticketLifetime(), rfc.ticketAgeAdd(), Opaque.of(new byte[] {0}), rfc.ticket(),
                rfc.extensions()), ours);
        assertEquals(Opaque.of(new byte[] {0, 0}), rfc.ticketNonce());

        feed(record("{client}  send application_data record:", 0));
        assertArrayEquals(Rfc8448.value(S3, "{client}  send application_data record:", "payload").bytes(), Peers.readAll(server));
        byte[] data = Rfc8448.value(S3, "{server}  send application_data record:", "payload").bytes();
        server.writePlaintext(data, 0, data.length);
        assertArrayEquals(record("{server}  send application_data record:", 0), Peers.drain(server));

        feed(record("{client}  send alert record:", 0));
        assertTrue(server.isInboundClosed());
        server.closeOutbound();
        assertArrayEquals(record("{server}  send alert record:", 0), Peers.drain(server));
    }

    private static java.security.PrivateKey serverKey() {
        try {
            return Rfc8448.serverPrivateKey();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
