package dev.tlsworkbook.keyschedule.demo;

import dev.tlsworkbook.bytes.Opaque;
import java.io.PrintStream;

/** Prints values the way RFC 8448 does: {@code name (N octets):  hex}, wrapped, indented. */
final class TracePrinter {
    private final PrintStream out;

    TracePrinter(PrintStream out) {
        this.out = out;
    }

    void step(String party, String what) {
        out.println();
        out.println("   {" + party + "}  " + what + ":");
    }

    void value(String name, Opaque bytes) {
        out.println();
        out.print(format(name, bytes));
    }

    /** {@code "      name (N octets):  xx xx ..."} with continuation lines of 16 octets. */
    static String format(String name, Opaque bytes) {
        StringBuilder s = new StringBuilder("      ").append(name).append(" (").append(bytes.length()).append(" octets):");
        String hex = bytes.hex();
        for (int i = 0; i < bytes.length(); i++) {
            if (i % 16 == 0) {
                s.append(i == 0 ? "  " : "\n         ");
            } else {
                s.append(' ');
            }
            s.append(hex, 2 * i, 2 * i + 2);
        }
        return s.append('\n').toString();
    }

    void line(String text) {
        out.println(text);
    }
}
