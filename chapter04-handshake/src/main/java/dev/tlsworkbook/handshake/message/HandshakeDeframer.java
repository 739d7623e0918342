package dev.tlsworkbook.handshake.message;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Optional;

/**
 * Turns the content of handshake records into whole handshake messages (RFC 8446 §5.1: "a single
 * handshake message MAY be fragmented across multiple records", and several may share one record).
 * Feed each record's plaintext with {@link #add}; take messages with {@link #next()}.
 *
 * <p><b>Size limit.</b> A uint24 length lets a peer announce 16 MiB. The announced length is
 * checked against a limit as soon as the four-byte header is complete, before any buffer for the
 * body is grown. RFC 8446 names no alert for "too large for us"; we send {@code decode_error}
 * (RFC 8446 §6.2: "the length of the message was incorrect"). Stacks differ here (OpenSSL sends
 * {@code illegal_parameter}, Go {@code internal_error}); the fault is in a length field, not in a
 * negotiated parameter or in us, so {@code decode_error} names it best. Defaults: 64 KiB ({@link #DEFAULT_MAX_MESSAGE_LENGTH}) for every message
 * except Certificate and CompressedCertificate, which get 256 KiB
 * ({@link #DEFAULT_MAX_CERTIFICATE_LENGTH}): real chains reach 10-20 KiB today, and
 * post-quantum (ML-DSA) chains several times that; Go's crypto/tls uses the same two limits.
 *
 * <p><b>Key changes.</b> RFC 8446 §5.1: "Handshake messages MUST NOT span key changes" and the
 * messages before a key change must end on a record boundary. Call {@link #checkKeyChange()}
 * before installing new read keys: it fails with {@code unexpected_message} if any byte is
 * still buffered, whether a partial message ({@link #isMidMessage()}) or a whole one not yet taken.
 *
 * @since chapter04
 */
public final class HandshakeDeframer {
    /** Default limit on a message body, 64 KiB. */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 1 << 16;
    /** Default limit on a Certificate or CompressedCertificate body, 256 KiB. */
    public static final int DEFAULT_MAX_CERTIFICATE_LENGTH = 1 << 18;

    private final java.util.function.IntUnaryOperator limitFor;
    private final ArrayDeque<HandshakeFrame> ready = new ArrayDeque<>();
    /** The rule named when a message is refused as too large: TLS 1.3's until a version says otherwise. */
    private String lengthRule = "RFC 8446 §4";
    private byte[] pending = new byte[0];
    private int pendingLength;

    /** With the default limits. */
    public HandshakeDeframer() {
        this(DEFAULT_MAX_MESSAGE_LENGTH, DEFAULT_MAX_CERTIFICATE_LENGTH);
    }

    public HandshakeDeframer(int maxMessageLength, int maxCertificateLength) {
        if (maxMessageLength < 0 || maxMessageLength > 0xffffff || maxCertificateLength < 0 || maxCertificateLength > 0xffffff) {
            throw new IllegalArgumentException("limits must be within a uint24");
        }
        this.limitFor = msgType -> msgType == HandshakeType.CERTIFICATE.code()
                || msgType == HandshakeType.COMPRESSED_CERTIFICATE.code() ? maxCertificateLength : maxMessageLength;
    }

    /**
     * With a limit per message type (GUIDE §11): {@code limitFor} maps a HandshakeType code to the
     * largest body accepted, so a ClientHello may use its full legal size while every other
     * message stays small.
     */
    public HandshakeDeframer(java.util.function.IntUnaryOperator limitFor) {
        this.limitFor = java.util.Objects.requireNonNull(limitFor, "limitFor");
    }

    /**
     * Adds the content of one handshake record (all remaining bytes of {@code fragment}; its
     * position moves to its limit). Complete messages become available from {@link #next()}.
     *
     * @throws TlsException {@link Violation#ZERO_LENGTH_FRAGMENT} for an empty fragment
     *     (RFC 8446 §5.1), {@link Violation#HANDSHAKE_MESSAGE_TOO_LARGE} for a length over the limit
     */
    public void add(ByteBuffer fragment) {
        if (!fragment.hasRemaining()) {
            // RFC 8446 §5.1: "Implementations MUST NOT send zero-length fragments of Handshake types"
            throw TlsException.local(Violation.ZERO_LENGTH_FRAGMENT, "RFC 8446 §5.1: zero-length handshake fragment");
        }
        while (fragment.hasRemaining()) {
            int wanted = pendingLength < HandshakeFrame.HEADER_LENGTH
                    ? HandshakeFrame.HEADER_LENGTH - pendingLength
                    : HandshakeFrame.HEADER_LENGTH + bodyLength() - pendingLength;
            int take = Math.min(wanted, fragment.remaining());
            ensureCapacity(pendingLength + take);
            fragment.get(pending, pendingLength, take);
            pendingLength += take;
            if (pendingLength == HandshakeFrame.HEADER_LENGTH) {
                checkLength(pending[0] & 0xff, bodyLength());
            }
            if (pendingLength >= HandshakeFrame.HEADER_LENGTH && pendingLength == HandshakeFrame.HEADER_LENGTH + bodyLength()) {
                ready.add(HandshakeFrame.parse(Opaque.of(pending, 0, pendingLength)));
                pendingLength = 0;
            }
        }
    }

    /** As {@link #add(ByteBuffer)}. */
    public void add(Opaque fragment) {
        add(fragment.asReadOnlyBuffer());
    }

    /**
     * The RFC section that defines the Handshake struct of the version chosen, named when a message
     * is refused as too large (e.g. TLS 1.2's RFC 5246 §7.4); before a version is chosen, RFC 8446 §4.
     */
    public void citeLengthRule(String rule) {
        this.lengthRule = java.util.Objects.requireNonNull(rule, "rule");
    }

    /** The next complete message, in order. */
    public Optional<HandshakeFrame> next() {
        return Optional.ofNullable(ready.poll());
    }

    /** True while part of a message has arrived and the rest has not. */
    public boolean isMidMessage() {
        return pendingLength > 0;
    }

    /** True when any byte is held: a partial message or a complete one not yet taken. */
    public boolean hasBufferedData() {
        return pendingLength > 0 || !ready.isEmpty();
    }

    /**
     * RFC 8446 §5.1: keys may change only on a record boundary that is also a message boundary.
     * Call before installing new read keys.
     *
     * @throws TlsException {@link Violation#KEY_CHANGE_INSIDE_MESSAGE} if anything is buffered
     */
    public void checkKeyChange() {
        if (hasBufferedData()) {
            throw TlsException.local(Violation.KEY_CHANGE_INSIDE_MESSAGE, "RFC 8446 §5.1: handshake data ("
                    + (isMidMessage() ? "a partial message" : ready.size() + " whole message(s)")
                    + ") would span a key change");
        }
    }

    private int bodyLength() {
        return ((pending[1] & 0xff) << 16) | ((pending[2] & 0xff) << 8) | (pending[3] & 0xff);
    }

    private void checkLength(int msgType, int length) {
        int limit = limitFor.applyAsInt(msgType);
        if (length > limit) {
            throw TlsException.local(Violation.HANDSHAKE_MESSAGE_TOO_LARGE, lengthRule + ": "
                    + HandshakeType.describe(msgType) + " announces " + length + " bytes, over our limit of " + limit);
        }
    }

    private void ensureCapacity(int needed) {
        if (needed > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(needed, Math.min(2 * pending.length, needed + 16 * 1024)));
        }
    }
}
