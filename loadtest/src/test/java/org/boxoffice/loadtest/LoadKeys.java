package org.boxoffice.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * The load generator's own token issuer: an RSA key pair made on first use (never committed), whose public half the
 * node under test trusts through BOXOFFICE_JWT_TRUSTED_PUBLIC_KEY=file:.../public.pem. Users need no registration:
 * every virtual user gets a token for a subject of its own.
 */
final class LoadKeys {
    static final String ISSUER = "loadgen";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private final PrivateKey key;

    private LoadKeys(PrivateKey key) {
        this.key = key;
    }

    /** The key pair in {@code dir} (private.pem, public.pem), made there first if it is not there yet. */
    static synchronized LoadKeys in(Path dir) {
        try {
            Path privatePem = dir.resolve("private.pem");
            if (!Files.exists(privatePem)) {
                Files.createDirectories(dir);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(dir.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            }
            String base64 = Files.readString(privatePem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return new LoadKeys(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RS256 access token for {@code subject} with the given roles, valid for {@code seconds}. */
    String token(String subject, String role, long seconds) {
        String header = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        long now = Instant.now().getEpochSecond();
        String claims = encode("{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"roles\":[\"" + role + "\"],\"iat\":" + now
                + ",\"exp\":" + (now + seconds) + ",\"email_verified\":true}");
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
