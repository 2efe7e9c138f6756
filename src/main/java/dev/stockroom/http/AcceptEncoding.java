package dev.stockroom.http;

import java.util.Locale;

/**
 * Reads {@code Accept-Encoding} (RFC 9110, section 12.5.3): coding names are case-insensitive, a weight of 0
 * refuses a coding, {@code *} stands for any coding not named, and {@code x-gzip} is gzip.
 */
final class AcceptEncoding {

    private AcceptEncoding() {
    }

    /** Whether a response may be sent gzip-coded to a request with these {@code Accept-Encoding} values. */
    static boolean acceptsGzip(Iterable<String> fields) {
        double gzip = -1;
        double any = -1;
        for (String field : fields) {
            for (String member : field.split(",")) {
                String[] parts = member.split(";");
                String coding = parts[0].trim().toLowerCase(Locale.ROOT);
                double weight = weight(parts);
                if (coding.equals("gzip") || coding.equals("x-gzip")) {
                    gzip = Math.max(gzip, weight);
                } else if (coding.equals("*")) {
                    any = Math.max(any, weight);
                }
            }
        }
        return gzip > 0 || (gzip < 0 && any > 0);
    }

    private static double weight(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].trim();
            if (parameter.length() > 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q')
                    && parameter.charAt(1) == '=') {
                try {
                    return Double.parseDouble(parameter.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 0; // a malformed weight accepts nothing rather than guessing
                }
            }
        }
        return 1;
    }
}
