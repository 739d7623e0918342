package dev.tlsworkbook.handshake.auth;

import static dev.tlsworkbook.handshake.auth.Fixtures.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.Violation;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostnameMatcherTest {

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource({
        // presented (SAN dNSName), reference, matches
        "www.example.com,      www.example.com,       true",
        "www.example.com,      WWW.Example.COM,       true",
        "WWW.EXAMPLE.COM,      www.example.com,       true",
        "www.example.com,      www.example.com.,      true",
        "www.example.com.,     www.example.com,       true",
        "www.example.com,      example.com,           false",
        "www.example.com,      www.example.org,       false",
        "www.example.com,      www.example.com..,     false",
        "*.example.com,        foo.example.com,       true",
        "*.example.com,        FOO.EXAMPLE.COM.,      true",
        "*.example.com,        example.com,           false",
        "*.example.com,        a.b.example.com,       false",
        "*.example.com,        .example.com,          false",
        "f*o.example.com,      foo.example.com,       false",
        "*o.example.com,       foo.example.com,       false",
        "f*.example.com,       foo.example.com,       false",
        "foo.*.example.com,    foo.bar.example.com,   false",
        "*.*.example.com,      a.b.example.com,       false",
        "**.example.com,       foo.example.com,       false",
        "*.com,                example.com,           false",
        "*,                    localhost,             false",
        "localhost,            localhost,             true",
        "localhost,            LOCALHOST,             true",
        "xn--bcher-kva.example, bücher.example,       true",
        "xn--bcher-kva.example, XN--BCHER-KVA.example, true",
        "*.example.com,        *.example.com,         false",
        "example.com,          ex ample.com,          false",
    })
    void dnsNamesMatchPerRfc9525(String presented, String reference, boolean expected) {
        assertEquals(expected, HostnameMatcher.dnsNameMatches(presented, reference));
    }

    private static X509Certificate certificate(List<String> dns, List<String> ips) {
        return Fixtures.pki().certify("CN=localhost", Fixtures.localhost(KeyKind.EC_P256).chain().publicKey(), dns, ips);
    }

    @Test
    void anIpLiteralMatchesOnlyAnIpAddressEntry() {
        X509Certificate ipOnly = certificate(List.of(), List.of("127.0.0.1", "::1"));
        X509Certificate ipAsDnsName = certificate(List.of("127.0.0.1"), List.of());
        assertTrue(HostnameMatcher.matches(ipOnly, "127.0.0.1"));
        assertTrue(HostnameMatcher.matches(ipOnly, "::1"));
        assertTrue(HostnameMatcher.matches(ipOnly, "[::1]"));
        assertTrue(HostnameMatcher.matches(ipOnly, "0:0:0:0:0:0:0:1"));
        assertFalse(HostnameMatcher.matches(ipOnly, "127.0.0.2"));
        assertFalse(HostnameMatcher.matches(ipAsDnsName, "127.0.0.1"));
    }

    @Test
    void aDnsNameNeverMatchesAnIpAddressEntry() {
        X509Certificate ipOnly = certificate(List.of(), List.of("127.0.0.1"));
        assertFalse(HostnameMatcher.matches(ipOnly, "localhost"));
        // not dotted-quad literals (RFC 3986 dec-octet), so they are names, and no dNSName matches them
        assertFalse(HostnameMatcher.matches(ipOnly, "127.1"));
        assertFalse(HostnameMatcher.matches(ipOnly, "127.000.0.1"));
    }

    @Test
    void theCommonNameIsNeverConsulted() {
        X509Certificate noSan = certificate(List.of(), List.of());
        assertFalse(HostnameMatcher.matches(noSan, "localhost"));
        assertViolation(Violation.CERTIFICATE_NAME_MISMATCH, AlertDescription.BAD_CERTIFICATE,
                () -> HostnameMatcher.check(noSan, "localhost"));
    }

    @Test
    void aMismatchNamesTheReferenceAndTheSans() {
        X509Certificate localhost = Fixtures.localhost(KeyKind.EC_P256).chain().leaf();
        HostnameMatcher.check(localhost, "localhost");
        HostnameMatcher.check(localhost, "127.0.0.1");
        var e = assertViolation(Violation.CERTIFICATE_NAME_MISMATCH, AlertDescription.BAD_CERTIFICATE,
                () -> HostnameMatcher.check(localhost, "example.com"));
        assertEquals("RFC 9525 §6.3: certificate CN=localhost does not match: name example.com not in SAN "
                + "[DNS:localhost, IP:127.0.0.1, IP:0:0:0:0:0:0:0:1]", e.getMessage());
        var ip = assertViolation(Violation.CERTIFICATE_NAME_MISMATCH, AlertDescription.BAD_CERTIFICATE,
                () -> HostnameMatcher.check(localhost, "10.0.0.1"));
        assertTrue(ip.getMessage().startsWith("RFC 9525 §6.4:"), ip.getMessage());
    }
}
