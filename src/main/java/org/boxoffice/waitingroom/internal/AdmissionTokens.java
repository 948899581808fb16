package org.boxoffice.waitingroom.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.boxoffice.account.Tokens;
import org.springframework.stereotype.Component;

/** Admission tokens: signed, bound to the user and the event, short-lived. */
@Component
public class AdmissionTokens {
    static final String TYPE = "admission";
    private final Tokens tokens;
    private final Clock clock;

    AdmissionTokens(Tokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    public String issue(long eventId, String userId, Instant expiresAt) {
        return tokens.sign(TYPE, userId, Map.of("evt", String.valueOf(eventId)), expiresAt);
    }

    public boolean valid(String token, long eventId, String userId) {
        return tokens.verify(token, TYPE)
                .filter(jwt -> userId.equals(jwt.getSubject()))
                .filter(jwt -> String.valueOf(eventId).equals(jwt.getClaimAsString("evt")))
                .filter(jwt -> jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(clock.instant()))
                .isPresent();
    }
}
