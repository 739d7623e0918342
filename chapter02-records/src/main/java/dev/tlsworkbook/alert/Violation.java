package dev.tlsworkbook.alert;

/**
 * Why we abort a connection. Each reason names one broken rule; {@link #alert()} is the only
 * place in the code base that decides which alert a reason sends (RFC 8446 §6.2). Later chapters
 * add their reasons here, grouped by chapter.
 *
 * @since chapter02
 */
public enum Violation {
    // ---- chapter02: record layer and alerts (RFC 8446 §5, §6) ----
    /** RFC 8446 §5.1/§5.2: TLSPlaintext over 2^14 bytes or TLSCiphertext over 2^14+256. */
    RECORD_OVERFLOW,
    /** RFC 8446 §5.2: AEAD decryption failed (tag, header, nonce or ciphertext altered). */
    BAD_RECORD_MAC,
    /** RFC 8446 §5: a record with a content type we do not know. */
    UNKNOWN_CONTENT_TYPE,
    /** RFC 8446 §5.1: a record version that is not 0x03XX, so the stream is not TLS. */
    BAD_RECORD_VERSION,
    /** RFC 8446 §5.4: TLSInnerPlaintext with no non-zero byte (padding only, no content type). */
    EMPTY_INNER_PLAINTEXT,
    /** RFC 8446 §5.1: a zero-length fragment of Handshake or Alert. */
    ZERO_LENGTH_FRAGMENT,
    /** RFC 8446 §5.3: the 64-bit sequence number (or the AEAD's record limit, §5.5) would be exceeded. */
    SEQUENCE_NUMBER_EXHAUSTED,
    /** RFC 8446 §5: change_cipher_spec other than the single byte 0x01, or when not allowed. */
    BAD_CHANGE_CIPHER_SPEC,
    /** RFC 8446 §5: an unprotected record where a protected one is required, or vice versa. */
    UNEXPECTED_RECORD,
    /** RFC 8446 §5.1: keys changed while a handshake message was only partly received. */
    KEY_CHANGE_INSIDE_MESSAGE,
    /** RFC 8446 §6: a message whose type is not allowed at this point. */
    UNEXPECTED_MESSAGE,
    /** RFC 8446 §6.2: bytes that do not decode (a {@link dev.tlsworkbook.wire.DecodeException}). */
    DECODE_ERROR,
    /** RFC 8446 §6.2: a failure on our side, unrelated to what the peer sent. */
    INTERNAL_ERROR,

    // ---- chapter03: key exchange and key schedule (RFC 8446 §4.2.8, §7) ----
    /** RFC 8446 §4.2.8: a key share that is malformed, off the curve or of small order. */
    INVALID_KEY_SHARE,

    // ---- chapter04: certificates and signatures (RFC 8446 §4.2.3, §4.4.2, §4.4.3; RFC 5280; RFC 9525) ----
    /** RFC 8446 §4.4.3: a CertificateVerify signature that does not verify. */
    BAD_CERTIFICATE_VERIFY_SIGNATURE,
    /** RFC 8446 §4.4.3: a CertificateVerify scheme we did not offer, not for TLS 1.3, or unfit for the key. */
    SIGNATURE_SCHEME_NOT_ALLOWED,
    /** RFC 8446 §4.4.2.2: no certificate of ours can sign with a scheme the peer offered. */
    NO_COMMON_SIGNATURE_SCHEME,
    /** RFC 6066 §3: strict certificate selection found no certificate for the requested server_name. */
    UNRECOGNIZED_SERVER_NAME,
    /** RFC 8446 §4.4.2.4: the server sent an empty Certificate message. */
    EMPTY_SERVER_CERTIFICATE,
    /** RFC 8446 §4.4.2.4: the client sent no certificate but this server requires one. */
    CLIENT_CERTIFICATE_REQUIRED,
    /** RFC 5280 §6.1.3: a certificate outside its validity period (expired or not yet valid). */
    CERTIFICATE_EXPIRED,
    /** RFC 5280 §6.3: a certificate revoked by its issuer. */
    CERTIFICATE_REVOKED,
    /** RFC 5280 §6.1: the chain does not lead to a trusted anchor (or the pinned certificate). */
    UNKNOWN_CERTIFICATE_AUTHORITY,
    /** RFC 9525 §6.3/§6.4: the reference name or IP address is not among the certificate's SANs. */
    CERTIFICATE_NAME_MISMATCH,
    /** RFC 5280 §6.1.3: a certificate signature in the chain that does not verify. */
    BAD_CERTIFICATE_SIGNATURE,
    /** RFC 5280 §4.2 / RFC 8446 §4.4.2.4: unacceptable contents (key usage, CA flag, path length, MD5/SHA-1). */
    CERTIFICATE_NOT_ACCEPTABLE,
    /** RFC 8446 §4.4.2.2: a key type or critical extension we do not support. */
    UNSUPPORTED_CERTIFICATE,
    /** RFC 8446 §6.2: any other problem that makes the certificate unacceptable. */
    CERTIFICATE_UNKNOWN,

