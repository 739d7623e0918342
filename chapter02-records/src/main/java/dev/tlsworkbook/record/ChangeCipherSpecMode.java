package dev.tlsworkbook.record;

/**
 * What the read side does with a change_cipher_spec record.
 *
 * @since chapter02
 */
public enum ChangeCipherSpecMode {
    /** Any change_cipher_spec is an unexpected record (RFC 8446 §5: before the first ClientHello, after the peer's Finished). */
    REJECT,
    /**
     * RFC 8446 §5 / Appendix D.4: between the first ClientHello and the peer's Finished, an
     * unprotected record holding exactly the byte 0x01 is dropped; anything else is unexpected.
     */
    DROP_COMPATIBILITY,
    /** Handed to the caller like any other record: TLS 1.2, where it is a real protocol message (RFC 5246 §7.1). */
    DELIVER
}
