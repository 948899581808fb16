package org.boxoffice.ticketing.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import org.boxoffice.shared.Timestamps;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The Ed25519 key that signs ticket codes. Every node must sign with the same key and scanners verify with its public
 * half, so it lives in the database: the first node to start creates it, the others read it.
 */
@Component
class TicketSigningKey {
    private static final String ID = "tickets-ed25519";
    private final KeyPair keys;

    TicketSigningKey(JdbcClient jdbc, Clock clock) {
        this.keys = load(jdbc, clock);
    }

    PrivateKey privateKey() {
        return keys.getPrivate();
    }

    PublicKey publicKey() {
        return keys.getPublic();
    }

    private static KeyPair load(JdbcClient jdbc, Clock clock) {
        var stored = jdbc.sql("SELECT jwk FROM signing_keys WHERE id = :id").param("id", ID).query(String.class).optional();
        if (stored.isPresent()) {
            return decode(stored.get());
        }
        KeyPair created = generate();
        try {
            jdbc.sql("INSERT INTO signing_keys (id, jwk, created_at) VALUES (:id, :key, :now)").param("id", ID)
                    .param("key", encode(created)).param("now", Timestamps.utc(clock.instant())).update();
            return created;
        } catch (DuplicateKeyException anotherNodeWasFirst) {
            return decode(jdbc.sql("SELECT jwk FROM signing_keys WHERE id = :id").param("id", ID).query(String.class).single());
        }
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot make Ed25519 keys", e);
        }
    }

    /** Stored as "private.public", each Base64 of its standard encoding (PKCS#8, X.509). */
    private static String encode(KeyPair keys) {
        Base64.Encoder base64 = Base64.getEncoder();
        return base64.encodeToString(keys.getPrivate().getEncoded()) + "." + base64.encodeToString(keys.getPublic().getEncoded());
    }

    private static KeyPair decode(String stored) {
        String[] parts = stored.split("\\.");
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            Base64.Decoder base64 = Base64.getDecoder();
            return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(base64.decode(parts[1]))),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(parts[0]))));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("The stored ticket signing key cannot be read", e);
        }
    }
}