    // chapter04: handshake (message and extension codec; RFC 8446 §4, §4.2, §5.1)
    /** RFC 8446 §4.2: a recognized extension in a message the §4.2 table does not list it for. */
    EXTENSION_NOT_ALLOWED_HERE,
    /** RFC 8446 §4.2: two extensions of the same type in one extension block. */
    DUPLICATE_EXTENSION,
    /** RFC 8446 §4.2.11: pre_shared_key is not the last extension of a ClientHello. */
    PRE_SHARED_KEY_NOT_LAST,
    /** RFC 8446 §4.2: an extension response to a request we never sent. */
    UNSOLICITED_EXTENSION,
    /** RFC 8446 §4.2.8: two KeyShareEntry values for the same group in one ClientHello. */
    DUPLICATE_KEY_SHARE_GROUP,
    /** RFC 8446 §4.6.3: a KeyUpdate request_update other than 0 or 1. */
    INVALID_KEY_UPDATE_REQUEST,
    /** RFC 8446 §4: a handshake message longer than our configured limit (checked before allocation). */
    HANDSHAKE_MESSAGE_TOO_LARGE,
    // chapter04: handshake (negotiation and state machines; RFC 8446 §4.1, §4.4, §4.6, §6.1)
    /** RFC 8446 §4.1.1: no cipher suite both sides support. */
    NO_COMMON_CIPHER_SUITE,
    /** RFC 8446 §4.1.1: no group both sides support. */
    NO_COMMON_GROUP,
    /** RFC 8446 §4.2.1: the peer does not offer or select TLS 1.3 (or another version we speak). */
    UNSUPPORTED_VERSION,
    /** RFC 8446 §4.1.2/§4.1.3: a hello field with a value TLS 1.3 forbids (legacy_version, compression, session id echo). */
    ILLEGAL_HELLO_FIELD,
    /** RFC 8446 §4.1.3/§4.1.4: the server selected a suite, group or value the client did not offer. */
    ILLEGAL_SERVER_HELLO,
    /** RFC 8446 §4.1.4: a second HelloRetryRequest in one handshake. */
    SECOND_HELLO_RETRY_REQUEST,
    /** RFC 8446 §4.1.4: a HelloRetryRequest that would not change the ClientHello. */
    HELLO_RETRY_REQUEST_CHANGES_NOTHING,
    /** RFC 8446 §4.1.4: the second ClientHello differs from the first in more than the allowed ways. */
    ILLEGAL_SECOND_CLIENT_HELLO,
    /** RFC 8446 §4.2: a mandatory extension is absent. */
    MISSING_EXTENSION,
    /** RFC 8446 §4.4.4: a Finished whose verify_data is wrong. */
    BAD_FINISHED,
    /** RFC 7301 §3.2: no application protocol both sides support. */
    NO_APPLICATION_PROTOCOL,
    /** RFC 8446 §6.1: the transport ended without close_notify. */
    TRUNCATION,
    /** Too many records in a row that carry no application data (empty records, CCS, KeyUpdate floods). */
    TOO_MANY_RECORDS_WITHOUT_DATA,
    // chapter04: client authentication, key limits, record size limit (RFC 8446 §4.3.2, §4.4.2, §4.6, §5.5; RFC 8449)
    /** RFC 8449 §4: a record_size_limit below 64. */
    RECORD_SIZE_LIMIT_TOO_SMALL,
    /** RFC 8449 §4: a protected record larger than the record_size_limit we advertised. */
    RECORD_SIZE_LIMIT_EXCEEDED,
    /** RFC 8446 §5.5: the peer sent more records under one key than the AEAD's limit allows. */
    READ_KEY_LIMIT_EXCEEDED,
    /** RFC 8446 §4.4.2: a certificate_request_context that does not echo the CertificateRequest's. */
    BAD_CERTIFICATE_REQUEST_CONTEXT,
    // chapter04: resumption, 0-RTT and the HelloRetryRequest cookie (RFC 8446 §4.2.2, §4.2.9-§4.2.11; RFC 6066 §3)
    /** RFC 8446 §4.2.9: pre_shared_key offered without psk_key_exchange_modes. */
    PSK_WITHOUT_KEY_EXCHANGE_MODES,
    /** RFC 8446 §4.2.11: a PSK binder that does not validate. */
    BAD_PSK_BINDER,
    /** RFC 8446 §4.2.2: a cookie we did not issue, or one that does not fit the ClientHello it came in. */
    BAD_COOKIE,
    /** RFC 8446 §4.2.10: more 0-RTT data than max_early_data_size. */
    TOO_MUCH_EARLY_DATA,
    /** RFC 6066 §3: a server_name host_name that is not an ASCII DNS host name. */
    INVALID_SERVER_NAME,


