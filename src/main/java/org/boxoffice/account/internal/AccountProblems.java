package org.boxoffice.account.internal;

import java.util.Map;
import org.boxoffice.account.AccountRefusal;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.infrastructure.web.ProblemTypes;
import org.springframework.stereotype.Component;

/** The account module's problem types. */
@Component
class AccountProblems implements ProblemTypes<AccountRefusal> {

    @Override
    public Class<AccountRefusal> refusals() {
        return AccountRefusal.class;
    }

    @Override
    public ApiProblem problem(AccountRefusal refusal) {
        return switch (refusal) {
            case AccountRefusal.WeakPassword r -> new ApiProblem(400, "weak-password", "Weak password",
                    String.join(" ", r.reasons()), Map.of("reasons", r.reasons()));
            case AccountRefusal.EmailTaken r -> new ApiProblem(409, "email-taken", "Conflict",
                    "An account with this e-mail already exists");
            case AccountRefusal.InvalidCredentials r -> new ApiProblem(401, "invalid-credentials", "Unauthorized",
                    "E-mail or password is wrong");
            case AccountRefusal.NoEmail r -> new ApiProblem(409, "no-email", "No e-mail address",
                    "This account has no e-mail address of its own to verify");
            case AccountRefusal.InvalidVerificationToken r -> ApiProblem.badRequest("invalid-verification-token",
                    r.addressChanged() ? "The account's e-mail address has changed since the token was sent"
                            : "The verification token is not valid for this account, or it has expired");
            case AccountRefusal.Throttled r -> ApiProblem.tooManyRequests(r.which().type(), "Too many requests",
                    r.which().detail() + " (in " + r.retryAfterSeconds() + " s)", r.retryAfterSeconds());
        };
    }
}
