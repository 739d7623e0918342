package dev.tlsworkbook.engine.demo;

import dev.tlsworkbook.alert.Alert;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.engine.MessageFields;
import dev.tlsworkbook.engine.TlsEngine;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.TestPki;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import dev.tlsworkbook.handshake.message.HandshakeMessage;
import dev.tlsworkbook.handshake.state.TraceListener;
import dev.tlsworkbook.keyschedule.KeyLog;
import dev.tlsworkbook.record.ContentType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code illustrate --out DIR}: one seeded connection between our client and our server, run in
 * memory through two {@link TlsEngine}s, written as a self-contained static page ({@code
 * DIR/index.html}): every record as bytes, its header and contents field by field, each labelled
 * and explained on hover ({@link Field}), every encrypted record opened by hand with the key log
 * (key, IV, nonce, additional data, the inner plaintext and its content-type byte), the
 * certificate's DER dissected, and the secrets of the connection, with links to the class that
 * handles each part and the RFC section that defines it. No script: hover shows a field's
 * explanation, a click opens the details. The seed (7 unless {@code --seed}) makes the page the
 * same on every run, so it is committed under {@code docs/} and a test regenerates it.
 *
 * <p>Chapter 4 draws TLS 1.3 ({@link Illustration#TLS13}); a later chapter passes its own
 * {@link Illustration}: its configuration hooks and its {@link RecordLabels}.
 *
 * @since chapter04
 */
public final class Illustrate {
    /** The seed of the committed pages. */
    public static final long DEFAULT_SEED = 7;
    /** From a page under docs/NAME/ to the repository root. */
    private static final String ROOT = "../../";

    private Illustrate() {
    }

    /** Writes DIR/index.html for {@code spec} and returns its path. */
    public static Path write(DemoEntropy entropy, Illustration spec, Path dir) throws IOException {
        IllustratedConnection connection = run(entropy, spec);
        Files.createDirectories(dir);
        Path page = dir.resolve("index.html");
        Files.writeString(page, html(entropy, spec, connection), StandardCharsets.UTF_8);
        return page;
    }

    /** Runs the seeded connection of {@code spec} in memory and returns its records and secrets. */
    public static IllustratedConnection run(DemoEntropy entropy, Illustration spec) {
        Clock clock = entropy.clock();
        TestPki pki = TestPki.create(clock, entropy.random("pki"));
        CertifiedKey localhost = pki.issueLocalhost(KeyKind.EC_P256);
        List<String> keyLog = new ArrayList<>();
        List<String> pendingSent = new ArrayList<>();
        List<String> pendingReceived = new ArrayList<>();
        Deque<String> clientEpochs = new ArrayDeque<>();
        Deque<String> serverEpochs = new ArrayDeque<>();
        TraceListener trace = new TraceListener() {
            @Override
            public void record(Direction direction, ContentType outerType, int length, String epoch) {
                if (direction == Direction.SENT) {
                    clientEpochs.add(epoch);
                }
            }

            @Override
            public void handshakeMessage(Direction direction, HandshakeMessage message, Opaque wireBytes, String epoch) {
                String line = MessageFields.name(message) + ": " + MessageFields.describe(message) + " ("
                        + wireBytes.length() + " bytes with its 4-byte header)";
                (direction == Direction.SENT ? pendingSent : pendingReceived).add(line);
            }

            @Override
            public void alert(Direction direction, Alert alert) {
                (direction == Direction.SENT ? pendingSent : pendingReceived).add("Alert: " + alert);
            }

            @Override
            public void keysInstalled(Direction direction, String epoch, CipherSuite suite) {
                (direction == Direction.SENT ? pendingSent : pendingReceived).add("(client " + (direction
                        == Direction.SENT ? "writes" : "reads") + " with " + epoch + " from the next record: "
                        + suite + ")");
            }
        };
        TraceListener serverTrace = new TraceListener() {
            @Override
            public void record(Direction direction, ContentType outerType, int length, String epoch) {
                if (direction == Direction.SENT) {
                    serverEpochs.add(epoch);
                }
            }
        };
        TlsConfig.Builder serverConfig = TlsConfig.builder().certificates(List.of(localhost)).clock(clock)
                .random(entropy.random("server")).traceListener(serverTrace);
        spec.server().configure(serverConfig);
        TlsConfig.Builder clientConfig = TlsConfig.builder()
                .trustPolicy(TrustPolicy.verify(List.of(pki.caCertificate()), clock)).clock(clock)
                .random(entropy.random("client")).traceListener(trace).keyLog(KeyLog.to(keyLog::add));
        spec.client().configure(clientConfig);
        TlsEngine client = TlsEngine.client(clientConfig.build(), "localhost");
        TlsEngine server = TlsEngine.server(serverConfig.build());
        String text = "hello, " + spec.version() + "\n";
        byte[] request = text.getBytes(StandardCharsets.UTF_8);
        Pump pump = new Pump();
        boolean requested = false;
        boolean echoed = false;
        boolean closed = false;
        for (int round = 0; round < 100; round++) {
            boolean moved = pump.move(client, server, true, clientEpochs, pendingSent);
            moved |= pump.move(server, client, false, serverEpochs, pendingReceived);
            if (client.isHandshakeComplete() && !requested) {
                client.writePlaintext(request, 0, request.length);
                pendingSent.add("application data: \"" + text.strip() + "\\n\"");
                requested = true;
                moved = true;
            }
            if (server.availablePlaintext() > 0 && !echoed) {
                byte[] buf = new byte[server.availablePlaintext()];
                int n = server.readPlaintext(buf, 0, buf.length);
                server.writePlaintext(buf, 0, n);
                echoed = true;
                moved = true;
            }
            if (client.availablePlaintext() > 0 && !closed) {
                byte[] buf = new byte[client.availablePlaintext()];
                client.readPlaintext(buf, 0, buf.length);
                pendingReceived.add("application data: the echo, \"" + text.strip() + "\\n\"");
                client.closeOutbound();
                closed = true;
                moved = true;
            }
            if (closed && server.isInboundClosed() && !server.isOutboundClosed()) {
                server.closeOutbound();
                moved = true;
            }
            if (!moved) {
                break;
            }
        }
        Map<String, SecretBytes> secrets = new LinkedHashMap<>();
        for (String line : keyLog) {
            String[] f = line.strip().split(" ");
            if (f.length == 3) {
                secrets.putIfAbsent(f[0], SecretBytes.fromHex(f[2]));
            }
        }
        return new IllustratedConnection(pump.records, suite(pump.records), secrets, keyLog, pump.traces);
    }

    /** Moves records between the engines, noting each with its epoch and sequence number. */
    private static final class Pump {
        final List<IllustratedRecord> records = new ArrayList<>();
        final Map<Integer, List<String>> traces = new HashMap<>();
        final Map<String, Long> sequences = new HashMap<>();

        boolean move(TlsEngine from, TlsEngine to, boolean fromClient, Deque<String> epochs, List<String> pending) {
            if (from.pendingOutput() == 0) {
                return false;
            }
            byte[] bytes = new byte[from.pendingOutput()];
            int n = from.takeOutput(bytes, 0, bytes.length);
            bytes = Arrays.copyOf(bytes, n);
            for (int off = 0; off + 5 <= bytes.length;) {
                int length = HandshakeFields.u16(bytes, off + 3);
                String epoch = epochs.isEmpty() ? "plaintext" : epochs.poll();
                String key = fromClient + "/" + epoch;
                long sequence = sequences.merge(key, 1L, Long::sum) - 1;
                int number = records.size() + 1;
                records.add(new IllustratedRecord(number, fromClient, Arrays.copyOfRange(bytes, off, off + 5 + length),
                        epoch, sequence));
                if (fromClient) {
                    traces.computeIfAbsent(number, k -> new ArrayList<>()).addAll(pending);
                    pending.clear();
                }
                off += 5 + length;
            }
            to.receive(bytes, 0, bytes.length);
            if (!fromClient && !records.isEmpty()) {
                // what the client saw in the server's records: attach to the last one it sent
                traces.computeIfAbsent(records.size(), k -> new ArrayList<>()).addAll(pending);
                pending.clear();
            }
            return true;
        }
    }

    /** The suite of the last ServerHello that is not a HelloRetryRequest. */
    private static Optional<CipherSuite> suite(List<IllustratedRecord> records) {
        Optional<CipherSuite> suite = Optional.empty();
        for (IllustratedRecord r : records) {
            byte[] b = r.bytes();
            if (!r.fromClient() && r.type() == 22 && r.epoch().equals("plaintext") && b.length > 44 && b[5] == 2) {
                String random = dev.tlsworkbook.bytes.Hex.encode(Arrays.copyOfRange(b, 11, 43));
                if (!random.equals(HandshakeFields.HRR_RANDOM)) {
                    int sid = b[43] & 0xff;
                    suite = CipherSuite.fromCode(HandshakeFields.u16(b, 44 + sid));
                }
            }
        }
        return suite;
    }

    /** The record's fields: the header, then the body as {@code spec}'s labels or chapter 4's see it. */
    public static List<Field> fields(IllustratedRecord record, IllustratedConnection connection, Illustration spec) {
        byte[] r = record.bytes();
        String code = "chapter02-records/src/main/java/dev/tlsworkbook/record/";
        List<Field> fields = new ArrayList<>();
        fields.add(Field.of("ContentType", r, 0, 1, "content type " + typeName(record.type()) + ": what the record"
                + " carries; a TLS 1.3 encrypted record always says application_data (23) and hides the real type"
                + " inside", "RFC 8446 §5.1", code + "ContentType.java"));
        fields.add(Field.of("legacy_record_version", r, 1, 2, "03 03 (TLS 1.2) on every record but possibly the first"
                + " ClientHello (03 01): middleboxes expect it; the version is negotiated in the hellos", "RFC 8446 §5.1",
                code + "RecordDecoder.java"));
        fields.add(Field.of("length", r, 3, 2, record.length() + " bytes follow, at most 2^14 (+256 when encrypted)",
                "RFC 8446 §5.1", code + "RecordDecoder.java"));
        fields.addAll(spec.labels().body(record, connection)
                .or(() -> Tls13RecordLabels.INSTANCE.body(record, connection)).orElseThrow());
        return fields;
    }

    private static String html(DemoEntropy entropy, Illustration spec, IllustratedConnection connection) {
        StringBuilder b = new StringBuilder();
        long seed = entropy.seed().getAsLong();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<title>The illustrated tls-workbook connection (").append(esc(spec.version()))
                .append(", --seed ").append(seed).append(")</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:72em;margin:2em auto;line-height:1.4}\n")
                .append(".record{border:1px solid #999;border-radius:6px;margin:1em 0;padding:.5em 1em}\n")
                .append(".client{background:#eef5ff}.server{background:#f3fff0}\n")
                .append(".bytes{font-family:monospace;word-break:break-all}\n")
                .append(".f{border-bottom:2px solid #c60;cursor:help;margin-right:.4em}\n")
                .append(".g{border-left:2px solid #69c;padding-left:.2em;margin-right:.3em}\n")
                .append(".f:hover{background:#fd8}\n.label{font-size:.8em;color:#555}\n")
                .append(".opened{background:#fff8e8;border:1px dashed #c90;padding:.3em .6em;margin-top:.5em}\n")
                .append("</style></head><body>\n")
                .append("<h1>One ").append(esc(spec.version())).append(" connection, every byte</h1>\n<p>Generated by <code>")
                .append(esc(spec.command())).append("</code> from a run with <code>--seed ").append(seed).append("</code>: ")
                .append(esc(entropy.warning())).append(" Hover over a field for what it is and why it is there; click a")
                .append(" record's summary for what is inside. Each encrypted record is opened by hand with the key log")
                .append(" below (not on the wire: the key, the IV, the nonce, the additional data and the decrypted")
                .append(" content). The client and the server are both <a href=\"").append(ROOT)
                .append("chapter04-handshake/src/main/java/dev/tlsworkbook/engine/TlsEngine.java\">TlsEngine</a>.</p>\n");
        for (IllustratedRecord r : connection.records()) {
            List<Field> fields = fields(r, connection, spec);
            b.append("<section class=\"record ").append(r.fromClient() ? "client" : "server").append("\" id=\"record-")
                    .append(r.number()).append("\">\n<h2>Record ").append(r.number()).append(": ")
                    .append(r.fromClient() ? "client → server" : "server → client").append(", ")
                    .append(typeName(r.type())).append(", ").append(r.bytes().length).append(" bytes</h2>\n<div class=\"bytes\">");
            for (Field f : fields) {
                if (f.wire()) {
                    field(b, f);
                }
            }
            b.append("</div>\n");
            for (Field f : fields) {
                if (!f.wire()) {
                    b.append("<details class=\"opened\"><summary>").append(esc(f.name())).append(" (not on the wire)")
                            .append("</summary><div class=\"bytes\">");
                    f.parts().forEach(p -> field(b, p));
                    b.append("</div></details>\n");
                }
            }
            List<String> seen = connection.traces().getOrDefault(r.number(), List.of());
            if (!seen.isEmpty()) {
                b.append("<details><summary>What the client's trace saw</summary><ul>\n");
                for (String c : seen) {
                    b.append("<li>").append(esc(c)).append("</li>\n");
                }
                b.append("</ul></details>\n");
            }
            b.append("</section>\n");
        }
        b.append("<h2 id=\"secrets\">The secrets of this connection</h2>\n<p>The client's key log (")
                .append("<a href=\"").append(ROOT)
                .append("chapter03-keyschedule/src/main/java/dev/tlsworkbook/keyschedule/KeyLog.java\">KeyLog</a>,")
                .append(" draft-ietf-tls-keylogfile): Wireshark decrypts the records above with it, and so does this page.</p>\n<pre>");
        connection.keyLog().forEach(l -> b.append(esc(l.strip())).append('\n'));
        b.append("</pre>\n</body></html>\n");
        return b.toString();
    }

    private static void field(StringBuilder b, Field f) {
        String why = f.name() + ": " + f.why() + (f.rfc().isEmpty() ? "" : " (" + f.rfc() + ")");
        b.append("<span class=\"").append(f.parts().isEmpty() ? "f" : "g").append("\" title=\"").append(esc(why))
                .append("\" data-field=\"").append(esc(f.name())).append("\">");
        String url = f.rfcUrl();
        if (url.isEmpty()) {
            b.append("<span class=\"label\">").append(esc(f.name())).append("</span>");
        } else {
            b.append("<a class=\"label\" href=\"").append(url).append("\">").append(esc(f.name())).append("</a>");
        }
        if (!f.code().isEmpty()) {
            b.append(" <a class=\"label\" href=\"").append(ROOT).append(f.code()).append("\">[code]</a>");
        }
        b.append(' ');
        if (f.parts().isEmpty()) {
            byte[] bytes = f.bytes();
            for (int i = 0; i < bytes.length; i++) {
                b.append(String.format("%02x", bytes[i] & 0xff));
                if (i + 1 < bytes.length) {
                    b.append(' ');
                }
            }
        } else {
            f.parts().forEach(p -> field(b, p));
        }
        b.append("</span>");
    }

    static String typeName(int code) {
        return ContentType.fromCode(code).map(Object::toString).orElse("unknown(" + code + ")");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
