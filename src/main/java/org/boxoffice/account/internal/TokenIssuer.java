package org.boxoffice.account.internal;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.boxoffice.account.AccessToken;
import org.boxoffice.account.Role;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/** Signs access tokens with the service's own key. */
@Component
public class TokenIssuer {
    /** The claim that says what a token is for; access tokens say "access". */
    public static final String TYPE = "typ";
    public static final String ACCESS = "access";
    /** The OpenID Connect claim: true once the user proved they receive mail at {@code email}. */
    public static final String EMAIL_VERIFIED = "email_verified";
    private final JwtEncoder encoder;
    private final String issuer;
    private final String keyId;
    private final Duration lifetime;
    private final Clock clock;

    TokenIssuer(SigningKeys keys, Clock clock, AccountSettings settings) {
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(keys.key())));
        this.keyId = keys.key().getKeyID();
        this.issuer = settings.jwt().issuer();
        this.lifetime = settings.jwt().lifetime();
        this.clock = clock;
    }

    public AccessToken issue(User user) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .subject(user.id())
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .claim(TYPE, ACCESS)
                .claim("roles", user.roles().stream().map(Role::name).sorted().toList())
                .claim("name", user.displayName());
        if (user.email() != null) {
            claims.claim("email", user.email());
            claims.claim(EMAIL_VERIFIED, user.emailVerified());
        }
        return new AccessToken(encode(claims), "Bearer", lifetime.toSeconds());
    }

    public String sign(String type, String subject, java.util.Map<String, Object> extra, Instant expiresAt) {
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuer(issuer).subject(subject).issuedAt(clock.instant())
                .expiresAt(expiresAt).claim(TYPE, type);
        extra.forEach(claims::claim);
        return encode(claims);
    }

    public String issuer() {
        return issuer;
    }

    private String encode(JwtClaimsSet.Builder claims) {
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keyId).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    }
}
