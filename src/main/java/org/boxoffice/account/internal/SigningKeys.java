package org.boxoffice.account.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.util.UUID;
import org.boxoffice.infrastructure.InfrastructureSettings;
import org.boxoffice.shared.Timestamps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The service's own token signing key, generated once. Embedded mode keeps it in the data folder (readable by
 * the owner only); with a shared database every node must sign alike, so the first node stores it there and
 * the others read it. BOXOFFICE_JWT_SIGNING_KEY_FILE names a key file to use instead in either mode.
 */
@Component
public class SigningKeys {
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private final RSAKey key;

    SigningKeys(InfrastructureSettings infrastructure, AccountSettings settings,
                @Value("${spring.datasource.url}") String databaseUrl, JdbcClient jdbc, Clock clock) {
        String keyFile = settings.jwt().signingKeyFile();
        String dataDir = infrastructure.dataDir();
        if (!keyFile.isBlank()) {
            this.key = loadOrCreate(Path.of(keyFile));
        } else if (databaseUrl.startsWith("jdbc:h2:")) {
            this.key = loadOrCreate(Path.of(dataDir).resolve("jwt-signing-key.json"));
        } else {
            this.key = shared(jdbc, clock);
        }
    }

    public RSAKey key() {
        return key;
    }

    private static RSAKey shared(JdbcClient jdbc, Clock clock) {
        try {
            var stored = jdbc.sql("SELECT jwk FROM signing_keys WHERE id = 'default'").query(String.class).optional();
            if (stored.isPresent()) {
                return RSAKey.parse(stored.get());
            }
            RSAKey generated = generate();
            try {
                jdbc.sql("INSERT INTO signing_keys (id, jwk, created_at) VALUES ('default', :jwk, :now)")
                        .param("jwk", generated.toJSONString()).param("now", Timestamps.utc(clock.instant())).update();
                log.info("Generated the cluster's token signing key");
                return generated;
            } catch (DuplicateKeyException anotherNodeWasFirst) {
                return RSAKey.parse(jdbc.sql("SELECT jwk FROM signing_keys WHERE id = 'default'").query(String.class).single());
            }
        } catch (ParseException e) {
            throw new IllegalStateException("the stored signing key is not a valid RSA JWK", e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            RSAKey generated = generate();
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "jwt", ".tmp");
            trySetOwnerOnly(temp);
            Files.writeString(temp, generated.toJSONString(), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            log.info("Generated a new token signing key at {}", file.toAbsolutePath());
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the signing key " + file, e);
        } catch (ParseException e) {
            throw new IllegalStateException("the signing key file " + file + " is not a valid RSA JWK", e);
        }
    }

    private static void trySetOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the data folder's own protection applies
        }
    }
}
