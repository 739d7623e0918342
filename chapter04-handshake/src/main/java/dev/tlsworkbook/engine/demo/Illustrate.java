package dev.tlsworkbook.engine.demo;

import dev.tlsworkbook.alert.Alert;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.engine.MessageFields;
import dev.tlsworkbook.engine.TlsEngine;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.TestPki;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.message.HandshakeMessage;
import dev.tlsworkbook.handshake.state.TraceListener;
import dev.tlsworkbook.keyschedule.KeyLog;
import dev.tlsworkbook.record.ContentType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code HandshakeDemo illustrate --out DIR}: one seeded TLS 1.3 connection between our client and
 * our server, run in memory through two {@link TlsEngine}s, written as a self-contained static
 * page ({@code DIR/index.html}): every record as bytes, its header fields and the plaintext
 * hellos field by field, each labelled and explained on hover, the messages inside the encrypted
 * records, the keys installed at each step and the secrets of the connection, with links to the
 * class that handles each part and the RFC section that defines it. No script: hover shows a
 * field's explanation, a click opens the details. The seed (7 unless {@code --seed}) makes the page
 * the same on every run, so it is committed under {@code docs/illustrated/} and a test regenerates it.
 *
 * @since chapter04
 */
final class Illustrate {
    static final long DEFAULT_SEED = 7;
    private static final String RFC = "https://www.rfc-editor.org/rfc/rfc8446#section-";
    private static final String SRC = "../../chapter04-handshake/src/main/java/dev/tlsworkbook/";

    private Illustrate() {
    }

    /** One record on the wire, with what the client's trace saw inside it. */
    private record Record(boolean fromClient, byte[] bytes, String epoch, List<String> contents) {
    }

