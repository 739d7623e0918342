package dev.tlsworkbook.engine;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.CertificateChain;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.extension.ApplicationLayerProtocolNegotiation;
import dev.tlsworkbook.handshake.extension.Cookie;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.extension.Grease;
import dev.tlsworkbook.handshake.extension.KeyShareClientHello;
import dev.tlsworkbook.handshake.extension.KeyShareEntry;
import dev.tlsworkbook.handshake.extension.KeyShareHelloRetryRequest;
import dev.tlsworkbook.handshake.extension.KeyShareServerHello;
import dev.tlsworkbook.handshake.extension.ServerName;
import dev.tlsworkbook.handshake.extension.SignatureAlgorithms;
import dev.tlsworkbook.handshake.extension.SupportedGroups;
import dev.tlsworkbook.handshake.extension.SupportedVersionsClientHello;
import dev.tlsworkbook.handshake.extension.SupportedVersionsServerHello;
import dev.tlsworkbook.handshake.message.Certificate;
import dev.tlsworkbook.handshake.message.CertificateEntry;
import dev.tlsworkbook.handshake.message.CertificateRequest;
import dev.tlsworkbook.handshake.message.CertificateVerify;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.EncryptedExtensions;
import dev.tlsworkbook.handshake.message.Finished;
import dev.tlsworkbook.handshake.message.HandshakeMessage;
import dev.tlsworkbook.handshake.message.HelloRetryRequest;
import dev.tlsworkbook.handshake.message.KeyUpdate;
import dev.tlsworkbook.handshake.message.NewSessionTicket;
import dev.tlsworkbook.handshake.extension.PreSharedKeyClientHello;
import dev.tlsworkbook.handshake.extension.PreSharedKeyServerHello;
import dev.tlsworkbook.handshake.message.ServerHello;
import dev.tlsworkbook.record.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * The key fields of each handshake message in one short line, as the annotated trace prints
 * them: what was offered in a ClientHello, what was chosen in a ServerHello, who signed and how.
 * Values print by their IANA names; GREASE values (RFC 8701) are counted rather than listed, and
 * unknown ones print in hex.
 *
 * @since chapter04
 */
public final class MessageFields {
    /** Longer offers (a browser's suite list) are cut here, with the rest counted, to keep one line per message. */
    static final int MAX_LISTED = 6;
    private MessageFields() {
    }

    /** The message's name as RFC 8446 §2 writes it in the message-flow diagrams. */
    public static String name(HandshakeMessage message) {
        if (message instanceof HelloRetryRequest) {
            return "HelloRetryRequest";
        }
        String[] words = message.type().name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder();
        for (String word : words) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.toString();
    }

    /** The fields worth a glance, e.g. {@code suite=TLS_AES_128_GCM_SHA256 key_share=x25519}. */
    public static String describe(HandshakeMessage message) {
        if (message instanceof ClientHello ch) {
            return clientHello(ch);
        } else if (message instanceof ServerHello sh) {
            return serverHello(sh);
        } else if (message instanceof HelloRetryRequest hrr) {
            return helloRetryRequest(hrr);
        } else if (message instanceof EncryptedExtensions ee) {
            return encryptedExtensions(ee.extensions());
        } else if (message instanceof Certificate certificate) {
            return certificate(certificate);
        } else if (message instanceof CertificateRequest request) {
            return "context=" + request.certificateRequestContext().length() + "B extensions="
                    + extensionNames(request.extensions());
        } else if (message instanceof CertificateVerify verify) {
            return "scheme=" + scheme(verify.algorithm()) + " signature=" + verify.signature().length() + "B";
        } else if (message instanceof Finished finished) {
            return "verify_data=" + finished.verifyData().length() + "B";
        } else if (message instanceof NewSessionTicket ticket) {
            return "lifetime=" + ticket.ticketLifetime() + "s ticket=" + ticket.ticket().length() + "B"
                    + (ticket.extensions().extensions().isEmpty() ? "" : " extensions=" + extensionNames(ticket.extensions()));
        } else if (message instanceof KeyUpdate update) {
            return "request_update=" + update.requestUpdate().name().toLowerCase(Locale.ROOT);
        }
        return message.traceFields();
    }

    private static String clientHello(ClientHello ch) {
        ExtensionBlock ext = ch.extensions();
        StringJoiner line = new StringJoiner(" ");
        line.add("suites=" + names(ch.cipherSuites(), MessageFields::suite));
        ext.find(SupportedVersionsClientHello.class)
                .ifPresent(v -> line.add("versions=" + names(v.versions(), MessageFields::version)));
        ext.find(SupportedGroups.class).ifPresent(g -> line.add("groups=" + names(g.namedGroupList(), MessageFields::group)));
        ext.find(KeyShareClientHello.class).ifPresent(k -> line.add("key_share=" + names(
                k.clientShares().stream().map(KeyShareEntry::group).toList(), MessageFields::group)));
        // The full list is in the hex dump (--trace=bytes); the count keeps the line readable.
        ext.find(SignatureAlgorithms.class).ifPresent(s -> line.add("sig_algs=" + s.supportedSignatureAlgorithms()
                .stream().filter(c -> !Grease.isGrease(c)).count()));
        ext.find(ServerName.class).flatMap(ServerName::hostName).ifPresent(h -> line.add("sni=" + h));
        ext.find(ApplicationLayerProtocolNegotiation.class).ifPresent(a -> line.add("alpn=" + a.protocolNames()));
        ext.find(Cookie.class).ifPresent(c -> line.add("cookie=" + c.cookie().length() + "B"));
        if (ext.contains(ExtensionType.EARLY_DATA)) {
            line.add("early_data");
        }
        ext.find(PreSharedKeyClientHello.class).ifPresent(p -> line.add("pre_shared_key=" + p.identities().size()
                + " ticket" + (p.identities().size() == 1 ? "" : "s")));
        if (ch.legacySessionId().length() > 0) {
            line.add("session_id=" + ch.legacySessionId().length() + "B");
        }
        long grease = ext.types().stream().filter(Grease::isGrease).count();
        if (grease > 0) {
            line.add("+" + grease + " GREASE extension" + (grease == 1 ? "" : "s"));
        }
        return line.toString();
    }

