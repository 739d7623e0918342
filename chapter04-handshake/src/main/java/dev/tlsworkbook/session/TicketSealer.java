package dev.tlsworkbook.session;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.wire.DecodeException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals server state into an opaque blob only this server can open, so the server keeps no state
 * per session (RFC 5077 §4's construction with an AEAD, as RFC 8446 §4.6.1 allows any "opaque
 * label"): the same code seals TLS 1.3 tickets, TLS 1.2 tickets and HelloRetryRequest cookies,
 * told apart by the {@link SealedState} tags inside.
 *
 * <pre>
 * struct {
 *     opaque key_name[16];   // which TicketKeys key; also the AEAD's additional data
 *     opaque nonce[12];      // fresh per blob
 *     opaque sealed[..];     // AES-256-GCM(SealedState), 16-byte tag included
 * } SealedBlob;
 * </pre>
 *
 * A blob whose key is unknown (rotated out, or from another server) or whose tag fails simply does
 * not open: the caller falls back (a full handshake), it never learns why.
 *
 * @since chapter04
 */
public final class TicketSealer {
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_LENGTH = 16;
    /** The smallest blob that can hold a sealed empty state. */
    public static final int MIN_LENGTH = TicketKeys.NAME_LENGTH + NONCE_LENGTH + 5 + TAG_LENGTH;

    private final TicketKeys keys;
    private final SecureRandom random;

    public TicketSealer(TicketKeys keys, SecureRandom random) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.random = Objects.requireNonNull(random, "random");
    }

    public TicketKeys keys() {
        return keys;
    }

    /** Seals {@code state} under the current key. */
    public Opaque seal(SealedState state) {
        TicketKeys.TicketKey key = keys.current();
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        byte[] plaintext = state.encode().bytes();
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            gcm.updateAAD(key.name().bytes());
            byte[] sealed = gcm.doFinal(plaintext);
            return key.name().concat(Opaque.of(nonce)).concat(Opaque.of(sealed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is unavailable", e);
        } finally {
            java.util.Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * Opens {@code blob} when it was sealed by this server under the current or previous key and
     * carries {@code purpose} and {@code version}; empty otherwise.
     */
    public Optional<Opaque> open(Opaque blob, SealedState.Purpose purpose, int version) {
        if (blob.length() < MIN_LENGTH) {
            return Optional.empty();
        }
        Optional<TicketKeys.TicketKey> key = keys.find(blob.slice(0, TicketKeys.NAME_LENGTH));
        if (key.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = blob.bytes();
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, key.get().key(),
                    new GCMParameterSpec(TAG_LENGTH * 8, bytes, TicketKeys.NAME_LENGTH, NONCE_LENGTH));
            gcm.updateAAD(bytes, 0, TicketKeys.NAME_LENGTH);
            int offset = TicketKeys.NAME_LENGTH + NONCE_LENGTH;
            byte[] plaintext = gcm.doFinal(bytes, offset, bytes.length - offset);
            SealedState state = SealedState.decode(Opaque.of(plaintext));
            java.util.Arrays.fill(plaintext, (byte) 0);
            return state.purpose() == purpose && state.version() == version ? Optional.of(state.state()) : Optional.empty();
        } catch (javax.crypto.AEADBadTagException | DecodeException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is unavailable", e);
        }
    }
}
