package dev.tlsworkbook.handshake.message;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.wire.WireReader;

/**
 * The TLS 1.3 handshake messages (RFC 8446 §4, Appendix B.3), complete in this chapter.
 *
 * @since chapter04
 */
public sealed interface Tls13Message extends HandshakeMessage
        permits ClientHello, ServerHelloMessage, EncryptedExtensions, Certificate, CertificateRequest,
                CertificateVerify, Finished, NewSessionTicket, KeyUpdate, EndOfEarlyData, MessageHash {

    /**
     * Decodes any TLS 1.3 message from its frame (for traces, fuzzing and generic dispatch; a state
     * that expects one type may call that type's {@code decode} on {@link HandshakeFrame#bodyReader()}).
     * {@code finishedLength} is {@code Hash.length} of the negotiated suite, used only for Finished.
     *
     * @throws TlsException {@link Violation#UNEXPECTED_MESSAGE} for a type TLS 1.3 never sends
     *     (RFC 8446 §4: an unknown or unexpected type "MUST" abort with {@code unexpected_message})
     * @throws dev.tlsworkbook.wire.DecodeException when the body does not match the struct
     */
    static Tls13Message decode(HandshakeFrame frame, int finishedLength) {
        WireReader in = frame.bodyReader();
        HandshakeType type = frame.handshakeType().orElseThrow(() -> notTls13(frame));
        return switch (type) {
            case CLIENT_HELLO -> ClientHello.decode(in);
            case SERVER_HELLO -> ServerHelloMessage.decode(in);
            case ENCRYPTED_EXTENSIONS -> EncryptedExtensions.decode(in);
            case CERTIFICATE -> Certificate.decode(in);
            case CERTIFICATE_REQUEST -> CertificateRequest.decode(in);
            case CERTIFICATE_VERIFY -> CertificateVerify.decode(in);
            case FINISHED -> Finished.decode(in, finishedLength);
            case NEW_SESSION_TICKET -> NewSessionTicket.decode(in);
            case KEY_UPDATE -> KeyUpdate.decode(in);
            case END_OF_EARLY_DATA -> EndOfEarlyData.decode(in);
            // TLS 1.2-only, DTLS-only, reserved, or (message_hash) never sent at all.
            case HELLO_REQUEST, HELLO_VERIFY_REQUEST, HELLO_RETRY_REQUEST_RESERVED, SERVER_KEY_EXCHANGE,
                    SERVER_HELLO_DONE, CLIENT_KEY_EXCHANGE, CERTIFICATE_URL, CERTIFICATE_STATUS, SUPPLEMENTAL_DATA,
                    COMPRESSED_CERTIFICATE, MESSAGE_HASH -> throw notTls13(frame);
        };
    }

    private static TlsException notTls13(HandshakeFrame frame) {
        return TlsException.local(Violation.UNEXPECTED_MESSAGE,
                "RFC 8446 §4: " + HandshakeType.describe(frame.msgType()) + " is not a TLS 1.3 handshake message");
    }
}
