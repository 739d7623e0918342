package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;

/**
 * {@code early_data} in a ClientHello (the client sends 0-RTT data) or in EncryptedExtensions
 * (the server accepted it); RFC 8446 §4.2.10:
 *
 * <pre>
 * struct {} Empty;
 * struct {
 *     select (Handshake.msg_type) {
 *         case new_session_ticket:   uint32 max_early_data_size;
 *         case client_hello:         Empty;
 *         case encrypted_extensions: Empty;
 *     };
 * } EarlyDataIndication;
 * </pre>
 *
 * The NewSessionTicket form is {@link MaxEarlyDataSize}.
 *
 * @since chapter04
 */
public record EarlyData() implements Extension {

    static EarlyData decode(WireReader data) {
        data.expectEnd();
        return new EarlyData();
    }

    @Override
    public int extensionType() {
        return ExtensionType.EARLY_DATA.code();
    }

    @Override
    public void encode(WireWriter out) {
        // Empty
    }

    @Override
    public String toString() {
        return "early_data{}";
    }
}
