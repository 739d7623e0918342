package dev.tlsworkbook.keyschedule.demo;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.HashAlgorithm;
import dev.tlsworkbook.crypto.KeyExchange;
import dev.tlsworkbook.crypto.KeyExchanges;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.keyschedule.EarlySecret;
import dev.tlsworkbook.keyschedule.HandshakeSecret;
import dev.tlsworkbook.keyschedule.MasterSecret;
import dev.tlsworkbook.keyschedule.ResumptionMasterSecret;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.keyschedule.trace.Rfc8448Trace;
import dev.tlsworkbook.keyschedule.trace.Rfc8448Trace.Step;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import dev.tlsworkbook.record.protection.TrafficKeys;
import dev.tlsworkbook.wire.WireReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays RFC 8448 §3 (simple 1-RTT handshake, TLS_AES_128_GCM_SHA256, x25519) from the RFC's
 * own private keys and message bytes, and pairs each value we derive with the one the RFC prints.
 */
final class Rfc8448Replay {
    /** One derived value next to the RFC's. */
    record Check(String step, String name, Opaque ours, Opaque rfc) {
        boolean matches() {
            return ours.equals(rfc);
        }
    }

    private static final HashAlgorithm SHA256 = HashAlgorithm.SHA256;
    private static final AeadAlgorithm AEAD = AeadAlgorithm.AES_128_GCM;

    private final Rfc8448Trace rfc;
    private final List<Check> checks = new ArrayList<>();

    private Rfc8448Replay(Rfc8448Trace rfc) {
        this.rfc = rfc;
    }

    static List<Check> section3(Rfc8448Trace rfc) {
        return new Rfc8448Replay(rfc).run();
    }

    private List<Check> run() {
        KeyExchange client = x25519("{client}");
        KeyExchange server = x25519("{server}");
        check("{client} create an ephemeral x25519 key pair", "public key", client.publicKey());
        check("{server} create an ephemeral x25519 key pair", "public key", server.publicKey());
        SecretBytes shared = client.sharedSecret(server.publicKey());
        check("{server} extract secret \"handshake\"", "IKM", shared);

        EarlySecret early = EarlySecret.withoutPsk(SHA256);
        check("{server} extract secret \"early\"", "secret", early.secret());
        check("{server} derive secret for handshake \"tls13 derived\"", "expanded", early.derivedSecret());
        HandshakeSecret hs = early.handshakeSecret(shared);
        check("{server} extract secret \"handshake\"", "secret", hs.secret());

        Transcript hello = Transcript.of(SHA256).add(message("{client}", "ClientHello")).add(message("{server}", "ServerHello"));
        check("{server} derive secret \"tls13 c hs traffic\"", "hash", hello.currentHash());
        TrafficSecret chs = hs.clientHandshakeTrafficSecret(hello.currentHash());
        TrafficSecret shs = hs.serverHandshakeTrafficSecret(hello.currentHash());
        check("{server} derive secret \"tls13 c hs traffic\"", "expanded", chs.secret());
        check("{server} derive secret \"tls13 s hs traffic\"", "expanded", shs.secret());
        check("{server} derive secret for master \"tls13 derived\"", "expanded", hs.derivedSecret());
        MasterSecret master = hs.masterSecret();
        check("{server} extract secret \"master\"", "secret", master.secret());
        keys("{server} derive write traffic keys for handshake data", shs.keys(AEAD));
        keys("{server} derive read traffic keys for handshake data", chs.keys(AEAD));

        Transcript beforeServerFinished = hello.add(message("{server}", "EncryptedExtensions"))
                .add(message("{server}", "Certificate")).add(message("{server}", "CertificateVerify"));
        check("{server} calculate finished \"tls13 finished\"", "expanded", shs.finishedKey());
        check("{server} calculate finished \"tls13 finished\"", "finished",
                shs.finishedVerifyData(beforeServerFinished.currentHash()));

        Transcript serverFinished = beforeServerFinished.add(message("{server}", "Finished"));
        Opaque sfHash = serverFinished.currentHash();
        check("{server} derive secret \"tls13 c ap traffic\"", "hash", sfHash);
        TrafficSecret cap = master.clientApplicationTrafficSecret(sfHash);
        TrafficSecret sap = master.serverApplicationTrafficSecret(sfHash);
        check("{server} derive secret \"tls13 c ap traffic\"", "expanded", cap.secret());
        check("{server} derive secret \"tls13 s ap traffic\"", "expanded", sap.secret());
        check("{server} derive secret \"tls13 exp master\"", "expanded", master.exporterMasterSecret(sfHash).secret());
        keys("{server} derive write traffic keys for application data", sap.keys(AEAD));

        check("{client} calculate finished \"tls13 finished\"", "expanded", chs.finishedKey());
        check("{client} calculate finished \"tls13 finished\"", "finished", chs.finishedVerifyData(sfHash));
        keys("{client} derive write traffic keys for application data", cap.keys(AEAD));

        Opaque cfHash = serverFinished.add(message("{client}", "Finished")).currentHash();
        check("{client} derive secret \"tls13 res master\"", "hash", cfHash);
        ResumptionMasterSecret rms = master.resumptionMasterSecret(cfHash);
        check("{client} derive secret \"tls13 res master\"", "expanded", rms.secret());
        check("{server} generate resumption secret \"tls13 resumption\"", "expanded", rms.psk(ticketNonce()));
        return checks;
    }

    private KeyExchange x25519(String party) {
        Opaque priv = step(party + " create an ephemeral x25519 key pair").value("private key");
        return KeyExchanges.fromPrivateKey(NamedGroup.X25519, SecretBytes.of(priv.bytes()));
    }

    /** RFC 8446 §4.6.1: ticket_nonce follows the header, ticket_lifetime and ticket_age_add. */
    private Opaque ticketNonce() {
        WireReader ticket = WireReader.of(message("{server}", "NewSessionTicket"));
        ticket.skip(4 + 4 + 4);
        return ticket.opaque8(0, 255);
    }

    private Opaque message(String party, String name) {
        String article = "AEIOU".indexOf(name.charAt(0)) >= 0 ? "an" : "a";
        return step(party + " construct " + article + " " + name + " handshake message").value(name);
    }

    private void keys(String step, TrafficKeys keys) {
        check(step, "key expanded", keys.key());
        check(step, "iv expanded", keys.iv());
    }

    private void check(String step, String name, SecretBytes ours) {
        check(step, name, Opaque.of(ours.bytes()));
    }

    private void check(String step, String name, Opaque ours) {
        checks.add(new Check(step, name, ours, step(step).value(name)));
    }

    private Step step(String title) {
        return rfc.step(3, title);
    }
}
