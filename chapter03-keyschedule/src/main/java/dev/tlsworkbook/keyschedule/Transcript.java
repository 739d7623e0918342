package dev.tlsworkbook.keyschedule;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.crypto.HashAlgorithm;
import dev.tlsworkbook.wire.WireWriter;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The running transcript hash (RFC 8446 §4.4.1): the hash of the handshake messages so far,
 * each exactly as it was sent or received (its 4-byte handshake header included, record framing
 * excluded), never a re-encoding.
 *
 * <p>Immutable: {@link #add} returns a new transcript, so a state can keep the transcript as of
 * its own message (a Finished is computed over "everything up to here", and the next message
 * extends it). Each step clones the digest state ({@link MessageDigest#clone()}), which costs a
 * few hundred bytes, not a rehash.
 *
 * <p>After a HelloRetryRequest the first ClientHello is replaced by a synthetic message
 * (RFC 8446 §4.4.1):
 * <pre>
 * Transcript-Hash(ClientHello1, HelloRetryRequest, ... Mn) =
 *     Hash(message_hash ||        /* Handshake type 254 *&#47;
 *          00 00 Hash.length  ||  /* Handshake message length (bytes) *&#47;
 *          Hash(ClientHello1) ||  /* Hash of ClientHello1 *&#47;
 *          HelloRetryRequest  || ... || Mn)
 * </pre>
 * see {@link #replaceClientHelloWithMessageHash()}.
 *
 * <p>A transcript made with {@link #retainingMessages} also keeps the messages themselves, for a
 * signature over the handshake rather than over its hash: TLS 1.2's CertificateVerify signs
 * "all handshake messages sent or received" (RFC 5246 §7.4.8) with the signature scheme's own
 * hash, which need not be the cipher suite's.
 *
 * @since chapter03
 */
public final class Transcript {
    /** HandshakeType message_hash(254), used only in transcripts (RFC 8446 §4). */
    public static final int MESSAGE_HASH = 254;

    private final HashAlgorithm hash;
    private final MessageDigest digest;
    private final int messages;
    /** The messages so far, newest first, or null when this transcript keeps only the hash. */
    private final Retained retained;

    private Transcript(HashAlgorithm hash, MessageDigest digest, int messages, Retained retained) {
        this.hash = hash;
        this.digest = digest;
        this.messages = messages;
        this.retained = retained;
    }

    /** An empty transcript over the cipher suite's hash. */
    public static Transcript of(HashAlgorithm hash) {
        return new Transcript(hash, hash.newDigest(), 0, null);
    }

    /**
     * An empty transcript over the cipher suite's hash that also keeps every message added, for
     * {@link #messages()}. Each step shares the messages before it, so adding stays constant work.
     */
    public static Transcript retainingMessages(HashAlgorithm hash) {
        return new Transcript(hash, hash.newDigest(), 0, Retained.NONE);
    }

    public HashAlgorithm hash() {
        return hash;
    }

    /** How many messages went in (the synthetic message_hash counts as one). */
    public int messageCount() {
        return messages;
    }

    /**
     * This transcript followed by {@code handshakeMessage}: the exact bytes of one Handshake
     * structure, {@code msg_type(1) || length(3) || body}.
     *
     * @throws IllegalArgumentException if the bytes are not one whole handshake message (a bug in
     *     the caller, never the peer: the handshake layer has already framed the message)
     */
    public Transcript add(Opaque handshakeMessage) {
        Objects.requireNonNull(handshakeMessage, "handshakeMessage");
        int n = handshakeMessage.length();
        if (n < 4 || (handshakeMessage.byteAt(1) << 16 | handshakeMessage.byteAt(2) << 8 | handshakeMessage.byteAt(3)) != n - 4) {
            throw new IllegalArgumentException("not one whole handshake message: " + handshakeMessage);
        }
        MessageDigest next = copy();
        next.update(handshakeMessage.bytes());
        return new Transcript(hash, next, messages + 1,
                retained == null ? null : new Retained(retained, handshakeMessage, retained.length + n));
    }

    /** True for a transcript made with {@link #retainingMessages}. */
    public boolean retainsMessages() {
        return retained != null;
    }

    /**
     * The messages so far, concatenated in order: what TLS 1.2's CertificateVerify signs (RFC 5246
     * §7.4.8, {@code handshake_messages}).
     *
     * @throws IllegalStateException unless this transcript {@link #retainsMessages() retains messages}
     */
    public Opaque messages() {
        if (retained == null) {
            throw new IllegalStateException("this transcript keeps only the hash; use Transcript.retainingMessages");
        }
        byte[] all = new byte[retained.length];
        for (Retained r = retained; r.message != null; r = r.previous) {
            r.message.copyTo(all, r.previous.length);
        }
        return Opaque.of(all);
    }

    /** {@code Transcript-Hash(messages so far)}; the transcript is unchanged. */
    public Opaque currentHash() {
        return Opaque.of(copy().digest());
    }

    /**
     * The hash a PSK binder is computed over (RFC 8446 §4.2.11.2): this transcript (empty, or
     * message_hash and HelloRetryRequest after a retry) followed by {@code Truncate(ClientHello)},
     * the ClientHello up to and excluding the binders list. Its header still carries the length of
     * the whole message, so it is hashed as it is. The transcript is unchanged: the complete
     * ClientHello is {@link #add added} afterwards.
     *
     * @throws IllegalArgumentException if the bytes do not start a ClientHello that is longer than them
     */
    public Opaque hashWithTruncatedClientHello(Opaque truncatedClientHello) {
        int n = truncatedClientHello.length();
        if (n < 4 || truncatedClientHello.byteAt(0) != 1
                || (truncatedClientHello.byteAt(1) << 16 | truncatedClientHello.byteAt(2) << 8 | truncatedClientHello.byteAt(3)) <= n - 4) {
            throw new IllegalArgumentException("not a ClientHello truncated before its binders: " + truncatedClientHello);
        }
        MessageDigest d = copy();
        d.update(truncatedClientHello.bytes());
        return Opaque.of(d.digest());
    }

    /**
     * The transcript a HelloRetryRequest leaves: ClientHello1 replaced by
     * {@code message_hash(254) || 00 00 Hash.length || Hash(ClientHello1)} (RFC 8446 §4.4.1). The
     * HelloRetryRequest itself is added next, as usual.
     *
     * @throws IllegalStateException unless exactly one message (ClientHello1) has been added
     */
    public Transcript replaceClientHelloWithMessageHash() {
        if (messages != 1) {
            throw new IllegalStateException("RFC 8446 §4.4.1: message_hash replaces ClientHello1 only, but the transcript holds "
                    + messages + " messages");
        }
        return of(hash).add(messageHash(hash, currentHash()));
    }

    /** The synthetic {@code message_hash} handshake message carrying {@code Hash(ClientHello1)}. */
    public static Opaque messageHash(HashAlgorithm hash, Opaque clientHello1Hash) {
        if (clientHello1Hash.length() != hash.length()) {
            throw new IllegalArgumentException("Hash(ClientHello1) must be " + hash.length() + " bytes");
        }
        return new WireWriter(4 + hash.length()).u8(MESSAGE_HASH).prefixed24(w -> w.bytes(clientHello1Hash)).toOpaque();
    }

    /** One retained message on top of those before it; {@link #NONE} ends the chain. */
    private record Retained(Retained previous, Opaque message, int length) {
        static final Retained NONE = new Retained(null, null, 0);
    }

    private MessageDigest copy() {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            // Every JDK digest is cloneable; a provider that is not would need a replaying transcript.
            throw new IllegalStateException(hash + " digest cannot be cloned", e);
        }
    }

    @Override
    public String toString() {
        return "Transcript[" + hash + ", " + messages + " messages, hash=" + currentHash() + "]";
    }
}
