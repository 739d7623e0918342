/**
 * Client authentication in TLS 1.2 (RFC 5246 §7.4.4, §7.4.6, §7.4.8) on chapter 4's machinery:
 * the same {@code ClientAuthMode}, trust policies and {@code CertificateSelector}, with TLS 1.2's
 * own CertificateRequest and a CertificateVerify signed over the handshake messages themselves.
 *
 * @since chapter05
 */
package dev.tlsworkbook.tls12.clientauth;
