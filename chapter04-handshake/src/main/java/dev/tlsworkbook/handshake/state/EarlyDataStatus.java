package dev.tlsworkbook.handshake.state;

/**
 * What became of 0-RTT data in a handshake (RFC 8446 §4.2.10).
 *
 * @since chapter04
 */
public enum EarlyDataStatus {
    /** The client sent no early_data extension. */
    NOT_OFFERED,
    /** The server answered early_data in EncryptedExtensions: the 0-RTT data was read. */
    ACCEPTED,
    /** The client offered it, the server did not take it: the data was skipped and must be sent again if wanted. */
    REJECTED
}
