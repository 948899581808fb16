package org.boxoffice.infrastructure.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HttpFirewallConfigurationTests {
    /** Spring Security's own default for header and parameter names and values. */
    private static final Pattern DEFAULT = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    @Test
    void acceptsExactlyWhatTheFirewallsDefaultPatternAccepts() {
        String[] samples = {"", "Bearer eyJhbGciOi.J9-_~+/==", "text/html; q=0.9", "gr\u00fc\u00dfe", "\u65e5\u672c", "emoji \uD83C\uDFAB",
                "tab\there", "new\nline", "nul\u0000", "del\u007f", "c1\u0085", "unassigned\u0378", "lone \uD800 surrogate"};
        for (String sample : samples) {
            assertThat(HttpFirewallConfiguration.printable(sample)).as(sample).isEqualTo(DEFAULT.matcher(sample).matches());
        }
        for (int c = 0; c < 0x3000; c++) {
            String one = new String(Character.toChars(c));
            assertThat(HttpFirewallConfiguration.printable(one)).as("U+%04X", c).isEqualTo(DEFAULT.matcher(one).matches());
        }
    }
}
