package dev.tlsworkbook.handshake.connected;

import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.handshake.auth.CertificateChain;
import dev.tlsworkbook.handshake.clientauth.CertificateRequester;
import dev.tlsworkbook.handshake.clientauth.CertificateResponder;
import dev.tlsworkbook.handshake.message.Certificate;
import dev.tlsworkbook.handshake.message.CertificateRequest;
import dev.tlsworkbook.handshake.message.CertificateVerify;
import dev.tlsworkbook.handshake.message.Finished;
import dev.tlsworkbook.handshake.resumption.TicketReceiver;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.message.KeyUpdate;
import dev.tlsworkbook.handshake.message.KeyUpdateRequest;
import dev.tlsworkbook.handshake.message.NewSessionTicket;
import dev.tlsworkbook.handshake.state.ConnectedState;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.handshake.state.TrustStatus;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import dev.tlsworkbook.keyschedule.Transcript;
import java.util.Objects;
import java.util.Optional;

/**
 * After the handshake (RFC 8446 Appendix A: CONNECTED): application traffic secrets in both
 * directions, and the post-handshake messages of §4.6.
 *
 * <ul>
 *   <li>KeyUpdate (§4.6.3) both ways. Our reply to update_requested is owed, not sent at once: the
 *       engine sends one before our next application data, however many requests came. After an
 *       update the previous generation's secret is destroyed (§7.2: the old secret "SHOULD be
 *       deleted").</li>
 *   <li>NewSessionTicket is accepted by a client and filed in its session cache (§4.6.1).</li>
 *   <li>Post-handshake authentication (§4.6.2), only when the client offered post_handshake_auth:
 *       the server sends a CertificateRequest and reads Certificate, CertificateVerify and
 *       Finished; the client answers a CertificateRequest with that flight. A CertificateRequest
 *       to a client that did not offer the extension is unexpected_message ("servers MUST NOT
 *       send a post-handshake CertificateRequest to clients which do not offer this
 *       extension").</li>
 * </ul>
 *
 * @since chapter04
 */
public final class Connected implements ConnectedState {
    private final boolean client;
    private final CipherSuite suite;
    private final TrafficSecret readSecret;
    private final TrafficSecret writeSecret;
    private final Optional<ConnectionContext> context;
    private final Optional<TicketReceiver> tickets;
    private final boolean keyUpdateDue;
    /** Server: the post-handshake CertificateRequest awaiting its answer. */
    private final Optional<CertificateRequester> pending;
    /** Server: the client's answer so far (through Certificate or CertificateVerify). */
    private final Optional<Answer> answer;

    /** A connection without post-handshake authentication. */
    public Connected(boolean client, CipherSuite suite, TrafficSecret readSecret, TrafficSecret writeSecret) {
        this(client, suite, readSecret, writeSecret, Optional.empty(), Optional.empty(), false, Optional.empty(),
                Optional.empty());
    }

    /** A connection that can authenticate the client after the handshake when {@code context} allows it. */
    public Connected(boolean client, CipherSuite suite, TrafficSecret readSecret, TrafficSecret writeSecret,
            ConnectionContext context) {
        this(client, suite, readSecret, writeSecret, context, Optional.empty());
    }

    /**
     * A connection as above whose client files the server's NewSessionTickets with {@code tickets}
     * (RFC 8446 §4.6.1).
     */
    public Connected(boolean client, CipherSuite suite, TrafficSecret readSecret, TrafficSecret writeSecret,
            ConnectionContext context, Optional<TicketReceiver> tickets) {
        this(client, suite, readSecret, writeSecret, Optional.of(context), tickets, false, Optional.empty(),
                Optional.empty());
    }

