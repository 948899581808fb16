package org.boxoffice.account.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.EnumSet;
import java.util.Map;
import org.boxoffice.account.AccessToken;
import org.boxoffice.account.AccountService;
import org.boxoffice.account.Role;
import org.springframework.http.HttpStatus;
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

    @PostMapping(path = "/register", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> register(@Valid @RequestBody Registration registration) {
        String id = accounts.register(registration.email(), registration.password(), registration.displayName(),
                EnumSet.of(Role.FAN));
        return Map.of("userId", id);
    }

    @PostMapping(path = "/token", consumes = "application/json")
    AccessToken token(@Valid @RequestBody Credentials credentials) {
        return accounts.issueToken(credentials.email(), credentials.password());
    }
}
