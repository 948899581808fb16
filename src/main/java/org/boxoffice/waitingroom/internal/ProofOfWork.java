package org.boxoffice.waitingroom.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.altcha.altcha.Altcha;
import org.boxoffice.account.Tokens;
import org.boxoffice.shared.Refused;
import org.boxoffice.waitingroom.SolvedChallenges;
import org.boxoffice.waitingroom.WaitingRoomRefusal;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ALTCHA proof-of-work at the queue's door: a challenge signed with a cluster-wide secret and bound to the event
 * and the user, valid for a few minutes, accepted once.
 */
@Component
public class ProofOfWork {
    static final Duration VALIDITY = Duration.ofMinutes(10);
    private final String hmacKey;
    private final SolvedChallenges solved;
    private final JsonMapper json = JsonMapper.builder().build();

    ProofOfWork(Tokens tokens, SolvedChallenges solved) {
        this.hmacKey = tokens.derivedSecret("altcha-proof-of-work");
        this.solved = solved;
    }

    public record Challenge(String algorithm, String challenge, String salt, String signature, long maxnumber) {
    }

    public Challenge challenge(long eventId, String userId, long maxNumber) {
        try {
            Altcha.Challenge challenge = Altcha.createChallenge(new Altcha.ChallengeOptions()
                    .setHmacKey(hmacKey).setMaxNumber(maxNumber).setExpiresInSeconds(VALIDITY.toSeconds())
                    .addParam("event", String.valueOf(eventId)).addParam("user", userId));
            return new Challenge(challenge.algorithm, challenge.challenge, challenge.salt, challenge.signature, challenge.maxnumber);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a proof-of-work challenge", e);
        }
    }

    /** Checks a solution (base64 of the ALTCHA JSON payload); 400 when it is bad, foreign, expired or replayed. */
    public void verify(long eventId, String userId, String payload) {
        JsonNode solution;
        try {
            solution = json.readTree(new String(Base64.getDecoder().decode(payload.strip()), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw invalid("proofOfWork must be the base64 of the ALTCHA solution JSON");
        }
        boolean valid;
        Map<String, String> params;
        try {
            valid = Altcha.verifySolution(payload.strip(), hmacKey, true);
            params = Altcha.extractParams(solution.path("salt").asString(""));
        } catch (Exception e) {
            valid = false;
            params = Map.of();
        }
        if (!valid) {
            throw invalid("The proof of work is not a solution of a challenge we issued, or it has expired");
        }
        if (!String.valueOf(eventId).equals(params.get("event")) || !userId.equals(params.get("user"))) {
            throw invalid("The proof of work was issued for another event or user");
        }
        if (!solved.firstUse(solution.path("challenge").asString(""), VALIDITY)) {
            throw new WaitingRoomRefusal.ProofOfWorkReplayed().refused();
        }
    }

    private static Refused invalid(String detail) {
        return new WaitingRoomRefusal.ProofOfWorkInvalid(detail).refused();
    }
}
