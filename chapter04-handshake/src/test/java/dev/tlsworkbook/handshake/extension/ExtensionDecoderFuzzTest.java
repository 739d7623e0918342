package dev.tlsworkbook.handshake.extension;

import static dev.tlsworkbook.handshake.extension.ExtensionContext.CERTIFICATE;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.CERTIFICATE_REQUEST;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.CLIENT_HELLO;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.ENCRYPTED_EXTENSIONS;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.HELLO_RETRY_REQUEST;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.NEW_SESSION_TICKET;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.SERVER_HELLO;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tlsworkbook.fuzz.DecoderTable;

/**
 * Fuzz target for the extension decoders, each in every message context it has a body for
 * (RFC 8446 §4.2), and whole extension blocks per context (docs/fuzzing.md). Corpus and crashers:
 * {@code src/test/resources/dev/tlsworkbook/handshake/extension/ExtensionDecoderFuzzTestInputs/}.
 */
public class ExtensionDecoderFuzzTest {

    /** Append new decoders at the end (see {@link DecoderTable}). */
    public static final DecoderTable EXTENSIONS = new DecoderTable()
            .add("block CH", in -> ExtensionBlock.decode(in, CLIENT_HELLO)::encode)
            .add("block SH", in -> ExtensionBlock.decode(in, SERVER_HELLO)::encode)
            .add("block HRR", in -> ExtensionBlock.decode(in, HELLO_RETRY_REQUEST)::encode)
            .add("block EE", in -> ExtensionBlock.decode(in, ENCRYPTED_EXTENSIONS)::encode)
            .add("block CT", in -> ExtensionBlock.decode(in, CERTIFICATE)::encode)
            .add("block CR", in -> ExtensionBlock.decode(in, CERTIFICATE_REQUEST)::encode)
            .add("block NST", in -> ExtensionBlock.decode(in, NEW_SESSION_TICKET)::encode)
            .add("server_name CH", in -> ServerName.decode(in, CLIENT_HELLO)::encode)
            .add("server_name EE", in -> ServerName.decode(in, ENCRYPTED_EXTENSIONS)::encode)
            .add("supported_groups", in -> SupportedGroups.decode(in)::encode)
            .add("signature_algorithms", in -> SignatureAlgorithms.decode(in)::encode)
            .add("signature_algorithms_cert", in -> SignatureAlgorithmsCert.decode(in)::encode)
            .add("key_share CH", in -> KeyShareClientHello.decode(in)::encode)
            .add("key_share SH", in -> KeyShareServerHello.decode(in)::encode)
            .add("key_share HRR", in -> KeyShareHelloRetryRequest.decode(in)::encode)
            .add("supported_versions CH", in -> SupportedVersionsClientHello.decode(in)::encode)
            .add("supported_versions SH/HRR", in -> SupportedVersionsServerHello.decode(in)::encode)
            .add("psk_key_exchange_modes", in -> PskKeyExchangeModes.decode(in)::encode)
            .add("pre_shared_key CH", in -> PreSharedKeyClientHello.decode(in)::encode)
            .add("pre_shared_key SH", in -> PreSharedKeyServerHello.decode(in)::encode)
            .add("early_data CH/EE", in -> EarlyData.decode(in)::encode)
            .add("early_data NST", in -> MaxEarlyDataSize.decode(in)::encode)
            .add("cookie", in -> Cookie.decode(in)::encode)
            .add("application_layer_protocol_negotiation CH",
                    in -> ApplicationLayerProtocolNegotiation.decode(in, CLIENT_HELLO)::encode)
            .add("application_layer_protocol_negotiation EE",
                    in -> ApplicationLayerProtocolNegotiation.decode(in, ENCRYPTED_EXTENSIONS)::encode)
            .add("padding", in -> Padding.decode(in)::encode)
            .add("post_handshake_auth", in -> PostHandshakeAuth.decode(in)::encode)
            .add("certificate_authorities", in -> CertificateAuthorities.decode(in)::encode);

    @FuzzTest
    void extensions(byte[] input) {
        EXTENSIONS.run(input);
    }
}
