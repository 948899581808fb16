package org.boxoffice.account.internal;

import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.infrastructure.web.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.util.StringUtils;

/** Stateless bearer-token security: our own tokens plus those of one trusted external issuer. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
    /** Pages load scripts, styles and data from this origin only; nothing inline, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain api(HttpSecurity http, JwtDecoder decoder, JwtAuthenticationConverter converter,
                            ProblemWriter problems) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            problems.write(response, new ApiProblem(401, "unauthorized", "Unauthorized", "A valid bearer token is required"));
        };
        AccessDeniedHandler forbidden = (request, response, e) ->
                problems.write(response, new ApiProblem(403, "forbidden", "Forbidden", "Your role does not allow this request"));
        http.headers(headers -> {
                    // Written before the request is handled: a seat stream is written from other threads once its
                    // handler returns, and headers written by this thread afterwards would race with its commit.
                    headers.addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                        @Override
                        public <O extends HeaderWriterFilter> O postProcess(O filter) {
                            filter.setShouldWriteHeadersEagerly(true);
                            return filter;
                        }
                    });
                    headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        // sent only on requests that arrived over TLS (directly or, with forwarded headers, at the proxy)
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000));
                })
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/register", "/api/v1/auth/token").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/events", "/api/v1/events/*", "/api/v1/events/*/seats",
                                "/api/v1/events/*/seats/stream", "/api/v1/tickets/public-key", "/api/v1/events/*/queue/fairness",
                                "/api/v1/events/*/queue/fairness/report").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/events/*/queue/fairness/receipt").permitAll()
                        .requestMatchers("/api/v1/admin/**").hasAnyRole("ORGANIZER", "ADMIN")
                        .requestMatchers("/api/v1/checkin").hasAnyRole("SCANNER", "ADMIN")
                        .requestMatchers("/api/v1/events/*/holds", "/api/v1/events/*/queue", "/api/v1/events/*/queue/**",
                                "/api/v1/holds/**", "/api/v1/orders/**", "/api/v1/orders")
                        .hasAnyRole("FAN", "ADMIN")
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().permitAll())
                .oauth2ResourceServer(oauth -> oauth
                        .bearerTokenResolver(new BearerTokens())
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
        return http.build();
    }

    /** Spring Security's observation of every filter costs more than the filters themselves; HTTP metrics stay. */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, AccountSettings settings) throws Exception {
        AccountSettings.Jwt jwt = settings.jwt();
        long verifiedCacheSize = jwt.verifiedCacheSize();
        String trustedIssuer = jwt.trusted().issuer();
        NimbusJwtDecoder own = NimbusJwtDecoder.withPublicKey(keys.key().toRSAPublicKey()).build();
        own.setJwtValidator(validator(jwt.issuer()));
        JwtDecoder trusted = trustedDecoder(trustedIssuer, jwt.trusted().publicKey(), jwt.trusted().jwksUrl());
        JwtDecoder verifier = token -> {
            String issuer = issuerOf(token);
            return trusted != null && trustedIssuer.equals(issuer) ? trusted.decode(token) : own.decode(token);
        };
        // the validators check expiry on the system clock, and so does the cache, whatever clock the service runs on
        long size = verifiedCacheSize > 0 ? verifiedCacheSize : VerifiedTokens.sizedToHeap(Runtime.getRuntime().maxMemory());
        return new VerifiedTokens(verifier, Clock.systemUTC(), size, Duration.ofMinutes(10));
    }

    private static OAuth2TokenValidator<Jwt> validator(String issuer) {
        return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer), requiredClaims());
    }

    private static JwtDecoder trustedDecoder(String issuer, String publicKey, String jwksUrl) {
        if (!StringUtils.hasText(issuer)) {
            return null;
        }
        NimbusJwtDecoder decoder;
        if (StringUtils.hasText(publicKey)) {
            decoder = (NimbusJwtDecoder) TrustedIssuerKeys.fromPublicKey(publicKey);
        } else if (StringUtils.hasText(jwksUrl)) {
            decoder = (NimbusJwtDecoder) TrustedIssuerKeys.fromJwksUrl(jwksUrl);
        } else {
            throw new IllegalStateException(
                    "BOXOFFICE_JWT_TRUSTED_ISSUER is set but neither BOXOFFICE_JWT_TRUSTED_PUBLIC_KEY nor BOXOFFICE_JWT_TRUSTED_JWKS_URL");
        }
        decoder.setJwtValidator(validator(issuer));
        return decoder;
    }

    /** Every token names its user (an id that fits the users table) and expires. */
    private static OAuth2TokenValidator<Jwt> requiredClaims() {
        return new DelegatingOAuth2TokenValidator<>(
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank() && sub.length() <= 255),
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull));
    }

    private static String issuerOf(String token) {
        try {
            if (!(JWTParser.parse(token) instanceof SignedJWT signed) || signed.getJWTClaimsSet() == null) {
                throw new BadJwtException("only signed tokens are accepted");
            }
            String issuer = signed.getJWTClaimsSet().getIssuer();
            return issuer == null ? "" : issuer;
        } catch (ParseException | RuntimeException e) {
            throw new BadJwtException("malformed token");
        }
    }

    @Bean
    JwtAuthenticationConverter jwtAuthenticationConverter(ExternalUsers externalUsers, AccountSettings settings) {
        String trustedIssuer = settings.jwt().trusted().issuer();
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            // our own tokens say what they are for; an identity provider's "typ" (Keycloak: "Bearer") is its own business
            String type = jwt.getClaimAsString(TokenIssuer.TYPE);
            boolean ours = !(StringUtils.hasText(trustedIssuer) && trustedIssuer.equals(jwt.getClaimAsString("iss")));
            if (ours && type != null && !TokenIssuer.ACCESS.equals(type)) {
                throw new org.springframework.security.oauth2.server.resource.InvalidBearerTokenException("not an access token");
            }
            Collection<GrantedAuthority> authorities = new ArrayList<>();
            List<String> roles = jwt.getClaimAsStringList("roles");
            if (roles == null || roles.isEmpty()) {
                roles = List.of("FAN");
            }
            roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
            // the "iss" claim as text: our own issuer ("boxoffice") is not a URL, so Jwt#getIssuer() would throw
            if (StringUtils.hasText(trustedIssuer) && trustedIssuer.equals(jwt.getClaimAsString("iss"))) {
                externalUsers.ensure(jwt.getSubject(), jwt.getClaimAsString("email"), roles);
            }
            return authorities;
        });
        return converter;
    }
}
