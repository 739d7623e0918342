/**
 * Client authentication in TLS 1.3 (RFC 8446 §4.3.2, §4.4.2, §4.6.2), shared by the handshake
 * states and the post-handshake exchange: the server's CertificateRequest and the checks of what
 * the client answers, the client's choice of chain and its signed answer.
 *
 * @since chapter04
 */
package dev.tlsworkbook.handshake.clientauth;
