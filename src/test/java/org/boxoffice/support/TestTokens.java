package org.boxoffice.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Mints tokens as the trusted external issuer would (a load generator, an identity provider), so tests
 * get users with any roles without registering them.
 */
public final class TestTokens {
    public static final String ISSUER = "https://idp.test.boxoffice.dev";
    private static final RSAKey KEY = generate();
    private static final RSAKey STRANGER = generate();

    private TestTokens() {
    }

    public static String publicKeyPem() {
        try {
            byte[] der = KEY.toRSAPublicKey().getEncoded();
            return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String fan() {
        return token(newUserId(), List.of("FAN"));
    }

    /** A fan whose identity provider vouches for their e-mail address ({@code email_verified}). */
    public static String verifiedFan() {
        return signed(new JWTClaimsSet.Builder().issuer(ISSUER).subject(newUserId()).claim("roles", List.of("FAN"))
                .claim("email", "verified-" + UUID.randomUUID() + "@example.com").claim("email_verified", true)
                .issueTime(Date.from(Instant.now().minusSeconds(5))).expirationTime(Date.from(Instant.now().plus(Duration.ofHours(2))))
                .build());
    }

    /** The user id ({@code sub}) a token names. */
    public static String subjectOf(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet().getSubject();
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static String organizer() {
        return token(newUserId(), List.of("ORGANIZER"));
    }

    public static String newUserId() {
        return "test-" + UUID.randomUUID();
    }

    public static String token(String subject, List<String> roles) {
        return sign(KEY, ISSUER, subject, roles, Instant.now().plus(Duration.ofHours(2)));
    }

    public static String expired(String subject) {
        return sign(KEY, ISSUER, subject, List.of("FAN"), Instant.now().minus(Duration.ofHours(1)));
    }

    /** A valid token of the trusted issuer that carries no {@code roles} claim at all. */
    public static String withoutRoles(String subject) {
        return sign(KEY, ISSUER, subject, null, Instant.now().plus(Duration.ofHours(2)));
    }

    /** Signs arbitrary claims with the trusted issuer's key (RS256), for tests of odd or missing claims. */
    public static String signed(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(KEY));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed by a key nobody trusts, claiming to be the trusted issuer. */
    public static String forged(String subject) {
        return sign(STRANGER, ISSUER, subject, List.of("ADMIN"), Instant.now().plus(Duration.ofHours(1)));
    }

    private static String sign(RSAKey key, String issuer, String subject, List<String> roles, Instant expiry) {
        try {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(issuer).subject(subject)
                    .issueTime(Date.from(Instant.now().minusSeconds(5))).expirationTime(Date.from(expiry));
            if (roles != null) {
                builder.claim("roles", roles);
            }
            JWTClaimsSet claims = builder.build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
