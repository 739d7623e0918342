package dev.tlsworkbook.negotiation;

import dev.tlsworkbook.bytes.Opaque;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The downgrade sentinels of RFC 8446 §4.1.3: a TLS 1.3-capable server that negotiates TLS 1.2
 * overwrites the last eight bytes of ServerHello.random with {@code 44 4F 57 4E 47 52 44 01}
 * ("DOWNGRD\x01"; "DOWNGRD\x00" for 1.1 and below). The random is covered by the signature in
 * ServerKeyExchange, so a man in the middle who strips TLS 1.3 from the ClientHello cannot remove
 * it, and a TLS 1.3-capable client that sees it knows it was downgraded.
 *
 * @since chapter05
 */
public enum DowngradeSentinel {
    /** "DOWNGRD\x01": the server negotiated TLS 1.2 but supports TLS 1.3. */
    TLS12(1),
    /** "DOWNGRD\x00": the server negotiated TLS 1.1 or below but supports a higher version. */
    TLS11_OR_BELOW(0);

    private final byte[] value;

    DowngradeSentinel(int last) {
        value = Arrays.copyOf("DOWNGRD".getBytes(StandardCharsets.US_ASCII), 8);
        value[7] = (byte) last;
    }

    /** The eight bytes. */
    public Opaque value() {
        return Opaque.of(value);
    }

    /** {@code random} with its last eight bytes replaced by this sentinel (RFC 8446 §4.1.3). */
    public Opaque stamp(Opaque random) {
        byte[] r = random.bytes();
        System.arraycopy(value, 0, r, r.length - 8, 8);
        return Opaque.of(r);
    }

    /** The sentinel {@code serverRandom} ends with, if any. */
    public static Optional<DowngradeSentinel> in(Opaque serverRandom) {
        Opaque tail = serverRandom.slice(serverRandom.length() - 8, 8);
        return Arrays.stream(values()).filter(s -> s.value().equals(tail)).findFirst();
    }
}
