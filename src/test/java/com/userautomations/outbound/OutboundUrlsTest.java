package com.userautomations.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The check at save, on a resolver whose answers the test sets. */
class OutboundUrlsTest {
    private final FixedResolution names = new FixedResolution()
            .with("public.test", "93.184.215.14", "2606:4700:4700::1111")
            .with("evil.test", "127.0.0.1")
            .with("mixed.test", "93.184.215.14", "10.0.0.7")
            .with("mixed6.test", "2606:4700:4700::1111", "fd00::1")
            .with("mapped.test", "::ffff:127.0.0.1")
            .with("teredo.test", "2001:0:4136:e378:8000:63bf:3fff:fdd2");
    private final OutboundUrls urls = new OutboundUrls(new GuardedResolver(names, false, Duration.ofSeconds(2)));
    private final OutboundUrls privateAllowed = new OutboundUrls(new GuardedResolver(names, true, Duration.ofSeconds(2)));

    @ParameterizedTest
    @ValueSource(strings = {"https://public.test/in", "https://PUBLIC.test:8443/in?a=1&b=2", "https://8.8.8.8/x",
            "https://[2606:4700:4700::1111]/x", "https://hooks.example.com/in", "HTTPS://public.test"})
    void globallyReachableOrUnresolvedUrlsAreAccepted(String url) {
        assertThat(urls.refusal(url)).isNull();
    }

    @Test
    void aUrlOfExactly2048CharactersIsAcceptedAndOneMoreIsNot() {
        String base = "https://public.test/";
        String url = base + "a".repeat(2048 - base.length());
        assertThat(urls.refusal(url)).isNull();
        assertThat(urls.refusal(url + "a")).isEqualTo("The URL is longer than 2,048 characters.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "/relative/path", "public.test/in", "http://public.test/in", "ftp://public.test/x",
            "mailto:someone@public.test", "https:public.test", "https:///x", "https://user:pw@public.test/",
            "https://user@public.test/", "https://public.test/#frag", "https://public.test/in#", "https://public.test:0/",
            "https://public.test:99999/", "https://exa_mple.test/", "https://ex\u00e4mple.test/", "https://public.test/a b",
            "javascript:alert(1)", "https://[::1/"})
    void malformedOrNonHttpsUrlsAreRefused(String url) {
        assertThat(urls.refusal(url)).isNotNull().endsWith(".");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/", "https://10.0.0.1/x", "https://169.254.169.254/latest/meta-data/",
            "https://100.64.0.1/", "https://192.168.1.1:8443/", "https://0.0.0.0/", "https://255.255.255.255/",
            "https://[::1]/", "https://[0:0:0:0:0:0:0:1]/", "https://[::]/", "https://[::ffff:127.0.0.1]/",
            "https://[::ffff:7f00:1]/", "https://[::ffff:8.8.8.8]/", "https://[fd12:3456::1]/", "https://[fe80::1]/",
            "https://[FE80::1]/", "https://[fe80::1%25eth0]/", "https://[64:ff9b::7f00:1]/", "https://[2002:7f00:1::1]/",
            "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "https://[::127.0.0.1]/"})
    void ipLiteralsOutsideTheGlobalInternetAreRefused(String url) {
        assertThat(urls.refusal(url)).isNotNull();
        assertThat(names.lookedUp).isEmpty();
    }

    /** Spellings some parsers read as 127.0.0.1 (the JDK reads 0177.0.0.1 as 177.0.0.1): never a name to look up. */
    @ParameterizedTest
    @ValueSource(strings = {"https://0x7f.1/", "https://0x7f000001/", "https://017700000001/", "https://2130706433/",
            "https://127.1/", "https://0177.0.0.1/", "https://127.0.0.1./", "https://127.000.000.001/",
            "https://8.8.8.08/", "https://1.2.3.4.5/", "https://256.1.1.1/", "https://foo.0x10/", "https://foo.123/"})
    void numericHostsNotWrittenAsFourDecimalPartsAreRefusedAsNotAnAddress(String url) {
        assertThat(urls.refusal(url)).isNotNull();
        assertThat(privateAllowed.refusal(url)).as("allowing private networks does not make them valid").isNotNull();
        assertThat(names.lookedUp).isEmpty();
    }

    @Test
    void aNameIsRefusedWhenAnyOfItsAddressesIsRefused() {
        assertThat(urls.refusal("https://evil.test/in"))
                .isEqualTo("The URL's host name resolves to a loopback address (127.0.0.0/8), which may not be called:"
                        + " only globally reachable addresses may.");
        assertThat(urls.refusal("https://mixed.test/in")).contains("private network address (10.0.0.0/8)");
        assertThat(urls.refusal("https://mixed6.test/in")).contains("unique local address (fc00::/7)");
        assertThat(urls.refusal("https://mapped.test/in")).contains("IPv4-mapped");
        assertThat(urls.refusal("https://teredo.test/in")).contains("Teredo");
        assertThat(names.lookedUp).containsExactly("evil.test", "mixed.test", "mixed6.test", "mapped.test", "teredo.test");
    }

    @Test
    void refusalsNameNeitherTheHostNorTheAddress() {
        for (String url : new String[] {"https://evil.test/in", "https://10.0.0.1/x", "https://[fd12:3456::1]/"}) {
            assertThat(urls.refusal(url)).doesNotContain("evil", "10.0.0.1", "fd12", "Exception");
        }
    }

    @Test
    void aNameIsLookedUpOnceWithoutItsCase() {
        assertThat(urls.refusal("https://Evil.TEST:8443/in")).isNotNull();
        assertThat(names.lookedUp).containsExactly("evil.test");
    }

    @Test
    void aLookUpThatDoesNotEndInTimeIsAcceptedAtSaveWithinTheBound() {
        Resolution slow = host -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new java.net.InetAddress[] {FixedResolution.address("127.0.0.1")};
        };
        OutboundUrls patient = new OutboundUrls(new GuardedResolver(slow, false, Duration.ofMillis(200)));
        long start = System.nanoTime();
        assertThat(patient.refusal("https://slow.test/in")).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void allowingPrivateNetworksLiftsTheAddressRuleAndAllowsHttpButNothingElse() {
        assertThat(privateAllowed.refusal("http://127.0.0.1:8080/in")).isNull();
        assertThat(privateAllowed.refusal("https://evil.test/in")).isNull();
        assertThat(privateAllowed.refusal("https://[::1]/in")).isNull();
        assertThat(privateAllowed.refusal("http://mixed.test/in")).isNull();
        assertThat(privateAllowed.refusal("ftp://127.0.0.1/")).isEqualTo("The URL must be absolute and start with https:// or http://.");
        assertThat(privateAllowed.refusal("http://u:p@127.0.0.1/")).isEqualTo("The URL must not carry a user name or password.");
        assertThat(privateAllowed.refusal("http://127.0.0.1/#x")).isEqualTo("The URL must not have a fragment (#...).");
        assertThat(urls.refusal("http://public.test/in")).isEqualTo("The URL must be absolute and start with https://.");
    }
}
