package dev.tlsworkbook.handshake.extension;

/**
 * The message an extension block belongs to. RFC 8446 §4.2 gives each extension the messages it
 * may appear in, and several code points have a different body per message ({@code key_share},
 * {@code supported_versions}, {@code pre_shared_key}, {@code early_data}), so every extension is
 * decoded with its context.
 *
 * @since chapter04
 */
public enum ExtensionContext {
    /** CH in the RFC 8446 §4.2 table. */
    CLIENT_HELLO("CH"),
    /** SH. */
    SERVER_HELLO("SH"),
    /** HRR. */
    HELLO_RETRY_REQUEST("HRR"),
    /** EE. */
    ENCRYPTED_EXTENSIONS("EE"),
    /** CT: the extensions of one CertificateEntry. */
    CERTIFICATE("CT"),
    /** CR. */
    CERTIFICATE_REQUEST("CR"),
    /** NST. */
    NEW_SESSION_TICKET("NST");

    private final String abbreviation;

    ExtensionContext(String abbreviation) {
        this.abbreviation = abbreviation;
    }

    /** The abbreviation the RFC 8446 §4.2 table uses (CH, SH, HRR, EE, CT, CR, NST). */
    public String abbreviation() {
        return abbreviation;
    }

    /**
     * True for the messages that answer the peer's requests; RFC 8446 §4.2 forbids an extension
     * there unless we asked for it (see {@link ExtensionBlock#checkSolicited}).
     */
    public boolean isResponse() {
        return switch (this) {
            case SERVER_HELLO, HELLO_RETRY_REQUEST, ENCRYPTED_EXTENSIONS, CERTIFICATE -> true;
            case CLIENT_HELLO, CERTIFICATE_REQUEST, NEW_SESSION_TICKET -> false;
        };
    }
}
