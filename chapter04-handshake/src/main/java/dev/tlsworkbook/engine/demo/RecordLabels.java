package dev.tlsworkbook.engine.demo;

import java.util.List;
import java.util.Optional;

/**
 * How a chapter labels the records of its illustrated connection: the fields after the 5-byte
 * record header, on the wire and opened by hand. Chapter 4's {@link Tls13RecordLabels} labels
 * TLS 1.3 records; a later chapter adds its version's records (chapter 5: ServerKeyExchange,
 * ClientKeyExchange, ChangeCipherSpec, the TLS 1.2 Finished and the explicit nonce of a TLS 1.2
 * GCM record) and leaves the rest to chapter 4's by returning empty.
 *
 * @since chapter04
 */
@FunctionalInterface
public interface RecordLabels {
    /**
     * The labelled fields of {@code record} after its header, empty when these labels do not cover
     * it. Wire fields must cover the body's bytes in order; computed fields ({@link Field#wire()}
     * false) come after them.
     */
    Optional<List<Field>> body(IllustratedRecord record, IllustratedConnection connection);
}
