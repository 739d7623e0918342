package dev.tlsworkbook.handshake.message;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Objects;

/**
 * The MAC over the whole handshake that authenticates it (RFC 8446 §4.4.4):
 *
 * <pre>
 * struct {
 *     opaque verify_data[Hash.length];
 * } Finished;
 * </pre>
 *
 * The length depends on the negotiated hash, so {@link #decode} takes it. Compare
 * {@code verifyData} in constant time ({@code ConstantTime.equals}).
 *
 * @since chapter04
 */
public record Finished(Opaque verifyData) implements Tls13Message {

    public Finished {
        Objects.requireNonNull(verifyData, "verifyData");
    }

    /** Reads exactly {@code hashLength} bytes (32 for SHA-256 suites, 48 for SHA-384). */
    public static Finished decode(WireReader in, int hashLength) {
        Opaque verifyData = in.fixed(hashLength);
        in.expectEnd();
        return new Finished(verifyData);
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
    public String toString() {
        return "Finished{verify_data=" + verifyData + "}";
    }
}
