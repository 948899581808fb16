package org.boxoffice.account;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.boxoffice.account.internal.TokenIssuer;
import org.boxoffice.account.internal.User;
import org.boxoffice.account.internal.Users;
import org.boxoffice.shared.ApiProblem;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Registers users, checks passwords and issues access tokens. */
@Service
public class AccountService {
    public static final int MAX_PASSWORD_BYTES = 72;
    private final Users users;
    private final PasswordEncoder passwords;
    private final TokenIssuer tokens;

    AccountService(Users users, PasswordEncoder passwords, TokenIssuer tokens) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
    }

    /** Registers a user and returns the new user id; 409 when the e-mail is taken. */
    public String register(String email, String password, String displayName, Set<Role> roles) {
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            // bcrypt looks at 72 bytes at most; longer passwords would be silently cut
            throw ApiProblem.badRequest("password must be at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8");
        }
        String normalized = normalize(email);
        if (users.findByEmail(normalized).isPresent()) {
            throw emailTaken();
        }
        return users.create(normalized, passwords.encode(password), displayName.strip(), roles)
                .orElseThrow(AccountService::emailTaken);
    }

    public Optional<String> userIdByEmail(String email) {
        return users.findByEmail(normalize(email)).map(User::id);
    }

    public AccessToken issueToken(String email, String password) {
        User user = users.findByEmail(normalize(email))
                .filter(u -> u.passwordHash() != null && password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES
                        && passwords.matches(password, u.passwordHash()))
                .orElseThrow(() -> new ApiProblem(401, "invalid-credentials", "Unauthorized", "E-mail or password is wrong"));
        return tokens.issue(user);
    }

    private static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static ApiProblem emailTaken() {
        return new ApiProblem(409, "email-taken", "Conflict", "An account with this e-mail already exists");
    }
}
