package org.boxoffice.waitingroom.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.boxoffice.account.Tokens;
import org.springframework.stereotype.Component;

/**
 * Admission tokens: bound to the user and the event, short-lived, and read only by this service. They are signed
 * with HMAC-SHA256 under a secret derived from the cluster's signing key (the same on every node), not with the
 * RSA key of access tokens: an RSA signature costs about 1.5 ms of CPU, which at an admission rate of 200 buyers a
 * second took 15% of a two-core node in the flash-sale run. The access-token decoder accepts RS256 only, so an
 * admission token is never an access token.
 */
@Component
public class AdmissionTokens {
    static final String TYPE = "admission";
    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Clock clock;

    AdmissionTokens(Tokens tokens, Clock clock) {
        byte[] secret = HexFormat.of().parseHex(tokens.derivedSecret("admission-tokens"));
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        this.clock = clock;
    }

    public String issue(long eventId, String userId, Instant expiresAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(userId).claim("typ", TYPE).claim("evt", String.valueOf(eventId))
                .expirationTime(Date.from(expiresAt)).build();
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            token.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return token.serialize();
    }

    public boolean valid(String token, long eventId, String userId) {
        try {
            SignedJWT parsed = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(parsed.getHeader().getAlgorithm()) || !parsed.verify(verifier)) {
                return false;
            }
            JWTClaimsSet claims = parsed.getJWTClaimsSet();
            return TYPE.equals(claims.getClaim("typ")) && userId.equals(claims.getSubject())
                    && String.valueOf(eventId).equals(claims.getClaim("evt"))
                    && claims.getExpirationTime() != null && claims.getExpirationTime().toInstant().isAfter(clock.instant());
        } catch (ParseException | JOSEException | RuntimeException malformed) {
            return false;
        }
    }
}
