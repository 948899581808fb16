package org.boxoffice.account;

import java.util.List;
import org.boxoffice.shared.Refusal;

/** Why the account module said no; {@code account.internal.AccountProblems} tells the client. */
public sealed interface AccountRefusal extends Refusal {

    record WeakPassword(List<String> reasons) implements AccountRefusal {
    }

    record EmailTaken() implements AccountRefusal {
    }

    /** Wrong password, or no account with this e-mail: the two are not told apart. */
    record InvalidCredentials() implements AccountRefusal {
    }

    record NoEmail() implements AccountRefusal {
    }

    /** A verification token that is not this account's, has expired, or names an address the account no longer has. */
    record InvalidVerificationToken(boolean addressChanged) implements AccountRefusal {
    }

    /** A sign-in or registration budget is spent; {@code which} says whose and what. */
    record Throttled(Budget which, long retryAfterSeconds) implements AccountRefusal {
        public String reason() {
            return which.type;
        }
    }

    enum Budget {
        REGISTRATIONS_FROM_ADDRESS("registration-rate-limited", "Too many accounts registered from your address; try again later"),
        SIGN_INS_FROM_ADDRESS("sign-in-rate-limited", "Too many sign-in attempts from your address; try again later"),
        WRONG_PASSWORDS_FROM_ADDRESS("sign-in-throttled", "Too many wrong passwords for this account from your address; try again later"),
        WRONG_PASSWORDS("sign-in-throttled",
                "Too many wrong passwords for this account; try again later, or from a device you signed in with before");

        final String type;
        final String detail;

        Budget(String type, String detail) {
            this.type = type;
            this.detail = detail;
        }

        public String type() {
            return type;
        }

        public String detail() {
            return detail;
        }
    }
}
