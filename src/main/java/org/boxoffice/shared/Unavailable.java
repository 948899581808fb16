package org.boxoffice.shared;

/**
 * A dependency (Redis, the database, a bounded pool) cannot serve the request now; a retry after a short while makes
 * sense. The web layer answers 503 with Retry-After. Without a stack trace: during an outage every request throws one.
 */
public final class Unavailable extends RuntimeException {
    private final int retryAfterSeconds;

    public Unavailable(String detail, int retryAfterSeconds) {
        super(detail, null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
