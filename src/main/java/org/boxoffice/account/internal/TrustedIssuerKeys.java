package org.boxoffice.account.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Builds the decoder for tokens minted outside the service, from a PEM public key or a JWK set URL. */
final class TrustedIssuerKeys {
    private TrustedIssuerKeys() {
    }

    static JwtDecoder fromJwksUrl(String url) {
        return NimbusJwtDecoder.withJwkSetUri(url)
                .jwsAlgorithms(algorithms -> {
                    algorithms.add(SignatureAlgorithm.RS256);
                    algorithms.add(SignatureAlgorithm.ES256);
                })
                .build();
    }

    static JwtDecoder fromPublicKey(String pemOrFileReference) {
        PublicKey key = parsePem(readPem(pemOrFileReference));
        JWSAlgorithm expected = key instanceof RSAPublicKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        // One configured key: it verifies every token of the issuer, whatever key id the token names.
        processor.setJWSKeySelector((header, context) -> expected.equals(header.getAlgorithm()) ? List.of(key) : List.of());
        // Spring's validators check the claims; Nimbus would otherwise demand its own defaults.
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        return new NimbusJwtDecoder(processor);
    }

    private static String readPem(String value) {
        if (!value.startsWith("file:")) {
            return value;
        }
        try {
            return Files.readString(Path.of(value.substring("file:".length())), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read BOXOFFICE_JWT_TRUSTED_PUBLIC_KEY from " + value, e);
        }
    }

    static PublicKey parsePem(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next key type
            }
        }
        throw new IllegalArgumentException("BOXOFFICE_JWT_TRUSTED_PUBLIC_KEY is neither an RSA nor an EC public key in PEM form");
    }
}
