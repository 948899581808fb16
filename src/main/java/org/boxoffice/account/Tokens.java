package org.boxoffice.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.boxoffice.account.internal.SigningKeys;
import org.boxoffice.account.internal.TokenIssuer;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Service;

/**
 * Signed tokens for other purposes than access (admission to an on-sale, say), with the cluster's signing key.
 * They carry a {@code typ} claim, and access-token checks refuse any token whose {@code typ} is not access.
 */
@Service
public class Tokens {
    private final TokenIssuer issuer;
    private final JwtDecoder decoder;
    private final SigningKeys keys;

    Tokens(TokenIssuer issuer, JwtDecoder decoder, SigningKeys keys) {
        this.issuer = issuer;
        this.decoder = decoder;
        this.keys = keys;
    }

    public String sign(String type, String subject, Map<String, Object> claims, Instant expiresAt) {
        return issuer.sign(type, subject, claims, expiresAt);
    }

    /** The token's claims when it is ours, unexpired and of this type; empty otherwise (forged, foreign, expired). */
    public Optional<Jwt> verify(String token, String type) {
        try {
            Jwt jwt = decoder.decode(token);
            return type.equals(jwt.getClaimAsString(TokenIssuer.TYPE)) && issuer.issuer().equals(jwt.getClaimAsString("iss"))
                    ? Optional.of(jwt) : Optional.empty();
        } catch (JwtException e) {
            return Optional.empty();
        }
    }

    /** A secret for one purpose (proof-of-work HMACs, say), the same on every node and never stored. */
    public String derivedSecret(String purpose) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(keys.key().getPrivateExponent().decode());
            sha.update(purpose.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
