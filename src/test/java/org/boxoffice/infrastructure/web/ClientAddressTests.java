package org.boxoffice.infrastructure.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTests {

    @Test
    void countsAnIpv4AddressAsItIs() {
        assertThat(ClientAddress.key("203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void countsEveryAddressOfAnIpv6NetworkOfSize64AsOne() {
        assertThat(ClientAddress.key("2001:db8:1:2::1")).isEqualTo(ClientAddress.key("2001:db8:1:2:ffff:abcd:1234:5678"))
                .isEqualTo("20010db800010002::/64");
        assertThat(ClientAddress.key("2001:db8:1:3::1")).isNotEqualTo(ClientAddress.key("2001:db8:1:2::1"));
    }

    @Test
    void countsAnIpv4AddressWrittenAsIpv6AsTheIpv4Address() {
        assertThat(ClientAddress.key("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    }
}
