package io.verrou.method.authenticator;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough of Structured Field Values (RFC 8941) to read {@code Signature-Input}, {@code Signature} and
 * {@code Content-Digest}: dictionaries whose members are items or inner lists, with parameters; integers,
 * strings, tokens, byte sequences and booleans. Decimals are refused (none of these fields uses them), and so is
 * a key given twice, where RFC 8941 would keep the last: a signature header that says two things is not trusted.
 */
final class StructuredFields {

    /** A token, e.g. {@code sha-256}'s algorithm names in other fields. */
    record Token(String value) {
    }

    /** A bare item (Long, String, Token, byte[] or Boolean) and its parameters, in order. */
    record Item(Object value, Map<String, Object> params) {
    }

    /** An inner list, {@code ("a" "b");p=1}: its items and its parameters, in order. */
    record InnerList(List<Item> items, Map<String, Object> params) {
    }

    /** The field is not a well-formed structured field. */
    static final class MalformedFieldException extends Exception {
        MalformedFieldException(String message) {
            super(message, null, false, false);
        }
    }

    private final String input;
    private int pos;

    private StructuredFields(String input) {
        this.input = input;
    }

    /** A dictionary field: each member is an {@link Item} or an {@link InnerList}, in the order given. */
    static Map<String, Object> parseDictionary(String field) throws MalformedFieldException {
        if (field == null) {
            throw new MalformedFieldException("missing");
        }
        // Leading and trailing spaces are not part of the field (RFC 8941 section 4.2).
        int start = 0;
        int end = field.length();
        while (start < end && field.charAt(start) == ' ') {
            start++;
        }
        while (end > start && field.charAt(end - 1) == ' ') {
            end--;
        }
        StructuredFields parser = new StructuredFields(field.substring(start, end));
        Map<String, Object> members = new LinkedHashMap<>();
        while (!parser.atEnd()) {
            String key = parser.key();
            Object value;
            if (parser.peek() == '=') {
                parser.pos++;
                value = parser.peek() == '(' ? parser.innerList() : parser.item();
            } else {
                value = new Item(Boolean.TRUE, parser.params());
            }
            if (members.put(key, value) != null) {
                throw new MalformedFieldException("duplicate member");
            }
            parser.skipOptionalWhitespace();
            if (parser.atEnd()) {
                break;
            }
            parser.expect(',');
            parser.skipOptionalWhitespace();
            if (parser.atEnd()) {
                throw new MalformedFieldException("trailing comma");
            }
        }
        return Collections.unmodifiableMap(members);
    }

