package dev.tlsworkbook.engine.demo;

/**
 * One record of the illustrated connection as it crossed the wire.
 *
 * @param number its place in the connection, from 1
 * @param fromClient whether the client sent it
 * @param bytes the record, 5-byte header included
 * @param epoch the keys its sender protected it with, as the engine's trace names them
 *     ({@code "plaintext"}, {@code "handshake"}, {@code "application"}, …)
 * @param sequence its sequence number under those keys (RFC 8446 §5.3, RFC 5246 §6.1)
 * @since chapter04
 */
public record IllustratedRecord(int number, boolean fromClient, byte[] bytes, String epoch, long sequence) {
    public IllustratedRecord {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The outer content type (RFC 8446 §5.1). */
    public int type() {
        return bytes[0] & 0xff;
    }

    /** The body's length, the header's last two bytes. */
    public int length() {
        return bytes.length - 5;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IllustratedRecord r && number == r.number && fromClient == r.fromClient
                && java.util.Arrays.equals(bytes, r.bytes) && epoch.equals(r.epoch) && sequence == r.sequence;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(number, fromClient, java.util.Arrays.hashCode(bytes), epoch, sequence);
    }

    @Override
    public String toString() {
        return "record " + number + " (" + (fromClient ? "client" : "server") + ", type " + type() + ", " + bytes.length
                + " bytes, " + epoch + " #" + sequence + ")";
    }
}