    // chapter04: certificate path building (RFC 5280 §4.2.1.9, §6.1)
    /** RFC 5280 §4.2.1.9: a CA certificate (basicConstraints cA=TRUE) presented as the end-entity certificate. */
    CA_CERTIFICATE_AS_END_ENTITY,
    /** A certificate path search beyond the configured path length or signature-check budget. */
    CERTIFICATE_PATH_LIMIT,

    // chapter05: TLS 1.2 beside TLS 1.3
    /** RFC 8446 §4.1.3: a TLS 1.2 ServerHello.random ends in a downgrade sentinel while we enable TLS 1.3. */
    DOWNGRADE_DETECTED,
    /** RFC 7507 §3: TLS_FALLBACK_SCSV from a client offering less than the server's highest version. */
    INAPPROPRIATE_FALLBACK,
    /** RFC 5746 §3.4–§3.6: renegotiation_info missing, non-empty in a first handshake, or wrong. */
    INSECURE_RENEGOTIATION,
    /** RFC 7627 §5.2: the peer did not negotiate extended_master_secret and our configuration requires it. */
    EXTENDED_MASTER_SECRET_REQUIRED,
    /** RFC 7627 §5.3: a resumption whose use of extended_master_secret differs from the original session's. */
    EXTENDED_MASTER_SECRET_MISMATCH,
    /** RFC 5246 §7.4.1.4.1 / RFC 8422 §5.1: a TLS 1.2 peer offers only key exchanges or ciphers we refuse. */
    INSECURE_CIPHER_SUITES_ONLY,
    /** RFC 5246 §7.4.6: a TLS 1.2 client sent an empty Certificate to a server that requires one. */
    TLS12_CLIENT_CERTIFICATE_REQUIRED;

