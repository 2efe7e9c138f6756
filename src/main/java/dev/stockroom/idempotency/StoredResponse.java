package dev.stockroom.idempotency;

import java.util.List;
import java.util.Map;

/** A response kept for replay: what the request looked like, and the status, headers and body it got. */
record StoredResponse(String fingerprint, int status, Map<String, List<String>> headers, String body) {
}
