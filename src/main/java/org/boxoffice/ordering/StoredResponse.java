package org.boxoffice.ordering;

/** A response as first sent for an idempotency key, replayed byte for byte. */
public record StoredResponse(int status, String body) {
    public boolean problem() {
        return status >= 400;
    }
}
