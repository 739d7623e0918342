package dev.tlsworkbook.engine;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.Finished;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.ServerHello;
import dev.tlsworkbook.handshake.message.ServerHelloMessage;
import dev.tlsworkbook.keyschedule.KeyLog;
import dev.tlsworkbook.keyschedule.SecretLabel;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.record.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A client built from our codec for scripted-peer tests (GUIDE §9.4): it sends a ClientHello the
 * test shapes (which our own client would never send), then finishes the handshake from the
 * server's key log, since it holds no private key for the share it copied from a real ClientHello.
 */
final class ScriptedClient {
    private final TlsEngine server;
    private final List<String> serverLog;
    private final Opaque clientHello;
    private CipherSuite suite;

    private ScriptedClient(TlsEngine server, List<String> serverLog, Opaque clientHello) {
        this.server = server;
        this.serverLog = serverLog;
        this.clientHello = clientHello;
    }

    /** Sends our client's ClientHello (no GREASE, no compatibility mode) after {@code shape} to a new server. */
    static ScriptedClient hello(TlsConfig.Builder serverConfig, UnaryOperator<ClientHello> shape) {
        ClientHello ours = BadPeerTest.clientHello(Peers.drain(TlsEngine.client(
                Peers.client(60).grease(false).middleboxCompatibility(false).build(), "localhost")));
        return send(serverConfig, shape.apply(ours));
    }

    /** Sends {@code hello}, exactly as given, to a new server. */
    static ScriptedClient send(TlsConfig.Builder serverConfig, ClientHello hello) {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        TlsEngine server = TlsEngine.server(serverConfig.keyLog(KeyLog.to(log::add)).build());
        Opaque wire = hello.frame().wireBytes();
        ScriptedClient client = new ScriptedClient(server, log, wire);
        client.send(Tamper.plaintextRecord(ContentType.HANDSHAKE, wire.bytes()));
        return client;
    }

    /** The ClientHello's length on the wire, header included. */
    int clientHelloLength() {
        return clientHello.length();
    }

    TlsEngine server() {
        return server;
    }

    /** Raw bytes to the server. */
    void send(byte[] bytes) {
        server.receive(bytes, 0, bytes.length);
    }

    /**
     * Reads the server's flight (ServerHello in the clear, the rest under the server's handshake
     * keys) and answers with a Finished over the whole transcript (RFC 8446 §4.4.4). Returns the
     * ServerHello.
     */
    ServerHello finish() {
        byte[] flight = Peers.drain(server);
        Opaque sh = Opaque.of(Tamper.plaintextHandshake(flight));
        ServerHello serverHello = (ServerHello) ServerHelloMessage.decode(HandshakeFrame.parse(sh).bodyReader());
        suite = CipherSuite.fromCode(serverHello.cipherSuite()).orElseThrow();
        Transcript t = Transcript.of(suite.hash().orElseThrow()).add(clientHello).add(sh);
        for (Opaque message : Tamper.messages(Tamper.open(flight, suite, secret("SERVER_HANDSHAKE_TRAFFIC_SECRET")))) {
            t = t.add(message);
        }
        TrafficSecret clientHs = TrafficSecret.of(SecretLabel.CLIENT_HANDSHAKE_TRAFFIC, suite.hash().orElseThrow(),
                secret("CLIENT_HANDSHAKE_TRAFFIC_SECRET"));
        Finished finished = new Finished(clientHs.finishedVerifyData(t.currentHash()));
        send(Tamper.seal(Tamper.writer(suite, clientHs.secret()), ContentType.HANDSHAKE,
                finished.frame().wireBytes().bytes()));
        return serverHello;
    }

    /** Sends {@code text} as the first application data record under the client's application keys. */
    void sendApplicationData(String text) {
        send(Tamper.seal(Tamper.writer(suite, secret("CLIENT_TRAFFIC_SECRET_0")), ContentType.APPLICATION_DATA,
                text.getBytes(StandardCharsets.UTF_8)));
    }

    private SecretBytes secret(String label) {
        return Tamper.secret(serverLog, label);
    }
}