    private Connected(boolean client, CipherSuite suite, TrafficSecret readSecret, TrafficSecret writeSecret,
            Optional<ConnectionContext> context, Optional<TicketReceiver> tickets, boolean keyUpdateDue,
            Optional<CertificateRequester> pending, Optional<Answer> answer) {
        this.tickets = Objects.requireNonNull(tickets);
        this.client = client;
        this.suite = Objects.requireNonNull(suite);
        this.readSecret = Objects.requireNonNull(readSecret);
        this.writeSecret = Objects.requireNonNull(writeSecret);
        this.context = context;
        this.keyUpdateDue = keyUpdateDue;
        this.pending = pending;
        this.answer = answer;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        if (answer.isPresent() || (pending.isPresent() && frame.is(HandshakeType.CERTIFICATE))) {
            return clientAnswer(frame, out);
        }
        if (frame.is(HandshakeType.KEY_UPDATE)) {
            return keyUpdate(Expect.decode(frame, KeyUpdate::decode), frame, out);
        }
        if (client && frame.is(HandshakeType.NEW_SESSION_TICKET)) {
            // RFC 8446 §4.6.1: the client MAY use the ticket later; it goes to the session cache.
            NewSessionTicket ticket = Expect.decode(frame, NewSessionTicket::decode);
            out.received(ticket, frame);
            tickets.ifPresent(t -> t.receive(ticket));
            return this;
        }
        if (client && frame.is(HandshakeType.CERTIFICATE_REQUEST) && offeredPostHandshakeAuth()) {
            return certificateRequest(frame, out);
        }
        // RFC 8446 §4.6.2: "servers MUST NOT send a post-handshake CertificateRequest to clients which do not
        // offer this extension" -> unexpected_message; a Certificate we never asked for likewise.
        throw client ? Expect.unexpected(name(), frame, HandshakeType.KEY_UPDATE, HandshakeType.NEW_SESSION_TICKET)
                : Expect.unexpected(name(), frame, HandshakeType.KEY_UPDATE);
    }

    @Override
    public Connected updateKeys(boolean requestPeerUpdate, HandshakeOutput out) {
        out.send(new KeyUpdate(requestPeerUpdate ? KeyUpdateRequest.UPDATE_REQUESTED : KeyUpdateRequest.UPDATE_NOT_REQUESTED));
        TrafficSecret next = writeSecret.next();
        out.installWriteKeys(suite, next, epoch(next));
        // RFC 8446 §7.2: "Once client_/server_application_traffic_secret_N+1 and its associated traffic keys have
        // been computed, implementations SHOULD delete client_/server_application_traffic_secret_N".
        writeSecret.secret().destroy();
        // Our KeyUpdate also answers any update_requested still owed (RFC 8446 §4.6.3).
        return new Connected(client, suite, readSecret, next, context, tickets, false, pending, answer);
    }

    @Override
    public boolean keyUpdateDue() {
        return keyUpdateDue;
    }

    @Override
    public Connected requestClientCertificate(HandshakeOutput out) {
        if (client) {
            throw new IllegalStateException("RFC 8446 §4.6.2: only a server requests a certificate");
        }
        if (!context.map(ConnectionContext::postHandshakeAuth).orElse(false)) {
            throw new IllegalStateException("RFC 8446 §4.6.2: the client did not offer post_handshake_auth");
        }
        if (pending.isPresent()) {
            throw new IllegalStateException("a post-handshake CertificateRequest is still unanswered");
        }
        // RFC 8446 §4.3.2: the context "MUST be unique within the connection (thus preventing replay of client
        // CertificateVerify messages)": 32 random bytes.
        byte[] id = new byte[32];
        ConnectionContext c = context.get();
        c.config().random().nextBytes(id);
        // An empty answer is reported as an anonymous client; what that means is the application's decision.
        CertificateRequester requester = CertificateRequester.of(c.config(), Opaque.of(id), false);
        out.send(requester.request());
        return new Connected(client, suite, readSecret, writeSecret, context, tickets, keyUpdateDue, Optional.of(requester),
                Optional.empty());
    }

    /** The epoch name of an application traffic secret: "application", then "application-N" after KeyUpdates. */
    public static String epoch(TrafficSecret secret) {
        return secret.generation() == 0 ? "application" : "application-" + secret.generation();
    }

    private boolean offeredPostHandshakeAuth() {
        return context.map(ConnectionContext::postHandshakeAuth).orElse(false);
    }

