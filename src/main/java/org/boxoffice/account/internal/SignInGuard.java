package org.boxoffice.account.internal;

import java.time.Duration;
import java.util.Locale;
import org.boxoffice.account.AccountRefusal.Budget;
import org.boxoffice.account.AccountRefusal;
import org.boxoffice.infrastructure.RateLimits;
import org.boxoffice.infrastructure.RateLimits.Limit;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Limits on signing in and registering, so that passwords cannot be guessed at speed and accounts cannot be made in
 * bulk:
 * <ul>
 * <li>per client address: sign-in attempts and registrations, each with a budget that refills over time;</li>
 * <li>per account and address: a few wrong passwords, then one more attempt per minute from that address; a right
 * password resets it;</li>
 * <li>per account from everywhere: a budget of wrong passwords that refills slowly, against guessing spread over many
 * addresses. Its owner is not locked out by it: an address the account signed in from successfully in the last 30
 * days passes, and the budget refills by itself.</li>
 * </ul>
 * Unknown e-mails are counted exactly like known ones, so the answers tell nothing about who has an account.
 */
@Component
public class SignInGuard {
    private final RateLimits limits;
    private final KnownAddresses knownAddresses;
    private final Limit signInsPerAddress;
    private final Limit registrationsPerAddress;
    private final Limit failuresPerAccountAndAddress;
    private final Limit failuresPerAccount;

    SignInGuard(RateLimits limits, KnownAddresses knownAddresses, AccountSettings settings) {
        this.limits = limits;
        this.knownAddresses = knownAddresses;
        long signIns = settings.auth().signInsPerAddressPerMinute();
        long registrations = settings.auth().registrationsPerAddressPerHour();
        long failuresHere = settings.auth().failuresPerAccountAndAddress();
        long failuresEverywhere = settings.auth().failuresPerAccount();
        this.signInsPerAddress = new Limit("sign-in-address", signIns, signIns, Duration.ofMinutes(1));
        this.registrationsPerAddress = new Limit("register-address", registrations, registrations, Duration.ofHours(1));
        this.failuresPerAccountAndAddress = new Limit("sign-in-failures-here", failuresHere, 1, Duration.ofMinutes(1));
        this.failuresPerAccount = new Limit("sign-in-failures", failuresEverywhere, failuresEverywhere, Duration.ofHours(1));
    }

    public void beforeRegistration(String address) {
        refuseIfWaiting(limits.tryTake(registrationsPerAddress, address), Budget.REGISTRATIONS_FROM_ADDRESS);
    }

    /** What one sign-in attempt took from the budgets, to be settled once the password is checked. */
    public record Attempt(String account, String accountAndAddress, String address, boolean tookAccountToken) {
    }

    /**
     * Before a password is checked: takes the attempt from the address's sign-ins and from the account's wrong-password
     * budgets up front, so that guesses racing each other cannot all slip through on the last token. A right password
     * gives the tokens back ({@link #succeeded}). An address the account signed in from before passes the account's
     * budget; the lookup is made for unknown accounts too, so the time taken says nothing about who has one.
     */
    public Attempt beforeSignIn(String email, String address, @Nullable String userId) {
        refuseIfWaiting(limits.tryTake(signInsPerAddress, address), Budget.SIGN_INS_FROM_ADDRESS);
        String account = account(email);
        String here = account + "|" + address;
        refuseIfWaiting(limits.tryTake(failuresPerAccountAndAddress, here), Budget.WRONG_PASSWORDS_FROM_ADDRESS);
        long wait = limits.tryTake(failuresPerAccount, account);
        if (wait > 0 && !knownAddresses.known(userId != null ? userId : "", address)) {
            limits.giveBack(failuresPerAccountAndAddress, here, 1);
            refuseIfWaiting(wait, Budget.WRONG_PASSWORDS);
        }
        return new Attempt(account, here, address, wait == 0);
    }

    /** The password could not be checked (hashing saturated): the attempt counts for nothing. */
    public void notChecked(Attempt attempt) {
        limits.giveBack(failuresPerAccountAndAddress, attempt.accountAndAddress(), 1);
        if (attempt.tookAccountToken()) {
            limits.giveBack(failuresPerAccount, attempt.account(), 1);
        }
    }

    /** A right password: the attempt did not count against the account, and this address is one of its own now. */
    public void succeeded(Attempt attempt, String userId) {
        limits.reset(failuresPerAccountAndAddress, attempt.accountAndAddress());
        if (attempt.tookAccountToken()) {
            limits.giveBack(failuresPerAccount, attempt.account(), 1);
        }
        knownAddresses.remember(userId, attempt.address());
    }

    private static String account(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static void refuseIfWaiting(long seconds, Budget budget) {
        if (seconds > 0) {
            throw new AccountRefusal.Throttled(budget, seconds).refused();
        }
    }
}
