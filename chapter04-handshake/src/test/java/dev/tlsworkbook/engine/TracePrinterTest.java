package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.extension.ApplicationLayerProtocolNegotiation;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.KeyShareClientHello;
import dev.tlsworkbook.handshake.extension.KeyShareEntry;
import dev.tlsworkbook.handshake.extension.ServerName;
import dev.tlsworkbook.handshake.extension.SignatureAlgorithms;
import dev.tlsworkbook.handshake.extension.SupportedGroups;
import dev.tlsworkbook.handshake.extension.SupportedVersionsClientHello;
import dev.tlsworkbook.handshake.extension.UnknownExtension;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.Finished;
import dev.tlsworkbook.handshake.state.TraceListener;
import dev.tlsworkbook.io.EchoClient;
import dev.tlsworkbook.io.EchoServer;
import dev.tlsworkbook.io.InMemoryTransport;
import dev.tlsworkbook.record.ProtocolVersion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TracePrinterTest {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    @Test
    void printsTheOffersOfAClientHelloOnOneLineWithGreaseCounted() {
        TracePrinter.client(out, TracePrinter.Detail.MESSAGES)
                .handshakeMessage(TraceListener.Direction.SENT, clientHello(), clientHello().frame().wireBytes(), "plaintext");
        assertEquals("→ ClientHello          [plaintext]         suites=[TLS_AES_128_GCM_SHA256, +1 GREASE]"
                + " versions=[TLSv1.3] groups=[x25519, secp256r1] key_share=[x25519] sig_algs=2 sni=localhost"
                + " alpn=[h2, http/1.1] +1 GREASE extension\n", printed());
    }

    @Test
    void cutsLongOffersAndCountsTheRest() {
        ClientHello browserLike = new ClientHello(0x0303, Opaque.of(new byte[32]), Opaque.of(new byte[0]),
                List.of(0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0x009e),
                ClientHello.NULL_COMPRESSION, ExtensionBlock.of(ExtensionContext.CLIENT_HELLO));
        TracePrinter.server(out, TracePrinter.Detail.MESSAGES)
                .handshakeMessage(TraceListener.Direction.RECEIVED, browserLike, browserLike.frame().wireBytes(), "plaintext");
        assertTrue(printed().contains("suites=[TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256,"
                + " TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,"
                + " TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, +4 more]"), printed());
    }

    @Test
    void arrowsPointFromClientToServerWhicheverSidePrints() {
        Finished finished = new Finished(Opaque.of(new byte[32]));
        TracePrinter.server(out, TracePrinter.Detail.MESSAGES)
                .handshakeMessage(TraceListener.Direction.RECEIVED, finished, finished.frame().wireBytes(), "handshake");
        TracePrinter.client(out, TracePrinter.Detail.MESSAGES)
                .handshakeMessage(TraceListener.Direction.RECEIVED, finished, finished.frame().wireBytes(), "handshake");
        assertEquals("→ Finished             [handshake keys]    verify_data=32B\n"
                + "← Finished             [handshake keys]    verify_data=32B\n", printed());
    }

    @Test
    void bytesModeSpellsOutTheHeaderAndDumpsTheBody() {
        Finished finished = new Finished(Opaque.fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
        TracePrinter.client(out, TracePrinter.Detail.BYTES).withPrefix("[1] ")
                .handshakeMessage(TraceListener.Direction.SENT, finished, finished.frame().wireBytes(), "handshake");
        String[] lines = printed().split("\n");
        assertEquals(4, lines.length, printed());
        assertEquals("[1]       14 00 00 20   msg_type=finished, length=32", lines[1]);
        assertTrue(lines[2].startsWith("[1]       0000  00 01 02 03 04 05 06 07  08 09"), lines[2]);
    }

    @Test
    void namesTheKeysOfEachEpochIncludingLaterGenerations() {
        assertEquals("[plaintext]", TracePrinter.keys("plaintext"));
        assertEquals("[handshake keys]", TracePrinter.keys("handshake"));
        assertEquals("[application keys]", TracePrinter.keys("application"));
        assertEquals("[application-1 keys]", TracePrinter.keys("application-1"));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void drawsAFullHandshakeInTheOrderAndUnderTheKeysOfRfc8446Section2() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            InMemoryTransport.Pair pipe = InMemoryTransport.pair(4096);
            Future<Long> server = pool.submit(() -> EchoServer.echo(TlsTransport.server(pipe.server(), TlsPair.server().build())));
            TracePrinter trace = TracePrinter.client(out, TracePrinter.Detail.MESSAGES);
            try (TlsTransport client = TlsTransport.client(pipe.client(),
                    TlsPair.client().traceListener(trace).build(), "localhost")) {
                new EchoClient(client).roundTrip("x");
                client.shutdownOutput();
                assertEquals(-1, client.read(new byte[1], 0, 1));
            }
            server.get(5, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        List<String> messages = printed().lines().filter(l -> l.startsWith("→") || l.startsWith("←"))
                .map(l -> l.replaceAll("\\s+", " ").replaceAll("\\] .*", "]")).toList();
        assertEquals(List.of(
                "→ ClientHello [plaintext]",
                "← ServerHello [plaintext]",
                "← ChangeCipherSpec [plaintext]",
                "← EncryptedExtensions [handshake keys]",
                "← Certificate [handshake keys]",
                "← CertificateVerify [handshake keys]",
                "← Finished [handshake keys]",
                "→ ChangeCipherSpec [plaintext]",
                "→ Finished [handshake keys]",
                "→ Alert [application keys]",
                "← Alert [application keys]"), messages.stream().filter(l -> !l.contains("NewSessionTicket")).toList());
        assertTrue(printed().contains("· client reads with application keys from here"), printed());
    }

    private static ClientHello clientHello() {
        return new ClientHello(0x0303, Opaque.of(new byte[32]), Opaque.of(new byte[0]), List.of(0x0a0a, 0x1301),
                ClientHello.NULL_COMPRESSION, ExtensionBlock.of(ExtensionContext.CLIENT_HELLO,
                        new UnknownExtension(0x1a1a, Opaque.of(new byte[0])),
                        SupportedVersionsClientHello.of(ProtocolVersion.TLS1_3),
                        SupportedGroups.of(NamedGroup.X25519, NamedGroup.SECP256R1),
                        new KeyShareClientHello(List.of(KeyShareEntry.of(NamedGroup.X25519, Opaque.of(new byte[32])))),
                        new SignatureAlgorithms(List.of(0x0403, 0x0804)),
                        ServerName.of("localhost"),
                        ApplicationLayerProtocolNegotiation.of("h2", "http/1.1")));
    }

    private String printed() {
        return buffer.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