    private Connected keyUpdate(KeyUpdate update, HandshakeFrame frame, HandshakeOutput out) {
        out.received(update, frame);
        // RFC 8446 §4.6.3: "Upon receiving a KeyUpdate, the receiver MUST update its receiving keys."
        TrafficSecret nextRead = readSecret.next();
        out.installReadKeys(suite, nextRead, epoch(nextRead));
        // RFC 8446 §7.2: the previous generation is deleted once the next is in use.
        readSecret.secret().destroy();
        // RFC 8446 §4.6.3: "If the request_update field is set to "update_requested", then the receiver MUST send a
        // KeyUpdate of its own with request_update set to "update_not_requested" prior to sending its next
        // Application Data record." The reply is owed until then; further requests add nothing (one reply).
        boolean due = keyUpdateDue || update.requestUpdate() == KeyUpdateRequest.UPDATE_REQUESTED;
        return new Connected(client, suite, nextRead, writeSecret, context, tickets, due, pending, answer);
    }

    /** Client: RFC 8446 §4.6.2, answer a post-handshake CertificateRequest with Certificate, CertificateVerify, Finished. */
    private Connected certificateRequest(HandshakeFrame frame, HandshakeOutput out) {
        CertificateRequest request = Expect.decode(frame, CertificateRequest::decode);
        out.received(request, frame);
        CertificateResponder.checkRequest(request);
        ConnectionContext c = context.orElseThrow();
        Transcript t = CertificateResponder.answer(c.config(), request, c.throughClientFinished().add(frame.wireBytes()), out);
        // RFC 8446 §4.4: post-handshake Finished uses client_application_traffic_secret_N as its base key.
        out.send(new Finished(writeSecret.finishedVerifyData(t.currentHash())));
        return this;
    }

    /** Server: the client's Certificate, then CertificateVerify (if it sent a chain), then Finished. */
    private Connected clientAnswer(HandshakeFrame frame, HandshakeOutput out) {
        CertificateRequester requester = pending.orElseThrow();
        if (answer.isEmpty()) {
            Certificate certificate = Expect.message(frame, HandshakeType.CERTIFICATE, name(), Certificate::decode, out);
            Transcript t = context.orElseThrow().throughClientFinished().add(requester.request().frame().wireBytes())
                    .add(frame.wireBytes());
            CertificateRequester.ClientCertificate presented = requester.certificate(certificate);
            return with(Optional.of(new Answer(t, presented, presented.chain().isEmpty())));
        }
        Answer a = answer.get();
        if (!a.verified()) {
            CertificateVerify cv = Expect.message(frame, HandshakeType.CERTIFICATE_VERIFY, name(), CertificateVerify::decode, out);
            CertificateChain chain = a.presented().chain().orElseThrow();
            requester.certificateVerify(cv, chain, a.transcript().currentHash());
            return with(Optional.of(new Answer(a.transcript().add(frame.wireBytes()), a.presented(), true)));
        }
        int hashLength = suite.hash().orElseThrow().length();
        Finished finished = Expect.message(frame, HandshakeType.FINISHED, name(), r -> Finished.decode(r, hashLength), out);
        // RFC 8446 §4.4.4: the Finished of post-handshake authentication, keyed by client_application_traffic_secret_N.
        Expect.check(readSecret.verifyFinished(a.transcript().currentHash(), finished.verifyData()), Violation.BAD_FINISHED,
                "RFC 8446 §4.4.4: the client's post-handshake Finished verify_data is wrong");
        out.peerAuthenticated(TrustStatus.of(a.presented().authentication()), a.presented().authentication().subject(),
                a.presented().certificates());
        return new Connected(client, suite, readSecret, writeSecret, context, tickets, keyUpdateDue, Optional.empty(), Optional.empty());
    }

    private Connected with(Optional<Answer> next) {
        return new Connected(client, suite, readSecret, writeSecret, context, tickets, keyUpdateDue, pending, next);
    }

    /** The client's post-handshake answer so far: transcript, what it presented, and whether its CertificateVerify checked out. */
    private record Answer(Transcript transcript, CertificateRequester.ClientCertificate presented, boolean verified) {
    }
}