    /** The alert this reason sends: RFC 8446 §6.2. One exhaustive switch, no default. */
    public AlertDescription alert() {
        return switch (this) {
            case RECORD_OVERFLOW -> AlertDescription.RECORD_OVERFLOW;
            case BAD_RECORD_MAC -> AlertDescription.BAD_RECORD_MAC;
            // RFC 8446 §5: "receives an unexpected record type ... MUST terminate ... unexpected_message"
            case UNKNOWN_CONTENT_TYPE -> AlertDescription.UNEXPECTED_MESSAGE;
            // RFC 8446 §6.2 decode_error: "some field was out of the specified range"
            case BAD_RECORD_VERSION -> AlertDescription.DECODE_ERROR;
            // RFC 8446 §5.4: no non-zero octet in the cleartext -> "unexpected_message"
            case EMPTY_INNER_PLAINTEXT -> AlertDescription.UNEXPECTED_MESSAGE;
            case ZERO_LENGTH_FRAGMENT -> AlertDescription.UNEXPECTED_MESSAGE;
            // RFC 8446 §5.3: we must rekey or terminate; the fault is ours to report, not the peer's
            case SEQUENCE_NUMBER_EXHAUSTED -> AlertDescription.INTERNAL_ERROR;
            // RFC 8446 §5: any other change_cipher_spec -> "unexpected_message"
            case BAD_CHANGE_CIPHER_SPEC -> AlertDescription.UNEXPECTED_MESSAGE;
            case UNEXPECTED_RECORD -> AlertDescription.UNEXPECTED_MESSAGE;
            // RFC 8446 §5.1: messages must not span a key change -> "unexpected_message"
            case KEY_CHANGE_INSIDE_MESSAGE -> AlertDescription.UNEXPECTED_MESSAGE;
            case UNEXPECTED_MESSAGE -> AlertDescription.UNEXPECTED_MESSAGE;
            case DECODE_ERROR -> AlertDescription.DECODE_ERROR;
            case INTERNAL_ERROR -> AlertDescription.INTERNAL_ERROR;
            // RFC 8446 §4.2.8.2 / §7.4.2: bad key shares -> "illegal_parameter"
            case INVALID_KEY_SHARE -> AlertDescription.ILLEGAL_PARAMETER;
            // chapter04: certificates and signatures
            // RFC 8446 §4.4.3: "If the verification fails, the receiver MUST terminate the handshake with a decrypt_error alert"
            case BAD_CERTIFICATE_VERIFY_SIGNATURE -> AlertDescription.DECRYPT_ERROR;
            // RFC 8446 §6.2 illegal_parameter: "a field in the handshake was incorrect or inconsistent with other fields"
            case SIGNATURE_SCHEME_NOT_ALLOWED -> AlertDescription.ILLEGAL_PARAMETER;
            // RFC 8446 §6.2 handshake_failure: "unable to negotiate an acceptable set of security parameters"
            case NO_COMMON_SIGNATURE_SCHEME -> AlertDescription.HANDSHAKE_FAILURE;
            // RFC 6066 §3: the server MAY abort with "unrecognized_name"
            case UNRECOGNIZED_SERVER_NAME -> AlertDescription.UNRECOGNIZED_NAME;
            // RFC 8446 §4.4.2.4: "If the server supplies an empty Certificate message, ... decode_error"
            case EMPTY_SERVER_CERTIFICATE -> AlertDescription.DECODE_ERROR;
            // RFC 8446 §4.4.2.4: the server MAY "abort the handshake with a certificate_required alert"
            case CLIENT_CERTIFICATE_REQUIRED -> AlertDescription.CERTIFICATE_REQUIRED;
            // RFC 8446 §6.2 certificate_expired: "a certificate has expired or is not currently valid"
            case CERTIFICATE_EXPIRED -> AlertDescription.CERTIFICATE_EXPIRED;
            case CERTIFICATE_REVOKED -> AlertDescription.CERTIFICATE_REVOKED;
            // RFC 8446 §6.2 unknown_ca: "could not be matched with a known trust anchor"
            case UNKNOWN_CERTIFICATE_AUTHORITY -> AlertDescription.UNKNOWN_CA;
            // RFC 9525 §6.6: terminate "with a bad certificate error"
            case CERTIFICATE_NAME_MISMATCH -> AlertDescription.BAD_CERTIFICATE;
            // RFC 8446 §6.2 bad_certificate: "contained signatures that did not verify correctly"
            case BAD_CERTIFICATE_SIGNATURE -> AlertDescription.BAD_CERTIFICATE;
            // RFC 8446 §4.4.2.4 (MD5/SHA-1) and §6.2 bad_certificate: "a certificate was corrupt"
            case CERTIFICATE_NOT_ACCEPTABLE -> AlertDescription.BAD_CERTIFICATE;
            // RFC 8446 §4.4.2.2: by default, "unsupported_certificate"
            case UNSUPPORTED_CERTIFICATE -> AlertDescription.UNSUPPORTED_CERTIFICATE;
            case CERTIFICATE_UNKNOWN -> AlertDescription.CERTIFICATE_UNKNOWN;
            // chapter04: handshake
            // RFC 8446 §4.2: "not specified for the message in which it appears ... illegal_parameter"
            case EXTENSION_NOT_ALLOWED_HERE -> AlertDescription.ILLEGAL_PARAMETER;
            // RFC 8446 §6.2 illegal_parameter: "a field in the handshake was incorrect or inconsistent"
            case DUPLICATE_EXTENSION -> AlertDescription.ILLEGAL_PARAMETER;
            // RFC 8446 §4.2.11: "Servers MUST check that it is the last extension ... illegal_parameter"
            case PRE_SHARED_KEY_NOT_LAST -> AlertDescription.ILLEGAL_PARAMETER;
            // RFC 8446 §4.2: "MUST abort the handshake with an unsupported_extension alert"
            case UNSOLICITED_EXTENSION -> AlertDescription.UNSUPPORTED_EXTENSION;
            // RFC 8446 §4.2.8: servers "MAY ... abort the handshake with an illegal_parameter alert"
            case DUPLICATE_KEY_SHARE_GROUP -> AlertDescription.ILLEGAL_PARAMETER;
            // RFC 8446 §4.6.3: "any other value ... MUST terminate the connection with an illegal_parameter alert"
            case INVALID_KEY_UPDATE_REQUEST -> AlertDescription.ILLEGAL_PARAMETER;
            // RFC 8446 §6.2 decode_error: "the length of the message was incorrect" (no rule names an alert)
            case HANDSHAKE_MESSAGE_TOO_LARGE -> AlertDescription.DECODE_ERROR;
            // RFC 8446 §4.1.1: "If there is no overlap ... the server MUST abort the handshake with either a
            // "handshake_failure" or an "insufficient_security" alert"
            case NO_COMMON_CIPHER_SUITE -> AlertDescription.HANDSHAKE_FAILURE;
            case NO_COMMON_GROUP -> AlertDescription.HANDSHAKE_FAILURE;
            // RFC 8446 §4.2.1: "abort the handshake with a "protocol_version" alert"
            case UNSUPPORTED_VERSION -> AlertDescription.PROTOCOL_VERSION;
            // RFC 8446 §4.1.2: compression "MUST abort the handshake with an "illegal_parameter" alert"
            case ILLEGAL_HELLO_FIELD -> AlertDescription.ILLEGAL_PARAMETER;
            // RFC 8446 §4.1.3, §4.2.8: a value not offered -> "illegal_parameter"
            case ILLEGAL_SERVER_HELLO -> AlertDescription.ILLEGAL_PARAMETER;
            // RFC 8446 §4.1.4: "If a client receives a second HelloRetryRequest ... "unexpected_message""
            case SECOND_HELLO_RETRY_REQUEST -> AlertDescription.UNEXPECTED_MESSAGE;
            // RFC 8446 §4.1.4: "... would not result in any change in the ClientHello ... "illegal_parameter""
            case HELLO_RETRY_REQUEST_CHANGES_NOTHING -> AlertDescription.ILLEGAL_PARAMETER;
            // RFC 8446 §6.2 illegal_parameter: "a field in the handshake was incorrect or inconsistent"
            case ILLEGAL_SECOND_CLIENT_HELLO -> AlertDescription.ILLEGAL_PARAMETER;
            // RFC 8446 §9.2: "MUST abort the handshake with a "missing_extension" alert"
            case MISSING_EXTENSION -> AlertDescription.MISSING_EXTENSION;
            // RFC 8446 §4.4.4: "MUST terminate the connection with a "decrypt_error" alert"
            case BAD_FINISHED -> AlertDescription.DECRYPT_ERROR;
            // RFC 7301 §3.2: "the server MUST respond with a fatal "no_application_protocol" alert"
            case NO_APPLICATION_PROTOCOL -> AlertDescription.NO_APPLICATION_PROTOCOL;
            // RFC 8446 §6.1 names no alert: truncation is detected at EOF, when nothing can reach the peer, so the
            // engine sends none. For the record: decode_error, "a message could not be decoded" (the stream was cut).
            case TRUNCATION -> AlertDescription.DECODE_ERROR;
            // RFC 8446 §6.2 unexpected_message: "An inappropriate message (e.g., the wrong handshake message,
            // premature Application Data, etc.) was received" — as OpenSSL answers an empty-record flood.
            case TOO_MANY_RECORDS_WITHOUT_DATA -> AlertDescription.UNEXPECTED_MESSAGE;
            // RFC 8449 §4: "MUST treat receipt of a smaller value as a fatal error and generate an "illegal_parameter" alert"
            case RECORD_SIZE_LIMIT_TOO_SMALL -> AlertDescription.ILLEGAL_PARAMETER;
            // RFC 8449 §4: "receives a record larger than its advertised limit MUST generate a fatal "record_overflow" alert"
            case RECORD_SIZE_LIMIT_EXCEEDED -> AlertDescription.RECORD_OVERFLOW;
            // RFC 8446 §5.5 names no alert; the peer broke a rule of the record layer with an otherwise valid record:
            // §6.2 unexpected_message, "an inappropriate message ... was received" (it owed us a KeyUpdate first).
            case READ_KEY_LIMIT_EXCEEDED -> AlertDescription.UNEXPECTED_MESSAGE;
            // RFC 8446 §6.2 illegal_parameter: "a field in the handshake was incorrect or inconsistent with other fields"
            case BAD_CERTIFICATE_REQUEST_CONTEXT -> AlertDescription.ILLEGAL_PARAMETER;
            // chapter05: TLS 1.2 beside TLS 1.3
            // RFC 8446 §4.1.3: "MUST abort the handshake with an "illegal_parameter" alert"
            case DOWNGRADE_DETECTED -> AlertDescription.ILLEGAL_PARAMETER;
            // RFC 7507 §3: "the server MUST respond with a fatal inappropriate_fallback alert"
            case INAPPROPRIATE_FALLBACK -> AlertDescription.INAPPROPRIATE_FALLBACK;
            // RFC 5746 §3.4, §3.6: "MUST abort the handshake" ... "handshake_failure"
            case INSECURE_RENEGOTIATION -> AlertDescription.HANDSHAKE_FAILURE;
            // RFC 7627 §5.2: "the server MUST abort the handshake" (handshake_failure)
            case EXTENDED_MASTER_SECRET_REQUIRED -> AlertDescription.HANDSHAKE_FAILURE;
            // RFC 7627 §5.3: "MUST abort the handshake" (handshake_failure, as for §5.2)
            case EXTENDED_MASTER_SECRET_MISMATCH -> AlertDescription.HANDSHAKE_FAILURE;
            // RFC 5246 §7.4.1.3: no acceptable suite -> handshake_failure
            case INSECURE_CIPHER_SUITES_ONLY -> AlertDescription.HANDSHAKE_FAILURE;
            // RFC 5246 §7.4.6: the server "MAY ... respond with a fatal handshake_failure alert" (TLS 1.2 has no
            // certificate_required; OpenSSL sends handshake_failure here too).
            case TLS12_CLIENT_CERTIFICATE_REQUIRED -> AlertDescription.HANDSHAKE_FAILURE;
            // RFC 8446 §4.2.9: "servers MUST abort the handshake"; §9.2 names missing_extension for an absent
            // mandatory extension.
            case PSK_WITHOUT_KEY_EXCHANGE_MODES -> AlertDescription.MISSING_EXTENSION;
            // RFC 8446 §6.2 decrypt_error: "... unable to correctly verify ... a PSK binder".
            case BAD_PSK_BINDER -> AlertDescription.DECRYPT_ERROR;
            // RFC 8446 §4.1.2: a second ClientHello that does not fit the first -> illegal_parameter.
            case BAD_COOKIE -> AlertDescription.ILLEGAL_PARAMETER;
            // RFC 8446 §4.2.10: "MUST terminate the connection with an "unexpected_message" alert".
            case TOO_MUCH_EARLY_DATA -> AlertDescription.UNEXPECTED_MESSAGE;
            // RFC 6066 §3 names no alert; a value the field cannot hold is illegal_parameter (RFC 8446 §6.2).
            case INVALID_SERVER_NAME -> AlertDescription.ILLEGAL_PARAMETER;
            // RFC 8446 §6.2 bad_certificate: "A certificate was corrupt, contained signatures that did not verify
            // correctly, etc." -- a CA key is for signing certificates, not for a TLS endpoint (webpki: CaUsedAsEndEntity).
            case CA_CERTIFICATE_AS_END_ENTITY -> AlertDescription.BAD_CERTIFICATE;
            // No path was found within our limits; as webpki answers MaximumSignatureChecksExceeded and
            // MaximumPathDepthExceeded: bad_certificate.
            case CERTIFICATE_PATH_LIMIT -> AlertDescription.BAD_CERTIFICATE;
        };
    }
}
