package dev.tlsworkbook.engine.demo;

import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.ClientAuthMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The demo's command line, parsed into plain values. Anything malformed is an
 * {@link IllegalArgumentException} whose message the demo prints above the usage.
 *
 * @since chapter04
 */
record DemoArgs(Mode mode, List<String> positional, int port, String bind, List<Path> certs, List<Path> keys,
                boolean www, List<String> alpn, List<NamedGroup> groups, List<NamedGroup> keyShares,
                List<CipherSuite> suites, Optional<Path> caFile, Optional<String> fingerprint, boolean insecure,
                Trace trace, Optional<Path> caOut, boolean grease, boolean keyUpdate, ClientAuthMode verifyClient,
                Optional<Path> clientCaFile, List<String> clientFingerprints, boolean postHandshakeAuth,
                Optional<String> exportLabel, int exportLength, long earlyData, boolean nio,
                OptionalInt maxConnections, Optional<Duration> handshakeTimeout, Optional<Duration> idleTimeout,
                DemoEntropy entropy, Optional<Path> out) {

    enum Mode { DEMO, SERVER, CLIENT, ILLUSTRATE, WALKTHROUGH, HELP }

    enum Trace { OFF, MESSAGES, BYTES }

    /** The default port, the same as {@code openssl s_server}'s. */
    static final int DEFAULT_PORT = 4433;

    /** --early-data N: the server's max_early_data_size in bytes (RFC 8446 §4.2.10), 1..2^32-1. */
    private static long earlyData(String value) {
        try {
            long n = Long.parseLong(value);
            if (n >= 1 && n <= 0xffffffffL) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--early-data needs a byte count from 1 to 4294967295: " + value);
    }

    static DemoArgs parse(String... args) {
        if (args.length == 0) {
            return new Builder(Mode.DEMO).build();
        }
        Mode mode = switch (args[0]) {
            case "--help", "-h", "help" -> Mode.HELP;
            case "server" -> Mode.SERVER;
            case "client" -> Mode.CLIENT;
            case "illustrate" -> Mode.ILLUSTRATE;
            case "walkthrough" -> Mode.WALKTHROUGH;
            default -> args[0].startsWith("-") ? Mode.DEMO : null;
        };
        if (mode == null) {
            throw new IllegalArgumentException("unknown command: " + args[0]);
        }
        Builder b = new Builder(mode);
        for (int i = mode == Mode.DEMO ? 0 : 1; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> b.mode = Mode.HELP;
                case "--port" -> b.port = port(value(args, ++i, arg));
                case "--bind" -> b.bind = value(args, ++i, arg);
                case "--cert" -> b.certs.add(Path.of(value(args, ++i, arg)));
                case "--key" -> b.keys.add(Path.of(value(args, ++i, arg)));
                case "--www" -> b.www = true;
                case "--alpn" -> b.alpn = List.of(value(args, ++i, arg).split(","));
                case "--groups" -> b.groups = groups(value(args, ++i, arg));
                case "--key-share" -> b.keyShares = groups(value(args, ++i, arg));
                case "--suites" -> b.suites = suites(value(args, ++i, arg));
                case "--cafile" -> b.caFile = Optional.of(Path.of(value(args, ++i, arg)));
                case "--fingerprint" -> b.fingerprint = Optional.of(value(args, ++i, arg));
                case "--insecure" -> b.insecure = true;
                case "--ca-out" -> b.caOut = Optional.of(Path.of(value(args, ++i, arg)));
                case "--out" -> b.out = Optional.of(Path.of(value(args, ++i, arg)));
                case "--trace" -> b.trace = Trace.MESSAGES;
                case "--trace=bytes" -> b.trace = Trace.BYTES;
                case "--quiet" -> b.trace = Trace.OFF;
                case "--no-grease" -> b.grease = false;
                case "--key-update" -> b.keyUpdate = true;
                case "--seed" -> b.seed = OptionalLong.of(seed(value(args, ++i, arg)));
                case "--verify-client" -> b.verifyClient = clientAuth(value(args, ++i, arg));
                case "--client-cafile" -> b.clientCaFile = Optional.of(Path.of(value(args, ++i, arg)));
                case "--client-fingerprint" -> b.clientFingerprints.add(value(args, ++i, arg));
                case "--post-handshake-auth" -> b.postHandshakeAuth = true;
                case "--keymatexport" -> b.exportLabel = Optional.of(value(args, ++i, arg));
                case "--keymatexportlen" -> b.exportLength = length(value(args, ++i, arg));
                case "--early-data" -> b.earlyData = earlyData(value(args, ++i, arg));
                case "--nio" -> b.nio = true;
                case "--max-connections" -> b.maxConnections = OptionalInt.of(positive(value(args, ++i, arg), arg));
                case "--handshake-timeout" -> b.handshakeTimeout = Optional.of(seconds(value(args, ++i, arg), arg));
                case "--idle-timeout" -> b.idleTimeout = Optional.of(seconds(value(args, ++i, arg), arg));
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option: " + arg);
                    }
                    b.positional.add(arg);
                }
            }
        }
        return b.build();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long seed(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed needs a whole number, not " + text, e);
        }
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + text);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port number: " + text, e);
        }
    }

    /** {@code none}, {@code optional} or {@code required} (RFC 8446 §4.3.2, §4.4.2.4). */
    static ClientAuthMode clientAuth(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "none" -> ClientAuthMode.NONE;
            case "optional" -> ClientAuthMode.OPTIONAL;
            case "required" -> ClientAuthMode.REQUIRED;
            default -> throw new IllegalArgumentException("--verify-client takes none, optional or required, not " + text);
        };
    }

    private static int length(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n < 1 || n > 8160) {
                throw new IllegalArgumentException("--keymatexportlen is 1..8160 bytes (255 * 32), not " + text);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a length: " + text, e);
        }
    }

    private static int positive(String text, String option) {
        try {
            int n = Integer.parseInt(text);
            if (n < 1) {
                throw new IllegalArgumentException(option + " must be at least 1: " + text);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number: " + text, e);
        }
    }

    /** Seconds, fractions allowed (0.5). */
    private static Duration seconds(String text, String option) {
        try {
            double s = Double.parseDouble(text);
            if (!(s > 0) || s > 86_400) {
                throw new IllegalArgumentException(option + " must be between 0 and 86400 seconds: " + text);
            }
            return Duration.ofMillis(Math.round(s * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number of seconds: " + text, e);
        }
    }

    /**
     * Group names as IANA, OpenSSL or NIST spell them: x25519, X448, secp256r1, P-256, prime256v1,
     * X25519MLKEM768, SecP256r1MLKEM768, SecP384r1MLKEM1024.
     */
    static List<NamedGroup> groups(String list) {
        List<NamedGroup> out = new ArrayList<>();
        for (String name : list.split("[,:]")) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            out.add(switch (n) {
                case "x25519" -> NamedGroup.X25519;
                case "x448" -> NamedGroup.X448;
                case "secp256r1", "p-256", "p256", "prime256v1" -> NamedGroup.SECP256R1;
                case "secp384r1", "p-384", "p384" -> NamedGroup.SECP384R1;
                case "x25519mlkem768" -> NamedGroup.X25519MLKEM768;
                case "secp256r1mlkem768" -> NamedGroup.SECP256R1MLKEM768;
                case "secp384r1mlkem1024" -> NamedGroup.SECP384R1MLKEM1024;
                default -> throw new IllegalArgumentException("unknown or unsupported group: " + name
                        + " (X25519MLKEM768, SecP256r1MLKEM768, SecP384r1MLKEM1024, x25519, secp256r1, x448, secp384r1)");
            });
        }
        return List.copyOf(out);
    }

    /**
     * Suite names as IANA spells them (TLS_AES_128_GCM_SHA256, …), case-insensitive; the
     * configuration checks that each belongs to an enabled version.
     */
    static List<CipherSuite> suites(String list) {
        List<CipherSuite> out = new ArrayList<>();
        for (String name : list.split("[,:]")) {
            CipherSuite suite = Arrays.stream(CipherSuite.values())
                    .filter(s -> s.isImplemented() && s.name().equalsIgnoreCase(name.trim()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown or unsupported suite: " + name));
            out.add(suite);
        }
        return List.copyOf(out);
    }

    private static final class Builder {
        Mode mode;
        final List<String> positional = new ArrayList<>();
        int port = DEFAULT_PORT;
        String bind = "127.0.0.1";
        final List<Path> certs = new ArrayList<>();
        final List<Path> keys = new ArrayList<>();
        boolean www;
        List<String> alpn = List.of();
        List<NamedGroup> groups = List.of();
        List<NamedGroup> keyShares = List.of();
        List<CipherSuite> suites = List.of();
        Optional<Path> caFile = Optional.empty();
        Optional<String> fingerprint = Optional.empty();
        boolean insecure;
        Trace trace = Trace.MESSAGES;
        Optional<Path> caOut = Optional.empty();
        boolean grease = true;
        boolean keyUpdate;
        OptionalLong seed = OptionalLong.empty();
        Optional<Path> out = Optional.empty();
        ClientAuthMode verifyClient = ClientAuthMode.NONE;
        Optional<Path> clientCaFile = Optional.empty();
        final List<String> clientFingerprints = new ArrayList<>();
        boolean postHandshakeAuth;
        Optional<String> exportLabel = Optional.empty();
        int exportLength = 20;
        long earlyData;
        boolean nio;
        OptionalInt maxConnections = OptionalInt.empty();
        Optional<Duration> handshakeTimeout = Optional.empty();
        Optional<Duration> idleTimeout = Optional.empty();

        /** The illustrated page and the walkthrough are always seeded: 7 unless --seed says otherwise. */
        DemoEntropy entropy() {
            return new DemoEntropy((mode == Mode.ILLUSTRATE || mode == Mode.WALKTHROUGH) && seed.isEmpty()
                    ? OptionalLong.of(Illustrate.DEFAULT_SEED) : seed);
        }

        Builder(Mode mode) {
            this.mode = mode;
        }

        DemoArgs build() {
            if (mode == Mode.DEMO && !positional.isEmpty()) {
                throw new IllegalArgumentException("unknown command: " + positional.get(0));
            }
            if (mode == Mode.WALKTHROUGH && positional.size() > 1) {
                throw new IllegalArgumentException("walkthrough takes one part: " + Walkthrough.PARTS);
            }
            if (mode == Mode.WALKTHROUGH && !positional.isEmpty() && !Walkthrough.PARTS.contains(positional.get(0))) {
                throw new IllegalArgumentException("no walkthrough part " + positional.get(0) + "; the parts: "
                        + Walkthrough.PARTS);
            }
            if (mode == Mode.HELP || mode == Mode.DEMO || mode == Mode.ILLUSTRATE || mode == Mode.WALKTHROUGH) {
                return new DemoArgs(mode, List.copyOf(positional), port, bind, certs, keys, www, alpn, groups, keyShares,
                        suites, caFile, fingerprint, insecure, trace, caOut, grease, keyUpdate, verifyClient, clientCaFile,
                        List.copyOf(clientFingerprints), postHandshakeAuth, exportLabel, exportLength, earlyData, nio,
                        maxConnections, handshakeTimeout, idleTimeout, entropy(), out);
            }
            if (certs.size() != keys.size()) {
                throw new IllegalArgumentException("--cert and --key come in pairs: " + certs.size() + " --cert, "
                        + keys.size() + " --key");
            }
            int trustOptions = (caFile.isPresent() ? 1 : 0) + (fingerprint.isPresent() ? 1 : 0) + (insecure ? 1 : 0);
            if (trustOptions > 1) {
                throw new IllegalArgumentException("choose one of --cafile, --fingerprint, --insecure");
            }
            if (mode == Mode.CLIENT && !(positional.size() == 1 && positional.get(0).startsWith("https://"))
                    && positional.size() != 2) {
                throw new IllegalArgumentException("client needs HOST PORT or https://HOST[:PORT]/PATH");
            }
            if (clientCaFile.isPresent() && !clientFingerprints.isEmpty()) {
                throw new IllegalArgumentException("choose one of --client-cafile, --client-fingerprint");
            }
            if (mode == Mode.SERVER && !positional.isEmpty()) {
                throw new IllegalArgumentException("unexpected argument: " + positional.get(0));
            }
            return new DemoArgs(mode, List.copyOf(positional), port, bind, List.copyOf(certs), List.copyOf(keys), www,
                    alpn, groups, keyShares, suites, caFile, fingerprint, insecure, trace, caOut, grease, keyUpdate,
                    verifyClient, clientCaFile, List.copyOf(clientFingerprints), postHandshakeAuth, exportLabel, exportLength,
                    earlyData, nio, maxConnections, handshakeTimeout, idleTimeout, entropy(), out);
        }
    }
}
