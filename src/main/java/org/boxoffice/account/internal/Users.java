package org.boxoffice.account.internal;

import java.time.Clock;
import java.util.List;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.boxoffice.account.Role;
import org.boxoffice.shared.Timestamps;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The user accounts, in plain SQL. */
@Repository
public class Users {
    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Clock clock;

    Users(JdbcClient jdbc, JdbcTemplate batch, Clock clock) {
        this.batch = batch;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<User> findByEmail(String email) {
        return jdbc.sql("""
                SELECT id, email, password_hash, display_name, roles, email_verified FROM users WHERE email = :email
                """).param("email", email).query(Users::map).optional();
    }

    public Optional<User> find(String id) {
        return jdbc.sql("""
                SELECT id, email, password_hash, display_name, roles, email_verified FROM users WHERE id = :id
                """).param("id", id).query(Users::map).optional();
    }

    public void markEmailVerified(String id, String email) {
        jdbc.sql("UPDATE users SET email_verified = TRUE WHERE id = :id AND email = :email")
                .param("id", id).param("email", email).update();
    }

    public Optional<String> create(String email, String passwordHash, String displayName, Set<Role> roles) {
        String id = UUID.randomUUID().toString();
        try {
            insert(id, email, passwordHash, displayName, roles);
            return Optional.of(id);
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    /** Makes users of subjects first seen in tokens from the trusted issuer, in one JDBC batch; harmless when they exist. */
    void ensureExternal(List<ExternalUsers.Pending> subjects) {
        java.time.OffsetDateTime now = Timestamps.utc(clock.instant());
        try {
            batch.batchUpdate("""
                    INSERT INTO users (id, email, password_hash, display_name, roles, created_at)
                    SELECT ?, NULL, NULL, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM users WHERE id = ?)
                    """, subjects.stream().map(user -> new Object[] {user.subject(), displayName(user.subject(), user.email()),
                    user.roles().stream().map(Role::name).sorted().collect(Collectors.joining(",")), now, user.subject()}).toList());
        } catch (DuplicateKeyException raced) {
            // another node wrote one of them meanwhile: one by one, each harmless when it exists
            subjects.forEach(user -> ensureExternal(user.subject(), user.email(), user.roles()));
        }
    }

    /** display_name holds at most 255 characters; an overlong e-mail claim must not fail the request. */
    private static String displayName(String id, String email) {
        return email == null || email.length() > 255 ? id : email;
    }

    /** Makes a user of a subject first seen in a token from the trusted issuer; harmless when it exists. */
    public void ensureExternal(String id, String email, Set<Role> roles) {
        try {
            insert(id, null, null, displayName(id, email), roles);
        } catch (DuplicateKeyException e) {
            // another request or node provisioned the same subject first
        }
    }

    private void insert(String id, String email, String passwordHash, String displayName, Set<Role> roles) {
        jdbc.sql("""
                INSERT INTO users (id, email, password_hash, display_name, roles, created_at)
                VALUES (:id, :email, :hash, :name, :roles, :now)
                """)
                .param("id", id).param("email", email).param("hash", passwordHash).param("name", displayName)
                .param("roles", roles.stream().map(Role::name).sorted().collect(Collectors.joining(",")))
                .param("now", Timestamps.utc(clock.instant()))
                .update();
    }

    private static User map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(rs.getString("roles").split(",")).filter(s -> !s.isBlank()).map(Role::valueOf).forEach(roles::add);
        return new User(rs.getString("id"), rs.getString("email"), rs.getString("password_hash"),
                rs.getString("display_name"), roles, rs.getBoolean("email_verified"));
    }
}
