package io.verrou.otp;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Base32 with the RFC 4648 alphabet ({@code A–Z}, {@code 2–7}), the encoding authenticator apps use for secrets.
 *
 * <p>Encoding is canonical (upper case, no padding) because that is what the Key URI format asks for. Decoding is
 * lenient because its input is often typed or pasted by a person: it accepts lower case, spaces, hyphens and
 * trailing {@code '='} padding.
 */
public final class Base32 {

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    /** Maps an ASCII character to its 5-bit value, or -1; lower case is filled in here so decoding need not convert. */
    private static final int[] VALUES = new int[128];

    static {
        Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = i;
            VALUES[Character.toLowerCase(ALPHABET[i])] = i;
        }
    }

    private Base32() {
    }

    /**
     * Encodes bytes as upper-case Base32 without padding.
     *
     * @param data the bytes to encode; may be empty
     * @return the Base32 text, empty for empty input
     * @throws NullPointerException if {@code data} is {@code null}
     */
    public static String encode(byte[] data) {
        Objects.requireNonNull(data, "data");
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >>> (bits - 5)) & 0x1F]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            // The last group is left-aligned and zero-filled, as RFC 4648 section 6 requires.
            out.append(ALPHABET[(buffer << (5 - bits)) & 0x1F]);
        }
        return out.toString();
    }

    /**
     * Decodes Base32 text, ignoring letter case, whitespace, hyphens and trailing {@code '='} padding.
     *
     * @param text the Base32 text; may be empty
     * @return the decoded bytes, empty for empty input
     * @throws IllegalArgumentException if the text holds a character outside the alphabet, padding that is not at
     *                                  the end, or a number of characters no byte sequence encodes to
     * @throws NullPointerException     if {@code text} is {@code null}
     */
    public static byte[] decode(String text) {
        Objects.requireNonNull(text, "text");
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        int symbols = 0;
        boolean padding = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            if (c == '=') {
                padding = true;
                continue;
            }
            int value = c < VALUES.length ? VALUES[c] : -1;
            // The position, not the character, goes into the message: the text is usually a secret and messages
            // end up in logs.
            if (value < 0) {
                throw new IllegalArgumentException("Invalid Base32 character at position " + i);
            }
            if (padding) {
                throw new IllegalArgumentException("Base32 padding '=' is only allowed at the end (position " + i + ")");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            symbols++;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xFF);
                bits -= 8;
            }
        }
        // 1, 3 or 6 symbols in the last group of 8 carry too few bits for a whole byte: a character was lost.
        int remainder = symbols % 8;
        if (remainder == 1 || remainder == 3 || remainder == 6) {
            throw new IllegalArgumentException(
                    "Invalid Base32 length: " + symbols + " characters do not encode a whole number of bytes");
        }
        return out.toByteArray();
    }

    /**
     * Splits text into groups separated by a single space, so that a person can read a secret aloud or type it.
     *
     * @param base32 the text to group, usually the output of {@link #encode(byte[])}
     * @param size   the number of characters per group, at least 1 (4 is customary)
     * @return the grouped text, without leading or trailing space
     * @throws IllegalArgumentException if {@code size} is less than 1
     * @throws NullPointerException     if {@code base32} is {@code null}
     */
    public static String group(String base32, int size) {
        Objects.requireNonNull(base32, "base32");
        if (size < 1) {
            throw new IllegalArgumentException("Group size must be at least 1, was " + size);
        }
        StringBuilder out = new StringBuilder(base32.length() + base32.length() / size);
        for (int i = 0; i < base32.length(); i++) {
            if (i > 0 && i % size == 0) {
                out.append(' ');
            }
            out.append(base32.charAt(i));
        }
        return out.toString();
    }
}
