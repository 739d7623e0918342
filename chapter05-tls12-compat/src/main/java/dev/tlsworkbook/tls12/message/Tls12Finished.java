package dev.tlsworkbook.tls12.message;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.handshake.message.HandshakeMessage;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Objects;

/**
 * The TLS 1.2 Finished message (RFC 5246 §7.4.9): {@code opaque verify_data[verify_data_length]},
 * 12 bytes for every suite we implement ("verify_data_length ... 12" unless a suite says otherwise).
 *
 * @since chapter05
 */
public record Tls12Finished(Opaque verifyData) implements HandshakeMessage {
    /** RFC 5246 §7.4.9: the default verify_data_length. */
    public static final int VERIFY_DATA_LENGTH = 12;

    public Tls12Finished {
        Objects.requireNonNull(verifyData, "verifyData");
    }

    public static Tls12Finished decode(WireReader in) {
        Opaque verifyData = in.fixed(VERIFY_DATA_LENGTH);
        in.expectEnd();
        return new Tls12Finished(verifyData);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.FINISHED;
    }

    @Override
    public void encode(WireWriter out) {
        out.bytes(verifyData);
    }

    @Override
    public String traceFields() {
        return "verify_data=" + verifyData.length() + "B";
    }
}
