package dev.tlsworkbook.record.protection;

import dev.tlsworkbook.record.ContentType;

/**
 * How many zero bytes to append after the inner content type (RFC 8446 §5.4). The protection caps
 * the answer so TLSInnerPlaintext never exceeds 2^14 + 1 bytes.
 *
 * @since chapter02
 */
public interface PaddingPolicy {
    /** No padding: the record length reveals the plaintext length. */
    PaddingPolicy NONE = new PaddingPolicy() {
        @Override
        public int padding(ContentType type, int length) {
            return 0;
        }

        @Override
        public int maxPadding() {
            return 0;
        }
    };

    /** Zero bytes to add after a {@code length}-byte fragment of {@code type}; at most {@link #maxPadding()}. */
    int padding(ContentType type, int length);

    /** The most padding {@link #padding} ever returns. */
    int maxPadding();

    /** Pads every TLSInnerPlaintext (content plus type byte) to a multiple of {@code block} bytes. */
    static PaddingPolicy toMultipleOf(int block) {
        if (block < 1 || block > 4096) {
            throw new IllegalArgumentException("block must be 1..4096, got " + block);
        }
        return new PaddingPolicy() {
            @Override
            public int padding(ContentType type, int length) {
                int inner = length + 1;
                return (block - inner % block) % block;
            }

            @Override
            public int maxPadding() {
                return block - 1;
            }
        };
    }
}
