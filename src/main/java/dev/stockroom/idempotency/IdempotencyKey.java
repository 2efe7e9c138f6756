package dev.stockroom.idempotency;

import java.util.List;

import dev.stockroom.http.ProblemException;

/**
 * The value of an {@code Idempotency-Key} header. The draft makes it a structured-field string (RFC 8941:
 * {@code "8e03978e-40d5-43e8-bc93-6894a57f9324"}); a bare token of visible ASCII is accepted too, since many
 * clients send one. One header, 1 to 255 characters; anything else answers 400
 * {@code invalid-idempotency-key}.
 */
record IdempotencyKey(String value) {

    static final int MAX_LENGTH = 255;

    static IdempotencyKey parse(List<String> headers) {
        if (headers.size() != 1) {
            throw invalid("send one Idempotency-Key header");
        }
        String raw = headers.get(0).strip();
        String value = raw.startsWith("\"") ? unquote(raw) : bare(raw);
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw invalid("an idempotency key has 1 to " + MAX_LENGTH + " characters");
        }
        return new IdempotencyKey(value);
    }

    private static String unquote(String raw) {
        StringBuilder value = new StringBuilder(raw.length());
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '"') {
                if (i != raw.length() - 1) {
                    throw invalid("nothing may follow the closing quote");
                }
                return value.toString();
            }
            if (c == '\\') {
                if (++i == raw.length() || (raw.charAt(i) != '"' && raw.charAt(i) != '\\')) {
                    throw invalid("only \\\" and \\\\ may be escaped");
                }
                c = raw.charAt(i);
            } else if (c < 0x20 || c > 0x7E) {
                throw invalid("a structured-field string holds printable ASCII only");
            }
            value.append(c);
        }
        throw invalid("the quoted string is not closed");
    }

    private static String bare(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c > 0x7E || c == '"' || c == '\\') {
                throw invalid("quote a key that holds spaces, quotes or backslashes");
            }
        }
        return raw;
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.badRequest("invalid-idempotency-key", "Invalid Idempotency-Key: " + detail);
    }
}
