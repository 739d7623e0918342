import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The "build it" exercises (docs/exercises.md). Run through the scripts beside this file:
 * {@code exercises/start CHAPTER NAME} blanks one method of the workbook — its body becomes
 * {@code throw new UnsupportedOperationException("exercise")} — and says which test proves your
 * version and where the RFC explains it; {@code exercises/reset} puts every blanked method back;
 * {@code exercises/list} lists them. The original files are kept in {@code exercises/.backup/}
 * until reset. This file is run by {@code java} directly (a single-file program), so it needs no
 * build, and the docs module's {@code ExercisesTest} uses it to prove every exercise.
 */
public final class Exercises {

    /** One exercise: where the method is, the test that proves it, and hints that point at the RFC. */
    public record Exercise(String chapter, String name, String module, String file, String signature, String test,
                    String summary, List<String> hints) {
        Path path(Path root) {
            return root.resolve(module).resolve("src/main/java").resolve(file);
        }

        String testCommand() {
            return "mvn -q -pl " + module + " -am test -Dtest='" + test + "' -Dsurefire.failIfNoSpecifiedTests=false";
        }
    }

    public static final List<Exercise> ALL = List.of(
            new Exercise("chapter01", "framer", "chapter01-echo", "dev/tlsworkbook/wire/FrameDecoder.java",
                    "public List<Opaque> feed(byte[] bytes, int offset, int length)", "FrameDecoderTest",
                    "the incremental u16-length deframer: bytes in any chunking in, complete frames out",
                    List.of("RFC 8446 §3.4: a vector <0..2^16-1> is a two-byte big-endian length, then the bytes.",
                            "Bytes arrive in any pieces: keep what you cannot use yet (the field `pending`) and"
                                    + " return only complete frames; a length above maxLength is LENGTH_OUT_OF_RANGE.",
                            "docs/01-echo.md, \"The framed echo\"; ../shared/rfc/rfc8446.txt section 3.4.")),
            new Exercise("chapter02", "seal", "chapter02-records",
                    "dev/tlsworkbook/record/protection/Tls13RecordProtection.java",
                    "public int seal(ContentType type, byte[] in, int inOff, int len, long seq, byte[] out, int outOff)",
                    "Rfc8448RecordProtectionTest,Tls13RecordProtectionTest",
                    "seal one TLS 1.3 record: TLSInnerPlaintext, the header as AAD, AEAD-Encrypt",
                    List.of("RFC 8446 §5.2: TLSInnerPlaintext = content || type byte || zeros; the header"
                                    + " (17 03 03 and the length of the ciphertext with its tag) is the additional data.",
                            "RFC 8446 §5.3: the nonce comes from spec(seq); a sequence number below nextSealSeq is"
                                    + " refused, a nonce must never repeat.",
                            "RFC 8448 §3 prints every record you must produce byte for byte.")),
            new Exercise("chapter02", "open", "chapter02-records",
                    "dev/tlsworkbook/record/protection/Tls13RecordProtection.java",
                    "public void open(byte[] record, int off, long seq, byte[] out, int outOff, OpenedRecord result)",
                    "Rfc8448RecordProtectionTest,Tls13RecordProtectionTest",
                    "open one TLS 1.3 record: AEAD-Decrypt, then find the real content type behind the padding",
                    List.of("RFC 8446 §5.2: any failure to decrypt is bad_record_mac, whatever the cause.",
                            "RFC 8446 §5.4: scan back from the end past the zeros; the first non-zero byte is the"
                                    + " type; all zeros is unexpected_message.",
                            "The outer type must be application_data and the length at most 2^14 + 256.")),
            new Exercise("chapter02", "nonce", "chapter02-records",
                    "dev/tlsworkbook/record/protection/Tls13RecordProtection.java",
                    "private AlgorithmParameterSpec spec(long seq)", "Rfc8448RecordProtectionTest",
                    "the per-record nonce: the IV XOR the left-padded 64-bit sequence number",
                    List.of("RFC 8446 §5.3: \"The 64-bit record sequence number is encoded in network byte order"
                                    + " and padded to the left with zeros to iv_length. The padded sequence number is"
                                    + " XORed with either the static client_write_iv or server_write_iv.\"",
                            "Copy iv into nonce, XOR the last eight bytes, return aead.parameterSpec(nonce);"
                                    + " throw IllegalStateException if the key was destroyed (key == null).")),
            new Exercise("chapter03", "expand-label", "chapter03-keyschedule",
                    "dev/tlsworkbook/keyschedule/Tls13Kdf.java",
                    "public static byte[] hkdfLabel(String label, byte[] context, int length)", "Tls13KdfTest",
                    "the HkdfLabel bytes that HKDF-Expand-Label feeds to HKDF-Expand as info",
                    List.of("RFC 8446 §7.1: struct { uint16 length; opaque label<7..255> = \"tls13 \" + Label;"
                                    + " opaque context<0..255>; } HkdfLabel;",
                            "WireWriter has u16, opaque8 and prefixed8: no length is computed by hand.",
                            "RFC 8448 prints the result as \"info\" under every derivation (docs/03-keyschedule.md).")),
            new Exercise("chapter03", "key-schedule", "chapter03-keyschedule",
                    "dev/tlsworkbook/keyschedule/EarlySecret.java",
                    "public HandshakeSecret handshakeSecret(SecretBytes sharedSecret)", "Rfc8448SimpleHandshakeTest",
                    "one step of the key schedule: from the Early Secret and the (EC)DHE secret to the Handshake Secret",
                    List.of("RFC 8446 §7.1: Handshake Secret = HKDF-Extract(salt = Derive-Secret(Early Secret,"
                                    + " \"derived\", \"\"), IKM = (EC)DHE).",
                            "Stages.extractNext(hash, secret, sharedSecret) does exactly the salt-then-extract step.",
                            "RFC 8448 §3: {server} extract secret \"handshake\" shows salt, IKM and the result.")),
            new Exercise("chapter04", "finished", "chapter03-keyschedule",
                    "dev/tlsworkbook/keyschedule/TrafficSecret.java",
                    "public boolean verifyFinished(Opaque transcriptHash, Opaque receivedVerifyData)",
                    "Rfc8448SimpleHandshakeTest",
                    "the Finished check both handshake state machines of chapter 4 call",
                    List.of("RFC 8446 §4.4.4: verify_data = HMAC(finished_key, Transcript-Hash(Handshake Context,"
                                    + " Certificate*, CertificateVerify*)); recipients MUST verify it.",
                            "Compare in constant time (ConstantTime.equals): a comparison that stops at the first"
                                    + " differing byte tells an attacker how many bytes were right.",
                            "finishedVerifyData(transcriptHash) computes what the peer should have sent.")),
            new Exercise("chapter04", "encrypted-extensions", "chapter04-handshake",
                    "dev/tlsworkbook/handshake/client/ExpectEncryptedExtensions.java",
                    "public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out)",
                    "HandshakeTest#agreesOnTheServersPreferredApplicationProtocol",
                    "one state of the client: what it checks in EncryptedExtensions and which state comes next",
                    List.of("RFC 8446 §4.3.1 and Appendix A.1: after ServerHello the client waits for"
                                    + " EncryptedExtensions, then Certificate or CertificateRequest.",
                            "RFC 8446 §4.2: every extension must answer one we offered (checkSolicited);"
                                    + " RFC 7301 §3.1: the ALPN protocol must be one we offered.",
                            "Expect.message decodes the frame or raises unexpected_message; add the frame's wire"
                                    + " bytes to the transcript before handing it on.")),
            new Exercise("chapter05", "prf", "chapter05-tls12-compat",
                    "dev/tlsworkbook/tls12/prf/Prf.java",
                    "public static SecretBytes compute(HashAlgorithm hash, SecretBytes secret, String label, byte[] seed, int length)",
                    "OpenSslTranscriptVectorTest",
                    "the TLS 1.2 PRF: P_hash over label + seed, for the master secret, the key block and Finished",
                    List.of("RFC 5246 §5: PRF(secret, label, seed) = P_<hash>(secret, label + seed); the label is"
                                    + " ASCII without a length byte or a terminating zero.",
                            "RFC 5246 §5: A(0) = seed, A(i) = HMAC_hash(secret, A(i-1)); output = HMAC_hash(secret,"
                                    + " A(1) + seed) + HMAC_hash(secret, A(2) + seed) + ..., cut to length bytes.",
                            "One Mac keyed once with the secret serves every HMAC; the test replays recorded"
                                    + " OpenSSL connections: a wrong PRF gives a key block that opens none of their records.")));

