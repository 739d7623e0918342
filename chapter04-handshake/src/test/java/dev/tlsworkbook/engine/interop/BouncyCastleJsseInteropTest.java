package dev.tlsworkbook.engine.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.engine.TlsEngine;
import dev.tlsworkbook.handshake.auth.KeyKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our engine against an independent implementation of the hybrid groups, Bouncy Castle's JSSE
 * provider ({@code bctls}), in memory, both directions: each of the three hybrids of
 * draft-ietf-tls-ecdhe-mlkem and each classical group. A layout mistake in either share or in
 * the order of the shared secret's parts makes the handshake keys differ, and the Finished check
 * fails.
 *
 * <p>Bouncy Castle's groups are set per engine ({@link BCSSLParameters#setNamedGroups}), not
 * through the {@code jdk.tls.namedGroups} system property, so nothing leaks into other tests.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BouncyCastleJsseInteropTest {
    private static final String[] SUITE = {CipherSuite.TLS_AES_128_GCM_SHA256.name()};
    private static InteropPki pki;

    @BeforeAll
    static void createPki() throws IOException {
        Path dir = Files.createTempDirectory("bcjsse-interop");
        dir.toFile().deleteOnExit();
        // An RSA server certificate: Bouncy Castle's server picks an ECDSA P-256 certificate only when secp256r1 is
        // among the groups, which would put secp256r1 into every group list of our client here.
        pki = InteropPki.create(dir, KeyKind.RSA_2048);
    }

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"X25519MLKEM768", "SECP256R1MLKEM768", "SECP384R1MLKEM1024",
            "X25519", "SECP256R1", "X448", "SECP384R1"})
    void ourClientAndBouncyCastlesServerAgreeOnEachGroup(NamedGroup group) throws Exception {
        SSLEngine bc = bcEngine(false, group);
        TlsEngine ours = TlsEngine.client(pki.client().cipherSuites(CipherSuite.TLS_AES_128_GCM_SHA256).groups(group)
                .build(), "localhost");
        assertEquals(group, SslEnginePair.talk(ours, bc).summary().group().orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"X25519MLKEM768", "SECP256R1MLKEM768", "SECP384R1MLKEM1024",
            "X25519", "SECP256R1", "X448", "SECP384R1"})
    void bouncyCastlesClientAndOurServerAgreeOnEachGroup(NamedGroup group) throws Exception {
        // Our server with its default groups: it takes whichever group the client sent its one share for.
        SSLEngine bc = bcEngine(true, group);
        TlsEngine ours = TlsEngine.server(pki.server().build());
        assertEquals(group, SslEnginePair.talk(ours, bc).summary().group().orElseThrow());
    }

    @Test
    void ourDefaultClientNegotiatesX25519MlKem768WithBouncyCastlesServer() throws Exception {
        SSLEngine bc = bcEngine(false, List.of(NamedGroup.X25519MLKEM768, NamedGroup.X25519), List.of());
        TlsEngine ours = TlsEngine.client(pki.client().build(), "localhost");
        SslEnginePair.Session s = SslEnginePair.talk(ours, bc);
        assertEquals(NamedGroup.X25519MLKEM768, s.summary().group().orElseThrow());
        assertFalse(s.summary().helloRetryRequest(), "our first ClientHello carried the hybrid share");
    }

    @Test
    void ourDefaultServerPrefersX25519MlKem768WhenTheClientSharesItAndX25519() throws Exception {
        // The client lists x25519 first and sends both shares, as browsers do (in the other order).
        List<NamedGroup> both = List.of(NamedGroup.X25519, NamedGroup.X25519MLKEM768);
        SSLEngine bc = bcEngine(true, both, both);
        TlsEngine ours = TlsEngine.server(pki.server().build());
        SslEnginePair.Session s = SslEnginePair.talk(ours, bc);
        assertEquals(NamedGroup.X25519MLKEM768, s.summary().group().orElseThrow());
        assertFalse(s.summary().helloRetryRequest());
    }

    @Test
    void ourServerTakesASharedClassicalGroupRatherThanAskingForTheHybrid() throws Exception {
        // The client supports the hybrid but sent a share for x25519 only: no HelloRetryRequest by default.
        SSLEngine bc = bcEngine(true, List.of(NamedGroup.X25519, NamedGroup.X25519MLKEM768), List.of(NamedGroup.X25519));
        SslEnginePair.Session s = SslEnginePair.talk(TlsEngine.server(pki.server().build()), bc);
        assertEquals(NamedGroup.X25519, s.summary().group().orElseThrow());
        assertFalse(s.summary().helloRetryRequest());
    }

    @Test
    void bouncyCastlesClientAnswersOurHelloRetryRequestForTheHybrid() throws Exception {
        // A server configured for the hybrid only asks again (HRR) and gets a 1216-byte share.
        SSLEngine bc = bcEngine(true, List.of(NamedGroup.X25519, NamedGroup.X25519MLKEM768), List.of(NamedGroup.X25519));
        TlsEngine ours = TlsEngine.server(pki.server().groups(NamedGroup.X25519MLKEM768).build());
        SslEnginePair.Session s = SslEnginePair.talk(ours, bc);
        assertEquals(NamedGroup.X25519MLKEM768, s.summary().group().orElseThrow());
        assertTrue(s.summary().helloRetryRequest(), "the handshake went through a HelloRetryRequest");
    }

    @Test
    void ourClientAnswersBouncyCastlesHelloRetryRequestForTheHybrid() throws Exception {
        // We offer the hybrid without a share; a server that wants it asks again, and we send the hybrid share.
        SSLEngine bc = bcEngine(false, List.of(NamedGroup.X25519MLKEM768), List.of());
        TlsEngine ours = TlsEngine.client(pki.client().groups(NamedGroup.X25519MLKEM768, NamedGroup.X25519)
                .keyShareGroups(NamedGroup.X25519).build(), "localhost");
        SslEnginePair.Session s = SslEnginePair.talk(ours, bc);
        assertEquals(NamedGroup.X25519MLKEM768, s.summary().group().orElseThrow());
        assertTrue(s.summary().helloRetryRequest());
    }

    private static SSLEngine bcEngine(boolean client, NamedGroup group) throws GeneralSecurityException, IOException {
        return bcEngine(client, List.of(group), List.of());
    }

    /**
     * A Bouncy Castle JSSE engine limited to TLS 1.3, one suite and {@code groups} in that order (a
     * server uses that order); a client sends shares for {@code shares}, or for its first group when empty.
     */
    private static SSLEngine bcEngine(boolean client, List<NamedGroup> groups, List<NamedGroup> shares)
            throws GeneralSecurityException, IOException {
        SSLContext context = JdkTls.context(client ? null : pki.localhost, pki.pki.caCertificate(),
                SSLContext.getInstance("TLSv1.3", new BouncyCastleJsseProvider(new BouncyCastleProvider())));
        SSLEngine engine = client ? context.createSSLEngine("localhost", 443) : context.createSSLEngine();
        engine.setUseClientMode(client);
        engine.setEnabledProtocols(new String[] {"TLSv1.3"});
        engine.setEnabledCipherSuites(SUITE);
        List<String> names = new ArrayList<>();
        for (NamedGroup g : groups) {
            names.add(g.ianaName());
        }
        List<NamedGroup> sharing = shares.isEmpty() ? List.of(groups.get(0)) : shares;
        if (client && !names.contains("secp256r1")) {
            // Listed last, without a share: Bouncy Castle's client accepts the test CA's ECDSA P-256 signature only
            // when secp256r1 is among its groups.
            names.add("secp256r1");
        }
        BCSSLParameters parameters = ((BCSSLEngine) engine).getParameters();
        parameters.setNamedGroups(names.toArray(String[]::new));
        if (client) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        parameters.setEarlyKeyShares(sharing.stream().map(NamedGroup::ianaName).toArray(String[]::new));
        parameters.setUseNamedGroupsOrder(true);
        ((BCSSLEngine) engine).setParameters(parameters);
        return engine;
    }
}