    /** Writes DIR/index.html and returns its path. */
    static Path write(DemoEntropy entropy, Path dir) throws IOException {
        Clock clock = entropy.clock();
        TestPki pki = TestPki.create(clock, entropy.random("pki"));
        CertifiedKey localhost = pki.issueLocalhost(KeyKind.EC_P256);
        List<String> keyLog = new ArrayList<>();
        List<Record> records = new ArrayList<>();
        List<String> pendingSent = new ArrayList<>();
        List<String> pendingReceived = new ArrayList<>();
        TraceListener trace = new TraceListener() {
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
        TlsConfig serverConfig = TlsConfig.builder().certificates(List.of(localhost)).clock(clock)
                .random(entropy.random("server")).build();
        TlsConfig clientConfig = TlsConfig.builder().trustPolicy(TrustPolicy.verify(List.of(pki.caCertificate()), clock))
                .clock(clock).random(entropy.random("client")).traceListener(trace).keyLog(KeyLog.to(keyLog::add))
                .build();
        TlsEngine client = TlsEngine.client(clientConfig, "localhost");
        TlsEngine server = TlsEngine.server(serverConfig);
        byte[] request = "hello, TLS 1.3\n".getBytes(StandardCharsets.UTF_8);
        boolean requested = false;
        boolean echoed = false;
        boolean closed = false;
        for (int round = 0; round < 100; round++) {
            boolean moved = pump(client, server, true, records, pendingSent, "client");
            moved |= pump(server, client, false, records, pendingReceived, "server");
            if (client.isHandshakeComplete() && !requested) {
                client.writePlaintext(request, 0, request.length);
                pendingSent.add("application data: \"hello, TLS 1.3\\n\" (the record's last byte inside is 23, application_data)");
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
                pendingReceived.add("application data: the echo, \"hello, TLS 1.3\\n\"");
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
        Files.createDirectories(dir);
        Path page = dir.resolve("index.html");
        Files.writeString(page, html(entropy, records, keyLog), StandardCharsets.UTF_8);
        return page;
    }

    /** Moves every record {@code from} has queued into {@code to}, noting each one. */
    private static boolean pump(TlsEngine from, TlsEngine to, boolean fromClient, List<Record> records,
            List<String> pending, String who) {
        if (from.pendingOutput() == 0) {
            return false;
        }
        byte[] out = new byte[from.pendingOutput()];
        int n = from.takeOutput(out, 0, out.length);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(out, 0, n);
        byte[] bytes = all.toByteArray();
        for (int off = 0; off + 5 <= bytes.length;) {
            int length = ((bytes[off + 3] & 0xff) << 8) | (bytes[off + 4] & 0xff);
            byte[] record = java.util.Arrays.copyOfRange(bytes, off, off + 5 + length);
            List<String> contents = new ArrayList<>();
            if (fromClient) {
                contents.addAll(pending);
                pending.clear();
            }
            records.add(new Record(fromClient, record, who, contents));
            off += 5 + length;
        }
        to.receive(bytes, 0, bytes.length);
        if (!fromClient) {
            // what the client saw in the server's records: attach to the last one it sent
            records.get(records.size() - 1).contents().addAll(pending);
            pending.clear();
        }
        return true;
    }

    private static String html(DemoEntropy entropy, List<Record> records, List<String> keyLog) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<title>The illustrated tls-workbook connection (TLS 1.3, --seed ")
                .append(entropy.seed().getAsLong()).append(")</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:72em;margin:2em auto;line-height:1.4}\n")
                .append(".record{border:1px solid #999;border-radius:6px;margin:1em 0;padding:.5em 1em}\n")
                .append(".client{background:#eef5ff}.server{background:#f3fff0}\n")
                .append(".bytes{font-family:monospace;word-break:break-all}\n")
                .append(".f{border-bottom:2px solid #c60;cursor:help;margin-right:.4em}\n")
                .append(".f:hover{background:#fd8}\n.label{font-size:.8em;color:#555}\n")
                .append("</style></head><body>\n")
                .append("<h1>One TLS 1.3 connection, every byte</h1>\n<p>Generated by <code>mvn -q -pl chapter04-handshake")
                .append(" exec:java -Dexec.args=\"illustrate --out docs/illustrated\"</code> from a run with <code>--seed ")
                .append(entropy.seed().getAsLong()).append("</code>: ")
                .append(esc(entropy.warning())).append(" Hover over a field for what it is and why it is there; click a ")
                .append("record's summary for what is inside. The client is <a href=\"").append(SRC)
                .append("engine/TlsEngine.java\">TlsEngine</a> driving <a href=\"").append(SRC)
                .append("handshake/client/ExpectServerHello.java\">the client states</a>, the server the same engine")
                .append(" driving <a href=\"").append(SRC).append("handshake/server/ExpectClientHello.java\">the server states</a>.</p>\n");
        int i = 0;
        for (Record r : records) {
            i++;
            b.append("<section class=\"record ").append(r.fromClient() ? "client" : "server").append("\" id=\"record-")
                    .append(i).append("\">\n<h2>Record ").append(i).append(": ").append(r.fromClient() ? "client → server"
                    : "server → client").append(", ").append(typeName(r.bytes()[0] & 0xff)).append(", ")
                    .append(r.bytes().length).append(" bytes</h2>\n<div class=\"bytes\">");
            header(b, r.bytes());
            body(b, r.bytes());
            b.append("</div>\n");
            if (!r.contents().isEmpty()) {
                b.append("<details><summary>What the client's trace saw</summary><ul>\n");
                for (String c : r.contents()) {
                    b.append("<li>").append(esc(c)).append("</li>\n");
                }
                b.append("</ul></details>\n");
            }
            b.append("</section>\n");
        }
        b.append("<h2 id=\"secrets\">The secrets of this connection</h2>\n<p>The client's key log (")
                .append("<a href=\"../../chapter03-keyschedule/src/main/java/dev/tlsworkbook/keyschedule/KeyLog.java\">KeyLog</a>,")
                .append(" draft-ietf-tls-keylogfile): Wireshark decrypts the records above with it. Each traffic secret")
                .append(" gives a key and an IV (<a href=\"").append(RFC).append("7.3\">RFC 8446 §7.3</a>); each record's")
                .append(" nonce is that IV XOR its sequence number (<a href=\"").append(RFC).append("5.3\">§5.3</a>).</p>\n<pre>");
        keyLog.forEach(l -> b.append(esc(l.strip())).append('\n'));
        b.append("</pre>\n</body></html>\n");
        return b.toString();
    }

    private static void header(StringBuilder b, byte[] r) {
        field(b, r, 0, 1, "ContentType", "content type " + typeName(r[0] & 0xff) + ": in TLS 1.3 every encrypted"
                + " record says application_data (23), the real type is inside", "5.1", "record/ContentType.java");
        field(b, r, 1, 2, "legacy_record_version", "0x0303 (TLS 1.2) on every record but possibly the first"
                + " ClientHello (0x0301): middleboxes expect it; the version is negotiated in supported_versions", "5.1",
                "record/RecordDecoder.java");
        field(b, r, 3, 2, "length", "length of what follows, at most 2^14 (+256 when encrypted)", "5.1",
                "record/RecordDecoder.java");
    }

    private static void body(StringBuilder b, byte[] r) {
        int type = r[0] & 0xff;
        if (type == 22 && (r[5] == 1 || r[5] == 2)) {
            hello(b, r, r[5] == 1);
        } else if (type == 23) {
            field(b, r, 5, r.length - 5 - 16, "encrypted_record", "AEAD-Encrypt(key, nonce, header as AAD,"
                    + " content || real type || padding)", "5.2", "record/protection/Tls13RecordProtection.java");
            field(b, r, r.length - 16, 16, "tag", "the AEAD tag: any changed bit anywhere fails it (bad_record_mac)",
                    "5.2", "record/protection/Tls13RecordProtection.java");
        } else {
            field(b, r, 5, r.length - 5, typeName(type), type == 20 ? "change_cipher_spec 0x01: middlebox"
                    + " compatibility, ignored" : "the record's content", type == 20 ? "D.4" : "5.1",
                    "record/RecordLayer.java");
        }
    }

    /** ClientHello or ServerHello, field by field (RFC 8446 §4.1.2, §4.1.3). */
    private static void hello(StringBuilder b, byte[] r, boolean client) {
        int p = 5;
        String cls = client ? "handshake/message/ClientHello.java" : "handshake/message/ServerHello.java";
        String sec = client ? "4.1.2" : "4.1.3";
        field(b, r, p, 1, "msg_type", (client ? "client_hello (1)" : "server_hello (2)"), "4", cls);
        field(b, r, p + 1, 3, "length", "the message body's length (3 bytes)", "4", cls);
        p += 4;
        field(b, r, p, 2, "legacy_version", "0x0303: TLS 1.3 pretends to be TLS 1.2 here so that old servers"
                + " and middleboxes pass it; supported_versions carries the real one", sec, cls);
        p += 2;
        boolean hrr = !client && (r[p] & 0xff) == 0xcf && (r[p + 1] & 0xff) == 0x21;
        field(b, r, p, 32, "random", hrr ? "the HelloRetryRequest constant SHA-256(\"HelloRetryRequest\")"
                : "32 random bytes (seeded here): they make every connection's keys unique", sec, cls);
        p += 32;
        int sid = r[p] & 0xff;
        field(b, r, p, 1 + sid, client ? "legacy_session_id" : "legacy_session_id_echo", client
                ? "32 random bytes: middlebox compatibility mode (Appendix D.4) makes it look like TLS 1.2 resumption"
                : "the client's session id, echoed", sec, cls);
        p += 1 + sid;
        if (client) {
            int n = u16(r, p);
            field(b, r, p, 2 + n, "cipher_suites", "the suites the client offers, in preference order; the first"
                    + " is a GREASE value (RFC 8701) a server must ignore", sec, cls);
            p += 2 + n;
            int c = r[p] & 0xff;
            field(b, r, p, 1 + c, "legacy_compression_methods", "one byte: null (0). TLS 1.3 forbids compression"
                    + " (CRIME); the field stays for the old format", sec, cls);
            p += 1 + c;
        } else {
            field(b, r, p, 2, "cipher_suite", "the one suite the server chose", sec, cls);
            p += 2;
            field(b, r, p, 1, "legacy_compression_method", "null (0)", sec, cls);
            p += 1;
        }
        int extLength = u16(r, p);
        field(b, r, p, 2, "extensions length", "the length of all extensions", "4.2", cls);
        p += 2;
        int end = p + extLength;
        while (p + 4 <= end) {
            int t = u16(r, p);
            int len = u16(r, p + 2);
            String name = ExtensionType.describe(t);
            boolean grease = (t & 0x0f0f) == 0x0a0a && (t >> 8) == (t & 0xff);
            field(b, r, p, 4 + len, "extension " + name, grease ? "a GREASE extension (RFC 8701): reserved, to"
                    + " keep servers tolerant of unknown extensions" : "extension_type, a 2-byte length, then its data",
                    "4.2", "handshake/extension/ExtensionBlock.java");
            p += 4 + len;
        }
    }

    private static void field(StringBuilder b, byte[] r, int off, int len, String name, String why, String section,
            String cls) {
        String base = cls.startsWith("record/") ? "../../chapter02-records/src/main/java/dev/tlsworkbook/" : SRC;
        b.append("<span class=\"f\" title=\"").append(esc(name + ": " + why + " (RFC 8446 §" + section + ")"))
                .append("\" data-field=\"").append(esc(name)).append("\"><a class=\"label\" href=\"").append(RFC)
                .append(section.startsWith("D") ? "appendix-" + section : section).append("\">").append(esc(name))
                .append("</a> <a class=\"label\" href=\"").append(base).append(cls).append("\">[code]</a> ");
        for (int i = off; i < off + len; i++) {
            b.append(String.format("%02x", r[i] & 0xff));
            if (i + 1 < off + len) {
                b.append(' ');
            }
        }
        b.append("</span>");
    }

    private static int u16(byte[] r, int p) {
        return ((r[p] & 0xff) << 8) | (r[p + 1] & 0xff);
    }

    private static String typeName(int code) {
        return ContentType.fromCode(code).map(Object::toString).orElse("unknown(" + code + ")");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
