package dev.tlsworkbook.record;

/**
 * Sees every record as it is on the wire: after sealing, and before opening. The chapter demo
 * prints them; chapter04's trace listener builds on it. Must not keep or change the array.
 *
 * @since chapter02
 */
public interface RecordListener {
    /** A record we sealed, header included. */
    default void sent(byte[] record, int offset, int length) {
    }

    /** A record received, header included, before it is opened. */
    default void received(byte[] record, int offset, int length) {
    }
}
