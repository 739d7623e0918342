package dev.tlsworkbook.handshake.server;

import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.ConstantTime;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.HashAlgorithm;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.extension.PreSharedKeyClientHello;
import dev.tlsworkbook.handshake.extension.PskIdentity;
import dev.tlsworkbook.handshake.extension.PskKeyExchangeMode;
import dev.tlsworkbook.handshake.extension.PskKeyExchangeModes;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.resumption.ResumptionState;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.keyschedule.EarlySecret;
import dev.tlsworkbook.keyschedule.Transcript;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's choice of a resumption PSK (RFC 8446 §4.2.11) and whether its 0-RTT data is
 * accepted (§4.2.10, §8). A ticket that does not qualify never fails the handshake: the server
 * falls back to a full one (§4.2.11: it "MUST ensure that it selects a compatible PSK (if any)").
 * Only a binder that does not validate for the chosen ticket aborts (decrypt_error).
 *
 * @param index the selected_identity sent back in the ServerHello
 * @param dhe psk_dhe_ke (a fresh (EC)DHE too) rather than psk_ke
 * @param earlyData whether the 0-RTT data is accepted
 * @since chapter04
 */
record PskAcceptance(int index, ResumptionState state, EarlySecret earlySecret, boolean dhe, boolean earlyData) {
    private static final Logger LOG = LoggerFactory.getLogger(PskAcceptance.class);
    /** Identities looked at: a ClientHello may list many, each costing an AEAD open. */
    static final int MAX_IDENTITIES_TRIED = 4;

    /**
     * The PSK to use for {@code ch}, if any.
     *
     * @param beforeClientHello the transcript before this ClientHello (empty, or message_hash and the
     *     HelloRetryRequest), over which with the truncated ClientHello the binder is computed (§4.2.11.2)
     * @param firstClientHello false after a HelloRetryRequest: 0-RTT is never accepted then (§4.2.10)
     */
    static Optional<PskAcceptance> select(TlsConfig config, ClientHello ch, Opaque wireBytes, Transcript beforeClientHello,
            Negotiation negotiation, boolean firstClientHello) {
        Optional<PreSharedKeyClientHello> offered = ch.extensions().find(PreSharedKeyClientHello.class);
        if (offered.isEmpty()) {
            return Optional.empty();
        }
        // 0. RFC 8446 §4.3.2: "Servers which are authenticating with a resumption PSK MUST NOT send the
        //    CertificateRequest in the main handshake", and a ticket does not carry the client's certificate:
        //    a server that asks for client certificates authenticates every client afresh, with a full handshake.
        if (config.clientAuth().requests()) {
            LOG.debug("PSK not accepted: client certificates are requested, so the handshake is a full one");
            return Optional.empty();
        }
        // 1. RFC 8446 §4.2.9: the key exchange modes the client allows; psk_dhe_ke is preferred, psk_ke only when
        //    configured (it gives up forward secrecy for the resumed connection). A PSK-only ClientHello (no
        //    supported_groups or key_share, so no group negotiated) can only use psk_ke.
        List<PskKeyExchangeMode> modes = ch.extensions().find(PskKeyExchangeModes.class).orElseThrow().knownModes();
        boolean dhe = modes.contains(PskKeyExchangeMode.PSK_DHE_KE) && negotiation.group().isPresent();
        if (!dhe && !(config.allowPskKe() && modes.contains(PskKeyExchangeMode.PSK_KE))) {
            return Optional.empty();
        }
        HashAlgorithm hash = negotiation.suite().hash().orElseThrow();
        Instant now = config.clock().instant();
        List<PskIdentity> identities = offered.get().identities();
        for (int i = 0; i < Math.min(identities.size(), MAX_IDENTITIES_TRIED); i++) {
            PskIdentity identity = identities.get(i);
            Optional<ResumptionState> redeemed = config.serverTickets().redeem(identity.identity());
            if (redeemed.isEmpty()) {
                LOG.debug("PSK identity {} is not a ticket of ours (or its key rotated out)", i);
                continue;
            }
            ResumptionState state = redeemed.get();
            // 2. RFC 8446 §4.6.1: ticket_lifetime bounds its use.
            if (now.isBefore(state.issued()) || !now.isBefore(state.expires())) {
                LOG.debug("PSK identity {} expired at {}", i, state.expires());
                continue;
            }
            // 3. RFC 8446 §4.2.11: "the server MUST ensure that it selects a compatible PSK (if any) and cipher
            //    suite": the ticket's hash must be the negotiated suite's.
            if (state.suite().hash().orElseThrow() != hash) {
                LOG.debug("PSK identity {} is for {}, not {}'s hash", i, state.suite(), negotiation.suite());
                continue;
            }
            // 4. RFC 8446 §4.6.1: a ticket is for the server_name it was issued under; RFC 6066 §3 makes the
            //    same rule for resumption.
            if (!state.serverName().equals(negotiation.serverName())) {
                LOG.debug("PSK identity {} was issued for another server_name", i);
                continue;
            }
            // 5. RFC 8446 §4.2.11: "Prior to accepting PSK key establishment, the server MUST validate the
            //    corresponding binder value ... If this value is not present or does not validate, the server
            //    MUST abort the handshake." Compared in constant time.
            EarlySecret early = EarlySecret.fromPsk(hash, state.psk());
            Opaque expected = early.binder(EarlySecret.PskKind.RESUMPTION,
                    beforeClientHello.hashWithTruncatedClientHello(ch.truncateForBinders(wireBytes)));
            Expect.check(ConstantTime.equals(expected, offered.get().binders().get(i)), Violation.BAD_PSK_BINDER,
                    "RFC 8446 §4.2.11: the binder of PSK identity " + i + " does not validate");
            boolean earlyData = firstClientHello && acceptEarlyData(config, ch, negotiation, i, identity, state, now);
            return Optional.of(new PskAcceptance(i, state, early, dhe, earlyData));
        }
        return Optional.empty();
    }

