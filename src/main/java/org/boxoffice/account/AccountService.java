package org.boxoffice.account;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.boxoffice.account.internal.PasswordHashing;
import org.boxoffice.account.internal.PasswordPolicy;
import org.boxoffice.account.internal.SignInGuard;
import org.boxoffice.account.internal.TokenIssuer;
import org.boxoffice.account.internal.User;
import org.boxoffice.account.internal.Users;
import org.boxoffice.shared.Refused;
import org.boxoffice.shared.Unavailable;
import org.springframework.stereotype.Service;

/** Registers users, checks passwords, issues access tokens and verifies e-mail addresses. */
@Service
public class AccountService {
    static final String EMAIL_VERIFICATION = "email-verification";
    private static final Duration VERIFICATION_VALIDITY = Duration.ofDays(1);
    private final Users users;
    private final PasswordHashing passwords;
    private final TokenIssuer tokens;
    private final Tokens signed;
    private final SignInGuard guard;
    private final PasswordPolicy policy;
    private final VerificationMails mails;
    private final Clock clock;

    AccountService(Users users, PasswordHashing passwords, TokenIssuer tokens, Tokens signed, SignInGuard guard,
                   PasswordPolicy policy, VerificationMails mails, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.signed = signed;
        this.guard = guard;
        this.policy = policy;
        this.mails = mails;
        this.clock = clock;
    }

    /** Registers a fan from the public API: limited per address, password checked; 409 when the e-mail is taken. */
    public String register(String email, String password, String displayName, String address) {
        guard.beforeRegistration(address);
        List<String> weak = policy.check(password, normalize(email), displayName);
        if (!weak.isEmpty()) {
            throw new AccountRefusal.WeakPassword(weak).refused();
        }
        return provision(email, password, displayName, EnumSet.of(Role.FAN));
    }

    /** Creates an account the service itself vouches for (the demo's), without the public limits and checks. */
    public String provision(String email, String password, String displayName, Set<Role> roles) {
        String normalized = normalize(email);
        if (users.findByEmail(normalized).isPresent()) {
            throw emailTaken();
        }
        return users.create(normalized, passwords.encode(password), displayName.strip(), roles)
                .orElseThrow(AccountService::emailTaken);
    }

    public Optional<Contact> contact(String userId) {
        return users.find(userId).map(user -> new Contact(user.id(), user.email(), user.displayName()));
    }

    public Optional<String> userIdByEmail(String email) {
        return users.findByEmail(normalize(email)).map(User::id);
    }

    /**
     * Checks the password and issues an access token; 401 when wrong. A wrong password for an unknown e-mail takes as
     * long and counts as much as one for a known account.
     */
    public AccessToken issueToken(String email, String password, String address) {
        String normalized = normalize(email);
        Optional<User> user = users.findByEmail(normalized);
        SignInGuard.Attempt attempt = guard.beforeSignIn(normalized, address, user.map(User::id).orElse(null));
        boolean right;
        try {
            right = passwords.matches(password, user.map(User::passwordHash).orElse(null));
        } catch (Unavailable saturated) {
            guard.notChecked(attempt);
            throw saturated;
        }
        if (!right) {
            throw new AccountRefusal.InvalidCredentials().refused();
        }
        guard.succeeded(attempt, user.get().id());
        return tokens.issue(user.get());
    }

    /** Sends the signed-in user a token that proves their address when they hand it back. */
    public void requestEmailVerification(String userId) {
        User user = users.find(userId).filter(u -> u.email() != null)
                .orElseThrow(() -> new AccountRefusal.NoEmail().refused());
        if (user.emailVerified()) {
            return;
        }
        mails.send(user.email(), user.displayName(), signed.sign(EMAIL_VERIFICATION, user.id(),
                Map.of("email", user.email()), clock.instant().plus(VERIFICATION_VALIDITY)));
    }

    /** Marks the address verified and returns a fresh access token that says so. */
    public AccessToken confirmEmail(String userId, String verificationToken) {
        var claims = signed.verify(verificationToken, EMAIL_VERIFICATION)
                .filter(jwt -> userId.equals(jwt.getSubject()))
                .orElseThrow(() -> new AccountRefusal.InvalidVerificationToken(false).refused());
        users.markEmailVerified(userId, claims.getClaimAsString("email"));
        User user = users.find(userId).filter(User::emailVerified)
                .orElseThrow(() -> new AccountRefusal.InvalidVerificationToken(true).refused());
        return tokens.issue(user);
    }

    private static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static Refused emailTaken() {
        return new AccountRefusal.EmailTaken().refused();
    }
}