    private static String serverHello(ServerHello sh) {
        StringJoiner line = new StringJoiner(" ");
        line.add("suite=" + suite(sh.cipherSuite()));
        sh.extensions().find(KeyShareServerHello.class).ifPresent(k -> line.add("key_share=" + group(k.serverShare().group())));
        sh.extensions().find(SupportedVersionsServerHello.class)
                .ifPresent(v -> line.add("version=" + version(v.selectedVersion())));
        // RFC 8446 §4.2.11: the server resumes with the ticket at this index; no Certificate will follow.
        sh.extensions().find(PreSharedKeyServerHello.class)
                .ifPresent(p -> line.add("pre_shared_key=selected_identity " + p.selectedIdentity()));
        return line.toString();
    }

    private static String helloRetryRequest(HelloRetryRequest hrr) {
        StringJoiner line = new StringJoiner(" ");
        line.add("suite=" + suite(hrr.cipherSuite()));
        hrr.extensions().find(KeyShareHelloRetryRequest.class)
                .ifPresent(k -> line.add("selected_group=" + group(k.selectedGroup())));
        hrr.extensions().find(Cookie.class).ifPresent(c -> line.add("cookie=" + c.cookie().length() + "B"));
        return line.toString();
    }

    private static String encryptedExtensions(ExtensionBlock ext) {
        if (ext.extensions().isEmpty()) {
            return "(no extensions)";
        }
        StringJoiner line = new StringJoiner(" ");
        ext.find(ApplicationLayerProtocolNegotiation.class).ifPresent(a -> line.add("alpn=" + String.join(",", a.protocolNames())));
        ext.find(SupportedGroups.class).ifPresent(g -> line.add("groups=" + names(g.namedGroupList(), MessageFields::group)));
        if (ext.contains(ExtensionType.SERVER_NAME)) {
            line.add("sni=acknowledged");
        }
        line.add("extensions=" + extensionNames(ext));
        return line.toString();
    }

    private static String certificate(Certificate certificate) {
        List<Opaque> encoded = certificate.certificateList().stream().map(CertificateEntry::certData).toList();
        if (encoded.isEmpty()) {
            return "(empty: no certificate)";
        }
        StringJoiner chain = new StringJoiner(" ← ");
        try {
            new CertificateChain(CertificateChain.parse(encoded)).certificates()
                    .forEach(c -> chain.add(c.getSubjectX500Principal().getName() + " (" + keyOf(c) + ")"));
        } catch (RuntimeException e) {
            return encoded.size() + " certificate(s), not parseable: " + e.getMessage();
        }
        return encoded.size() + " cert" + (encoded.size() == 1 ? "" : "s") + ": " + chain;
    }

    private static String keyOf(java.security.cert.X509Certificate c) {
        java.security.PublicKey key = c.getPublicKey();
        if (key instanceof java.security.interfaces.ECPublicKey ec) {
            return "EC " + ec.getParams().getCurve().getField().getFieldSize();
        } else if (key instanceof java.security.interfaces.RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        return key.getAlgorithm();
    }

    private static String extensionNames(ExtensionBlock block) {
        return block.types().stream().map(t -> ExtensionType.fromCode(t).map(e -> e.name().toLowerCase(Locale.ROOT))
                .orElse(Grease.isGrease(t) ? "GREASE" : String.format("0x%04x", t))).collect(Collectors.joining(",", "[", "]"));
    }

    /** Known values by name; GREASE counted at the end; unknown ones in hex. */
    private static String names(List<Integer> codes, IntFunction<String> name) {
        List<String> out = new ArrayList<>();
        int grease = 0;
        for (int code : codes) {
            if (Grease.isGrease(code)) {
                grease++;
            } else {
                out.add(name.apply(code));
            }
        }
        if (out.size() > MAX_LISTED) {
            int more = out.size() - MAX_LISTED;
            out = new ArrayList<>(out.subList(0, MAX_LISTED));
            out.add("+" + more + " more");
        }
        if (grease > 0) {
            out.add("+" + grease + " GREASE");
        }
        return "[" + String.join(", ", out) + "]";
    }

    static String suite(int code) {
        return CipherSuite.fromCode(code).map(Enum::name).orElse(String.format("0x%04x", code));
    }

    static String group(int code) {
        return NamedGroup.fromCode(code).map(NamedGroup::ianaName).orElse(String.format("0x%04x", code));
    }

    static String scheme(int code) {
        return SignatureScheme.fromCode(code).map(s -> s.name().toLowerCase(Locale.ROOT))
                .orElse(String.format("0x%04x", code));
    }

    static String version(int code) {
        if (code == ProtocolVersion.TLS1_3.code()) {
            return "TLSv1.3";
        }
        return ProtocolVersion.fromCode(code).map(v -> v.name().replace("TLS1_", "TLSv1."))
                .orElse(String.format("0x%04x", code));
    }
}
