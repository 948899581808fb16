package org.boxoffice.account.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.boxoffice.infrastructure.web.ClientAddress;
import org.boxoffice.account.AccessToken;
import org.boxoffice.account.AccountService;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/auth", produces = "application/json")
class AuthController {
    private final AccountService accounts;

    AuthController(AccountService accounts) {
        this.accounts = accounts;
    }

    record Registration(@NotBlank @Email @Size(max = 254) String email,
                        @NotBlank @Size(min = 8, max = 128) String password,
                        @NotBlank @Size(max = 100) String displayName) {
    }

    record Credentials(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 128) String password) {
    }

    record Verification(@Nullable String token) {
    }

    @PostMapping(path = "/register", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> register(@Valid @RequestBody Registration registration, HttpServletRequest request) {
        String id = accounts.register(registration.email(), registration.password(), registration.displayName(),
                ClientAddress.of(request));
        return Map.of("userId", id);
    }

    @PostMapping(path = "/token", consumes = "application/json")
    AccessToken token(@Valid @RequestBody Credentials credentials, HttpServletRequest request) {
        return accounts.issueToken(credentials.email(), credentials.password(), ClientAddress.of(request));
    }

    /** Sends the signed-in user a verification message for their e-mail address. */
    @PostMapping("/email-verification")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> requestVerification(@AuthenticationPrincipal Jwt caller) {
        accounts.requestEmailVerification(caller.getSubject());
        return Map.of("status", "SENT");
    }

    /** Takes back the token from the message; answers with a fresh access token that carries email_verified. */
    @PostMapping(path = "/email-verification/confirm", consumes = "application/json")
    AccessToken confirm(@RequestBody Verification verification, @AuthenticationPrincipal Jwt caller) {
        if (verification.token() == null || verification.token().isBlank() || verification.token().length() > 4096) {
            throw org.boxoffice.shared.ApiProblem.badRequest("invalid-verification-token", "token is required");
        }
        return accounts.confirmEmail(caller.getSubject(), verification.token());
    }
}
