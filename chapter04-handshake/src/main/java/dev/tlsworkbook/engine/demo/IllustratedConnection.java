package dev.tlsworkbook.engine.demo;

import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.bytes.SecretBytes;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One seeded connection run for the illustrated page and the walkthrough: its records in order,
 * the suite the ServerHello chose and the client's key log, by key-log name ({@code
 * CLIENT_HANDSHAKE_TRAFFIC_SECRET}, {@code CLIENT_RANDOM} for TLS 1.2's master secret, …), which is
 * what opens its records by hand. The secrets are a seeded run's and protect nothing.
 *
 * @param records the records, client's and server's, in the order they were sent
 * @param suite the cipher suite of the ServerHello
 * @param secrets each key-log line's secret by its name (the first line of each name)
 * @param keyLog the key log's lines as written
 * @param traces what the client's trace saw, by record number
 * @since chapter04
 */
public record IllustratedConnection(List<IllustratedRecord> records, Optional<CipherSuite> suite,
                                    Map<String, SecretBytes> secrets, List<String> keyLog,
                                    Map<Integer, List<String>> traces) {
    public IllustratedConnection {
        records = List.copyOf(records);
        secrets = Map.copyOf(secrets);
        keyLog = List.copyOf(keyLog);
        traces = Map.copyOf(traces);
    }

    /** Whether {@code record}'s sender had sent a change_cipher_spec before it (TLS 1.2: it is protected). */
    public boolean afterChangeCipherSpec(IllustratedRecord record) {
        return records.stream().anyMatch(r -> r.number() < record.number() && r.fromClient() == record.fromClient()
                && r.type() == 20);
    }
}