    /** RFC 8446 §4.2.10 and §8: every condition for accepting 0-RTT; any one failing rejects it (and only it). */
    private static boolean acceptEarlyData(TlsConfig config, ClientHello ch, Negotiation negotiation, int index,
            PskIdentity identity, ResumptionState state, Instant now) {
        if (!ch.extensions().contains(ExtensionType.EARLY_DATA)) {
            return false;
        }
        // a. Only when configured, and the ticket allowed it.
        if (config.maxEarlyDataSize() == 0 || state.maxEarlyDataSize() == 0) {
            return false;
        }
        // b. §4.2.10: "the server MUST verify that ... The selected_identity is 0" and the suite and ALPN protocol
        //    are those of the connection that issued the ticket.
        if (index != 0 || state.suite() != negotiation.suite()
                || !state.applicationProtocol().equals(negotiation.applicationProtocol())) {
            LOG.debug("0-RTT rejected: identity {}, suite or ALPN differs from the ticket's", index);
            return false;
        }
        // c. §8.3: the client's view of the ticket age (obfuscated_ticket_age - ticket_age_add mod 2^32) must be
        //    within the window of ours.
        long clientAge = (identity.obfuscatedTicketAge() - state.ticketAgeAdd()) & 0xffffffffL;
        long serverAge = now.toEpochMilli() - state.issued().toEpochMilli();
        if (Math.abs(serverAge - clientAge) > config.ticketAgeTolerance().toMillis()) {
            LOG.debug("0-RTT rejected: ticket age {} ms, client says {} ms", serverAge, clientAge);
            return false;
        }
        // d. §8.1: single use, remembered by the ticket's hash until the ticket expires.
        Opaque ticketId = Opaque.of(HashAlgorithm.SHA256.newDigest().digest(identity.identity().bytes()));
        if (!config.antiReplay().firstUse(ticketId, state.expires())) {
            LOG.debug("0-RTT rejected: the ticket was used for early data before (replay)");
            return false;
        }
        return true;
    }
}
