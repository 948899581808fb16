package org.boxoffice.loadtest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** Solves the waiting room's ALTCHA challenge as a browser would: tries numbers until SHA-256(salt + n) matches. */
final class ProofOfWork {
    private ProofOfWork() {
    }

    static String solve(String algorithm, String challenge, String salt, String signature, long maxNumber) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            HexFormat hex = HexFormat.of();
            for (long n = 0; n <= maxNumber; n++) {
                if (hex.formatHex(sha.digest((salt + n).getBytes(StandardCharsets.UTF_8))).equals(challenge)) {
                    String payload = "{\"algorithm\":\"" + algorithm + "\",\"challenge\":\"" + challenge + "\",\"number\":" + n
                            + ",\"salt\":\"" + salt + "\",\"signature\":\"" + signature + "\"}";
                    return Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
                }
            }
            throw new IllegalStateException("no solution up to " + maxNumber);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