    /** An sf-string as it is written: quoted, with {@code \} and {@code "} escaped. */
    static String serializeString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("Not a printable ASCII string");
            }
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /** A bare item as it is written. */
    static String serializeBareItem(Object value) {
        if (value instanceof Long number) {
            return number.toString();
        }
        if (value instanceof String string) {
            return serializeString(string);
        }
        if (value instanceof Token token) {
            return token.value();
        }
        if (value instanceof byte[] bytes) {
            return ":" + Base64.getEncoder().encodeToString(bytes) + ":";
        }
        if (value instanceof Boolean bool) {
            return bool ? "?1" : "?0";
        }
        throw new IllegalArgumentException("Not a bare item: " + value.getClass().getSimpleName());
    }

    private InnerList innerList() throws MalformedFieldException {
        expect('(');
        List<Item> items = new ArrayList<>();
        while (true) {
            skipSpaces();
            if (atEnd()) {
                throw new MalformedFieldException("unterminated inner list");
            }
            if (peek() == ')') {
                pos++;
                return new InnerList(List.copyOf(items), params());
            }
            items.add(item());
            if (!atEnd() && peek() != ' ' && peek() != ')') {
                throw new MalformedFieldException("items must be separated by spaces");
            }
        }
    }

    private Item item() throws MalformedFieldException {
        Object value = bareItem();
        return new Item(value, params());
    }

    private Map<String, Object> params() throws MalformedFieldException {
        Map<String, Object> params = new LinkedHashMap<>();
        while (!atEnd() && peek() == ';') {
            pos++;
            skipSpaces();
            String key = key();
            Object value = Boolean.TRUE;
            if (!atEnd() && peek() == '=') {
                pos++;
                value = bareItem();
            }
            if (params.put(key, value) != null) {
                throw new MalformedFieldException("duplicate parameter");
            }
        }
        return Collections.unmodifiableMap(params);
    }

    private Object bareItem() throws MalformedFieldException {
        if (atEnd()) {
            throw new MalformedFieldException("missing value");
        }
        char c = peek();
        if (c == '-' || isDigit(c)) {
            return integer();
        }
        if (c == '"') {
            return string();
        }
        if (c == ':') {
            return byteSequence();
        }
        if (c == '?') {
            return bool();
        }
        if (c == '*' || isAlpha(c)) {
            return token();
        }
        throw new MalformedFieldException("unexpected character");
    }

    private Long integer() throws MalformedFieldException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int digits = 0;
        while (!atEnd() && isDigit(peek())) {
            pos++;
            digits++;
        }
        if (digits == 0 || digits > 15) {
            throw new MalformedFieldException("bad integer");
        }
        if (!atEnd() && peek() == '.') {
            throw new MalformedFieldException("decimals are not accepted");
        }
        return Long.parseLong(input.substring(start, pos));
    }

    private String string() throws MalformedFieldException {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (!atEnd()) {
            char c = input.charAt(pos++);
            if (c == '\\') {
                if (atEnd()) {
                    break;
                }
                char escaped = input.charAt(pos++);
                if (escaped != '"' && escaped != '\\') {
                    throw new MalformedFieldException("bad escape");
                }
                out.append(escaped);
            } else if (c == '"') {
                return out.toString();
            } else if (c < 0x20 || c > 0x7e) {
                throw new MalformedFieldException("bad character in string");
            } else {
                out.append(c);
            }
        }
        throw new MalformedFieldException("unterminated string");
    }

    private Token token() {
        int start = pos;
        pos++;
        while (!atEnd() && (isTokenChar(peek()) || peek() == ':' || peek() == '/')) {
            pos++;
        }
        return new Token(input.substring(start, pos));
    }

    private byte[] byteSequence() throws MalformedFieldException {
        expect(':');
        int end = input.indexOf(':', pos);
        if (end < 0) {
            throw new MalformedFieldException("unterminated byte sequence");
        }
        String base64 = input.substring(pos, end);
        pos = end + 1;
        for (int i = 0; i < base64.length(); i++) {
            char c = base64.charAt(i);
            if (!(isAlpha(c) || isDigit(c) || c == '+' || c == '/' || c == '=')) {
                throw new MalformedFieldException("bad byte sequence");
            }
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new MalformedFieldException("bad byte sequence");
        }
    }

    private Boolean bool() throws MalformedFieldException {
        expect('?');
        if (atEnd()) {
            throw new MalformedFieldException("bad boolean");
        }
        char c = input.charAt(pos++);
        if (c == '1') {
            return Boolean.TRUE;
        }
        if (c == '0') {
            return Boolean.FALSE;
        }
        throw new MalformedFieldException("bad boolean");
    }

    private String key() throws MalformedFieldException {
        if (atEnd() || !(isLowerAlpha(peek()) || peek() == '*')) {
            throw new MalformedFieldException("bad key");
        }
        int start = pos;
        while (!atEnd() && (isLowerAlpha(peek()) || isDigit(peek()) || "_-.*".indexOf(peek()) >= 0)) {
            pos++;
        }
        return input.substring(start, pos);
    }

    private void expect(char c) throws MalformedFieldException {
        if (atEnd() || input.charAt(pos) != c) {
            throw new MalformedFieldException("expected " + c);
        }
        pos++;
    }

    private void skipSpaces() {
        while (!atEnd() && peek() == ' ') {
            pos++;
        }
    }

    private void skipOptionalWhitespace() {
        while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= input.length();
    }

    private char peek() {
        return input.charAt(pos);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLowerAlpha(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isAlpha(char c) {
        return isLowerAlpha(c) || (c >= 'A' && c <= 'Z');
    }

    private static boolean isTokenChar(char c) {
        return isAlpha(c) || isDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
