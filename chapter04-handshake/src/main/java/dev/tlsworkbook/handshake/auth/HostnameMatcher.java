package dev.tlsworkbook.handshake.auth;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Service identity checks of RFC 9525 (which obsoletes RFC 6125): the reference identifier the
 * client connected to against the certificate's subjectAltName. A DNS name matches only dNSName
 * entries, an IP literal only iPAddress entries (§6.2, §6.4); the subject's Common Name is never
 * consulted (§2: "The Common Name RDN MUST NOT be used to identify a service").
 *
 * @since chapter04
 */
public final class HostnameMatcher {
    private static final int SAN_DNS_NAME = 2;
    private static final int SAN_IP_ADDRESS = 7;

    private HostnameMatcher() {
    }

    /** Whether {@code certificate} is valid for {@code reference} (a host name or IP literal). */
    public static boolean matches(X509Certificate certificate, String reference) {
        Optional<byte[]> ip = ipLiteral(reference);
        for (List<?> entry : subjectAltNames(certificate)) {
            int type = (Integer) entry.get(0);
            if (ip.isPresent() && type == SAN_IP_ADDRESS) {
                // RFC 9525 §6.4: "octet-for-octet comparison" with no partial (network) matching
                Optional<byte[]> presented = ipLiteral((String) entry.get(1));
                if (presented.isPresent() && Arrays.equals(presented.get(), ip.get())) {
                    return true;
                }
            } else if (ip.isEmpty() && type == SAN_DNS_NAME && dnsNameMatches((String) entry.get(1), reference)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Requires a match, else {@code CERTIFICATE_NAME_MISMATCH} (bad_certificate, RFC 9525 §6.6)
     * with a message naming the reference and the SANs that were offered.
     */
    public static void check(X509Certificate certificate, String reference) {
        if (!matches(certificate, reference)) {
            String section = ipLiteral(reference).isPresent() ? "§6.4" : "§6.3";
            throw TlsException.local(Violation.CERTIFICATE_NAME_MISMATCH, "RFC 9525 " + section + ": certificate "
                    + certificate.getSubjectX500Principal().getName() + " does not match: name " + reference
                    + " not in SAN " + describeSubjectAltNames(certificate));
        }
    }

    /**
     * RFC 9525 §6.3: case-insensitive label-by-label comparison after turning U-labels into
     * A-labels; a trailing dot (the DNS root) is ignored on both sides. A wildcard is honoured
     * only as the complete left-most label, matches exactly one label, and is refused when fewer
     * than two labels follow it ({@code *.com} would cover a whole top-level domain; §7.1 leaves
     * public suffixes to the application, and a single-label suffix is the cheap case to refuse).
     * An invalid presented identifier "MUST be ignored", so it matches nothing.
     */
    public static boolean dnsNameMatches(String presented, String reference) {
        Optional<String[]> presentedLabels = labels(presented, false);
        Optional<String[]> referenceLabels = labels(reference, true);
        if (presentedLabels.isEmpty() || referenceLabels.isEmpty()) {
            return false;
        }
        String[] p = presentedLabels.get();
        String[] r = referenceLabels.get();
        if (p.length != r.length) {
            return false;
        }
        boolean wildcard = p[0].equals("*");
        if (wildcard && p.length < 3) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (p[i].contains("*") && !(i == 0 && wildcard)) {
                // §6.3 rules 1 and 2: one wildcard, as the complete left-most label only ("f*o" is invalid)
                return false;
            }
            if (!(i == 0 && wildcard) && !p[i].equals(r[i])) {
                return false;
            }
        }
        return true;
    }

    /** "[DNS:localhost, IP:127.0.0.1]", for error messages. */
    public static String describeSubjectAltNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        for (List<?> entry : subjectAltNames(certificate)) {
            int type = (Integer) entry.get(0);
            if (type == SAN_DNS_NAME) {
                names.add("DNS:" + entry.get(1));
            } else if (type == SAN_IP_ADDRESS) {
                names.add("IP:" + entry.get(1));
            }
        }
        return names.toString();
    }

    /**
     * The octets of an IPv4 dotted-quad or IPv6 literal (brackets allowed), or empty for anything
     * else. Parsed by hand for IPv4 and only handed to {@link InetAddress} when it can only be an
     * IPv6 literal, so no DNS lookup ever happens.
     */
    static Optional<byte[]> ipLiteral(String text) {
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.contains(":")) {
            if (!s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return Optional.empty();
            }
            try {
                return Optional.of(InetAddress.getByName(s).getAddress());
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] octets = new byte[4];
        for (int i = 0; i < 4; i++) {
            // RFC 3986 dec-octet: 1 to 3 digits, no leading zero, at most 255
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (part.length() > 1 && part.charAt(0) == '0') || Integer.parseInt(part) > 255) {
                return Optional.empty();
            }
            octets[i] = (byte) Integer.parseInt(part);
        }
        return Optional.of(octets);
    }

    private static Optional<String[]> labels(String name, boolean reference) {
        String ascii = name;
        if (name.endsWith(".")) {
            ascii = name.substring(0, name.length() - 1);
        }
        if (reference && !ascii.chars().allMatch(c -> c < 0x80)) {
            try {
                ascii = IDN.toASCII(ascii, IDN.USE_STD3_ASCII_RULES);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        if (ascii.isEmpty() || !ascii.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return Optional.empty();
        }
        String[] labels = ascii.toLowerCase(Locale.ROOT).split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty() || (reference && label.contains("*"))) {
                // An empty label is malformed; a wildcard is meaningful only in a presented name.
                return Optional.empty();
            }
        }
        return Optional.of(labels);
    }

    private static Collection<List<?>> subjectAltNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : names;
        } catch (CertificateParsingException e) {
            // A SAN extension that does not parse carries no identity we could match.
            return List.of();
        }
    }
}