    public static void main(String[] args) throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("exercises/Exercises.java"))) {
            root = root.getParent();
        }
        if (root == null) {
            System.err.println("error: run this from inside the tls-workbook repository");
            System.exit(2);
        }
        String command = args.length == 0 ? "list" : args[0];
        switch (command) {
            case "list" -> list();
            case "start" -> {
                if (args.length != 3) {
                    System.err.println("usage: exercises/start CHAPTER NAME   (exercises/list shows them)");
                    System.exit(2);
                }
                start(root, find(args[1], args[2]));
            }
            case "reset" -> reset(root);
            case "blank" -> Files.writeString(Path.of(args[2]), blank(Files.readString(
                    find(null, args[1]).path(root), StandardCharsets.UTF_8), find(null, args[1]).signature()),
                    StandardCharsets.UTF_8);
            default -> {
                System.err.println("error: unknown command " + command + " (list, start, reset)");
                System.exit(2);
            }
        }
    }

    static Exercise find(String chapter, String name) {
        for (Exercise e : ALL) {
            if (e.name().equals(name) && (chapter == null || e.chapter().equals(chapter)
                    || e.chapter().equals("chapter" + chapter) || e.chapter().equals("chapter0" + chapter))) {
                return e;
            }
        }
        System.err.println("error: no exercise " + name + (chapter == null ? "" : " in " + chapter)
                + " (exercises/list shows them)");
        System.exit(2);
        return null;
    }

    private static void list() {
        for (Exercise e : ALL) {
            System.out.printf("%-10s %-21s %s%n", e.chapter(), e.name(), e.summary());
        }
    }

    private static void start(Path root, Exercise e) throws IOException {
        Path file = e.path(root);
        Path backup = root.resolve("exercises/.backup").resolve(root.relativize(file));
        if (!Files.exists(backup)) {
            Files.createDirectories(backup.getParent());
            Files.copy(file, backup);
        }
        Files.writeString(file, blank(Files.readString(file, StandardCharsets.UTF_8), e.signature()),
                StandardCharsets.UTF_8);
        System.out.println("Blanked " + root.relativize(file) + ":");
        System.out.println("    " + e.signature());
        System.out.println("Your task: " + e.summary() + ".");
        System.out.println();
        System.out.println("The test that proves it (fails now, passes when your code is right):");
        System.out.println("    " + e.testCommand());
        System.out.println();
        System.out.println("Hints:");
        e.hints().forEach(h -> System.out.println("  - " + h));
        System.out.println();
        System.out.println("exercises/reset puts the workbook's version back.");
    }

    private static void reset(Path root) throws IOException {
        Path backups = root.resolve("exercises/.backup");
        if (!Files.exists(backups)) {
            System.out.println("nothing to reset");
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(backups)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path b : files) {
            Path original = root.resolve(backups.relativize(b));
            Files.copy(b, original, StandardCopyOption.REPLACE_EXISTING);
            System.out.println("restored " + root.relativize(original));
        }
        try (Stream<Path> walk = Files.walk(backups)) {
            for (Path p : walk.sorted((x, y) -> y.compareTo(x)).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The source with the body of the method declared by {@code signature} replaced by a throw. */
    public static String blank(String source, String signature) {
        int at = source.indexOf(signature);
        if (at < 0 || source.indexOf(signature, at + 1) >= 0) {
            throw new IllegalStateException("signature not found exactly once: " + signature);
        }
        int open = source.indexOf('{', at + signature.length());
        int close = matchingBrace(source, open);
        int lineStart = source.lastIndexOf('\n', at) + 1;
        String indent = source.substring(lineStart, at).replaceAll("\\S.*", "");
        return source.substring(0, open + 1) + "\n" + indent + "    throw new UnsupportedOperationException(\"exercise\");\n"
                + indent + source.substring(close);
    }

    /** The index of the brace closing the one at {@code open}, skipping strings, chars and comments. */
    private static int matchingBrace(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                if (s.startsWith("\"\"\"", i)) {
                    i = s.indexOf("\"\"\"", i + 3) + 2;
                    continue;
                }
                for (i++; s.charAt(i) != c; i++) {
                    if (s.charAt(i) == '\\') {
                        i++;
                    }
                }
            } else if (s.startsWith("//", i)) {
                i = s.indexOf('\n', i);
            } else if (s.startsWith("/*", i)) {
                i = s.indexOf("*/", i) + 1;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced braces after index " + open);
    }
}
