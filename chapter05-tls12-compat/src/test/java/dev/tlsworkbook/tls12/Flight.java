package dev.tlsworkbook.tls12;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.record.ContentType;
import dev.tlsworkbook.record.RecordHeader;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Rewrites the handshake messages of a plaintext flight, for scripted bad peers. */
final class Flight {
    private Flight() {
    }

    /**
     * {@code records} (plaintext handshake records only) with each message replaced by
     * {@code edit(message)}, re-framed into one record per message.
     */
    static byte[] rewrite(byte[] records, UnaryOperator<HandshakeFrame> edit) {
        return rewriteAll(records, frame -> List.of(edit.apply(frame)));
    }

    /**
     * {@code records} (plaintext handshake records only) with each message replaced by the
     * messages {@code edit} returns for it (none drops it, two insert one), one record per message.
     */
    static byte[] rewriteAll(byte[] records, Function<HandshakeFrame, List<HandshakeFrame>> edit) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < records.length) {
            if (RecordHeader.type(records, pos) != ContentType.HANDSHAKE.code()) {
                throw new IllegalArgumentException("not a plaintext handshake flight");
            }
            int length = RecordHeader.length(records, pos);
            body.write(records, pos + RecordHeader.LENGTH, length);
            pos += RecordHeader.LENGTH + length;
        }
        byte[] messages = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int m = 0;
        while (m < messages.length) {
            int length = (messages[m + 1] & 0xff) << 16 | (messages[m + 2] & 0xff) << 8 | (messages[m + 3] & 0xff);
            HandshakeFrame frame = HandshakeFrame.parse(Opaque.of(messages, m, 4 + length));
            for (HandshakeFrame replacement : edit.apply(frame)) {
                byte[] edited = replacement.wireBytes().bytes();
                byte[] header = new byte[RecordHeader.LENGTH];
                RecordHeader.write(header, 0, ContentType.HANDSHAKE.code(), 0x0303, edited.length);
                out.writeBytes(header);
                out.writeBytes(edited);
            }
            m += 4 + length;
        }
        return out.toByteArray();
    }

    /** How many leading bytes of {@code flight} are plaintext handshake records (before a ChangeCipherSpec). */
    static int handshakePrefix(byte[] flight) {
        int pos = 0;
        while (pos < flight.length && RecordHeader.type(flight, pos) == ContentType.HANDSHAKE.code()) {
            pos += RecordHeader.LENGTH + RecordHeader.length(flight, pos);
        }
        return pos;
    }
}
