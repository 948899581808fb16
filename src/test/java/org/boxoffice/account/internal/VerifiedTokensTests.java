package org.boxoffice.account.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.boxoffice.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokensTests {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final List<String> verified = new CopyOnWriteArrayList<>();
    /** Tokens the verifier refuses from now on, as it would once a token has expired or its key is gone. */
    private final Set<String> refused = new HashSet<>();
    private final JwtDecoder verifier = token -> {
        verified.add(token);
        if (refused.contains(token) || token.startsWith("bad")) {
            throw new BadJwtException("refused: " + token);
        }
        Instant expiry = clock.instant().plus(Duration.ofMinutes(Integer.parseInt(token.substring(token.indexOf(':') + 1))));
        return new Jwt(token, clock.instant(), expiry, Map.of("alg", "RS256"), Map.of("sub", token, "exp", expiry));
    };
    private final VerifiedTokens tokens = new VerifiedTokens(verifier, clock, 1_000, Duration.ofMinutes(10));

    @Test
    void verifiesATokenOnceWhileItIsValid() {
        Jwt first = tokens.decode("alice:60");
        Jwt again = tokens.decode("alice:60");

        assertThat(again).isSameAs(first);
        assertThat(verified).containsExactly("alice:60");
        assertThat(tokens.decode("bob:60").getSubject()).as("another token is verified on its own").isEqualTo("bob:60");
    }

    @Test
    void verifiesAgainOnceTheTokenHasExpiredAndRefusesWhatTheVerifierRefuses() {
        tokens.decode("alice:5");
        clock.advance(Duration.ofMinutes(5));
        refused.add("alice:5");

        assertThatThrownBy(() -> tokens.decode("alice:5")).isInstanceOf(BadJwtException.class);
        assertThat(verified).containsExactly("alice:5", "alice:5");
    }

    @Test
    void remembersATokenNoLongerThanTheMaximumAgeEvenWhenItLivesLonger() {
        tokens.decode("alice:600");
        clock.advance(Duration.ofMinutes(11));
        refused.add("alice:600"); // say its signing key was withdrawn meanwhile

        assertThatThrownBy(() -> tokens.decode("alice:600")).isInstanceOf(BadJwtException.class);
    }

    @Test
    void neverRemembersARefusedToken() {
        assertThatThrownBy(() -> tokens.decode("bad:60")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("bad:60")).isInstanceOf(BadJwtException.class);

        assertThat(verified).containsExactly("bad:60", "bad:60");
    }

    @Test
    void answersManyDistinctTokensEachWithItsOwnClaims() {
        Set<String> subjects = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            subjects.add(tokens.decode("user" + i + ":60").getSubject());
            subjects.add(tokens.decode("user" + i + ":60").getSubject());
        }
        assertThat(subjects).hasSize(500);
        assertThat(verified).hasSize(500);
    }

    @Test
    void remembersAsManyTokensAsFitInAnEighthOfTheHeapAndNoMoreThanAHundredThousand() {
        assertThat(VerifiedTokens.sizedToHeap(1L << 30)).isEqualTo(53_687);
        assertThat(VerifiedTokens.sizedToHeap(8L << 30)).isEqualTo(100_000);
        assertThat(VerifiedTokens.sizedToHeap(16L << 20)).as("a tiny heap still remembers some").isEqualTo(1_000);
    }
}
