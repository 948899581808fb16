package org.boxoffice.account.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Remembers the tokens it has verified, each until it expires and no longer than {@code maxAge}, so that a buyer
 * polling the queue every second costs one signature check per token, not one per request. Only tokens that passed
 * every check are remembered; a remembered token is answered only while both limits are ahead on the clock, after
 * that the verifier decides again.
 */
final class VerifiedTokens implements JwtDecoder {
    private record Verified(Jwt jwt, Instant until) {
    }

    /** What one remembered token takes of the heap, decoded (measured: 100,000 of them took 250 MB). */
    static final long BYTES_PER_TOKEN = 2_500;
    static final long MAX_TOKENS = 100_000;

    private final JwtDecoder verifier;
    private final Clock clock;
    private final Duration maxAge;
    private final Cache<String, Verified> verified;

    VerifiedTokens(JwtDecoder verifier, Clock clock, long maxTokens, Duration maxAge) {
        this.verifier = verifier;
        this.clock = clock;
        this.maxAge = maxAge;
        // eviction only frees memory; whether a remembered token still counts is decided against the clock below
        this.verified = Caffeine.newBuilder().maximumSize(maxTokens).expireAfterWrite(maxAge).build();
    }

    /**
     * As many tokens as fit in an eighth of the heap, 100,000 at most: on a 1 GiB node the 100,000 of before were the
     * largest use of the heap in the 500,000-user run (a quarter of it), and with them it stood full.
     */
    static long sizedToHeap(long maxHeapBytes) {
        return Math.max(1_000, Math.min(MAX_TOKENS, maxHeapBytes / 8 / BYTES_PER_TOKEN));
    }

    @Override
    public Jwt decode(String token) {
        Instant now = clock.instant();
        Verified known = verified.getIfPresent(token);
        if (known != null && known.until().isAfter(now)) {
            return known.jwt();
        }
        Jwt jwt = verifier.decode(token);
        if (jwt.getExpiresAt() != null) {
            Instant until = now.plus(maxAge);
            verified.put(token, new Verified(jwt, jwt.getExpiresAt().isBefore(until) ? jwt.getExpiresAt() : until));
        }
        return jwt;
    }
}
