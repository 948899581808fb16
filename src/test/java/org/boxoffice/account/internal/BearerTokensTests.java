package org.boxoffice.account.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

class BearerTokensTests {
    private final BearerTokens tokens = new BearerTokens();
    private final DefaultBearerTokenResolver reference = new DefaultBearerTokenResolver();

    private static MockHttpServletRequest withAuthorization(String value) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        if (value != null) {
            request.addHeader("Authorization", value);
        }
        return request;
    }

    @Test
    void readsWhatSpringSecuritysResolverReads() {
        for (String header : new String[] {"Bearer abc.DEF-123_~+/xyz==", "bearer abc", "BEARER a.b.c", "Basic abc", null, "Token bearer"}) {
            assertThat(tokens.resolve(withAuthorization(header))).as(header).isEqualTo(reference.resolve(withAuthorization(header)));
        }
    }

    @Test
    void refusesWhatSpringSecuritysResolverRefuses() {
        for (String header : new String[] {"Bearer ", "Bearerabc", "Bearer a b", "Bearer a=b", "Bearer =", "Bearer ab\u00e9", "Bearer a,b"}) {
            assertThatThrownBy(() -> reference.resolve(withAuthorization(header))).as("reference: " + header)
                    .isInstanceOf(OAuth2AuthenticationException.class);
            assertThatThrownBy(() -> tokens.resolve(withAuthorization(header))).as(header)
                    .isInstanceOf(OAuth2AuthenticationException.class);
        }
    }
}
