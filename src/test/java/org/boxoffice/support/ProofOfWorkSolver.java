package org.boxoffice.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.altcha.altcha.Altcha;
import tools.jackson.databind.JsonNode;

/** Solves an ALTCHA challenge the way the browser widget does, and packs the solution as the API expects. */
public final class ProofOfWorkSolver {
    private ProofOfWorkSolver() {
    }

    public static String solve(JsonNode challenge) {
        try {
            Altcha.Solution solution = Altcha.solveChallenge(challenge.get("challenge").asString(), challenge.get("salt").asString(),
                    Altcha.Algorithm.fromString(challenge.get("algorithm").asString()), challenge.get("maxnumber").asLong(), 0);
            return pack(challenge, solution.number);
        } catch (Exception e) {
            throw new IllegalStateException("cannot solve the challenge", e);
        }
    }

    public static String pack(JsonNode challenge, long number) {
        String json = ApiClient.json(Map.of("algorithm", challenge.get("algorithm").asString(),
                "challenge", challenge.get("challenge").asString(), "number", number,
                "salt", challenge.get("salt").asString(), "signature", challenge.get("signature").asString()));
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
