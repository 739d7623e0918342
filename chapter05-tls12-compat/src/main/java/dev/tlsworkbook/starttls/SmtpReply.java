package dev.tlsworkbook.starttls;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One SMTP reply (RFC 5321 §4.2): a three-digit code and one or more lines of text, all lines
 * but the last written {@code 250-text}, the last {@code 250 text}.
 *
 * @since chapter05
 */
public record SmtpReply(int code, List<String> lines) {

    public SmtpReply {
        lines = List.copyOf(lines);
    }

    /** Reads one complete reply; a malformed line or end of stream is an {@link IOException}. */
    public static SmtpReply read(MailLines in) throws IOException {
        List<String> text = new ArrayList<>();
        while (true) {
            Optional<String> line = in.readLine();
            if (line.isEmpty()) {
                throw new IOException("connection closed while waiting for an SMTP reply");
            }
            String l = line.get();
            // RFC 5321 §4.2: Reply-line = *( Reply-code "-" [ textstring ] CRLF ) Reply-code [ SP textstring ] CRLF
            if (l.length() < 3 || !l.substring(0, 3).chars().allMatch(Character::isDigit)
                    || (l.length() > 3 && l.charAt(3) != '-' && l.charAt(3) != ' ')) {
                throw new IOException("not an SMTP reply: " + abbreviate(l));
            }
            text.add(l.length() > 4 ? l.substring(4) : "");
            if (l.length() == 3 || l.charAt(3) == ' ') {
                return new SmtpReply(Integer.parseInt(l.substring(0, 3)), text);
            }
        }
    }

    /** 2xx. */
    public boolean positive() {
        return code / 100 == 2;
    }

    /** Whether an EHLO reply lists {@code keyword} as a service extension (RFC 5321 §4.1.1.1). */
    public boolean hasExtension(String keyword) {
        return lines.stream().skip(1).anyMatch(l -> l.equalsIgnoreCase(keyword) || l.regionMatches(true, 0,
                keyword + " ", 0, keyword.length() + 1));
    }

    @Override
    public String toString() {
        return code + " " + String.join(" / ", lines);
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
