package dev.tlsworkbook.engine.demo;

import dev.tlsworkbook.config.TlsConfig;

/**
 * How a later chapter's demo reuses this one's {@code server} and {@code client} modes: it
 * adjusts every configuration the options build (e.g. chapter05 registers TLS 1.2 beside TLS
 * 1.3), before the user's own {@code --suites}, {@code --groups} and {@code --alpn} apply.
 *
 * @since chapter04
 */
@FunctionalInterface
public interface DemoHook {
    /** Changes nothing: chapter04's TLS 1.3-only demo. */
    DemoHook NONE = config -> { };

    /** Adjusts a server's or client's configuration. */
    void configure(TlsConfig.Builder config);
}
