package com.userautomations.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How a URL is taken apart for the call: what the Host header and the connection get. */
class OutboundTargetTest {
    @Test
    void aNameKeepsItsPathAndQueryAndLeavesTheDefaultPortOutOfHost() throws Exception {
        OutboundTarget target = OutboundTarget.parse("https://Hooks.Example.com/in/a%20b?x=1&y=%2F", false);
        assertThat(target).isEqualTo(new OutboundTarget(true, "hooks.example.com", 443, "/in/a%20b?x=1&y=%2F", null));
        assertThat(target.headerHost()).isEqualTo("hooks.example.com");
        assertThat(target.headerPort()).isEqualTo(-1);
        assertThat(OutboundTarget.parse("https://hooks.example.com", false).pathAndQuery()).isEqualTo("/");
        assertThat(OutboundTarget.parse("https://hooks.example.com:8443/", false).headerPort()).isEqualTo(8443);
        assertThat(OutboundTarget.parse("http://hooks.example.com:443/", true).headerPort()).isEqualTo(443);
    }

    @Test
    void anIpv6LiteralIsBracketedInHostAndKeptAsAnAddress() throws Exception {
        OutboundTarget target = OutboundTarget.parse("https://[2606:4700:4700::1111]:8443/x", false);
        assertThat(target.host()).isEqualTo("2606:4700:4700::1111");
        assertThat(target.headerHost()).isEqualTo("[2606:4700:4700::1111]");
        assertThat(target.literal().getHostAddress()).isEqualTo("2606:4700:4700:0:0:0:0:1111");
    }

    @Test
    void anIpv4MappedLiteralStaysAnIpv6AddressSoTheMappedRangeApplies() throws Exception {
        OutboundTarget target = OutboundTarget.parse("https://[::ffff:8.8.8.8]/", false);
        assertThat(target.literal().getAddress()).hasSize(16);
        assertThat(AddressRules.refused(target.literal())).contains("IPv4-mapped");
    }

    @Test
    void aDottedQuadIsAnAddressAndNoOtherNumberIs() throws Exception {
        assertThat(OutboundTarget.parse("https://8.8.8.8/", false).literal().getHostAddress()).isEqualTo("8.8.8.8");
        assertThatThrownBy(() -> OutboundTarget.parse("https://2130706433/", false))
                .hasMessage("The URL's host is a number but not an IPv4 address written as four decimal parts (a.b.c.d).");
        assertThat(OutboundTarget.parse("https://0x7f.example/", false).literal()).as("a name that starts like a number").isNull();
    }
}
