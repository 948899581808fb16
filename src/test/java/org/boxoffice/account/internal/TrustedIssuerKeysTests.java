package org.boxoffice.account.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** Tokens minted by an external issuer are accepted by public key (RSA or EC, inline or file) or by JWK set URL. */
class TrustedIssuerKeysTests {

    private static String token(JWSSigner signer, JWSAlgorithm algorithm, String keyId) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("idp").subject("user-1").claim("roles", List.of("FAN"))
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String pem(byte[] der) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
    }

    @Test
    void acceptsRs256TokensSignedWithTheConfiguredRsaKey() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        JwtDecoder decoder = TrustedIssuerKeys.fromPublicKey(pem(key.toRSAPublicKey().getEncoded()));

        assertThat(decoder.decode(token(new RSASSASigner(key), JWSAlgorithm.RS256, "any")).getSubject()).isEqualTo("user-1");
    }

    @Test
    void acceptsEs256TokensWithAnEcKeyReadFromAFile(@TempDir Path dir) throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k2").generate();
        Path file = dir.resolve("issuer.pem");
        Files.writeString(file, pem(key.toECPublicKey().getEncoded()), StandardCharsets.UTF_8);
        JwtDecoder decoder = TrustedIssuerKeys.fromPublicKey("file:" + file);

        assertThat(decoder.decode(token(new ECDSASigner(key), JWSAlgorithm.ES256, "k2")).getSubject()).isEqualTo("user-1");
    }

    @Test
    void rejectsTokensSignedWithAnotherKey() throws Exception {
        RSAKey trusted = new RSAKeyGenerator(2048).generate();
        RSAKey stranger = new RSAKeyGenerator(2048).generate();
        JwtDecoder decoder = TrustedIssuerKeys.fromPublicKey(pem(trusted.toRSAPublicKey().getEncoded()));

        assertThatThrownBy(() -> decoder.decode(token(new RSASSASigner(stranger), JWSAlgorithm.RS256, "x")))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void acceptsTokensVerifiedThroughAJwkSetUrl() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("jwks-key").generate();
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
        try {
            JwtDecoder decoder = TrustedIssuerKeys.fromJwksUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");

            assertThat(decoder.decode(token(new RSASSASigner(key), JWSAlgorithm.RS256, "jwks-key")).getSubject()).isEqualTo("user-1");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void refusesAKeyThatIsNotAPublicKey() {
        assertThatThrownBy(() -> TrustedIssuerKeys.fromPublicKey(pem("not a key".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
