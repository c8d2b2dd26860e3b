package com.userautomations.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract's table (API.md, URLs) written out again here, so the rules are checked against
 * the text and not against themselves: the first and last address of every range refused with
 * that range named, the neighbours just outside allowed unless another range holds them.
 */
class AddressRulesTest {
    /** The contract's ranges, plus ::/96 (IPv4-compatible), which the service refuses too. */
    private static final List<String> REFUSED = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4",
            "240.0.0.0/4", "::/128", "::1/128", "::/96", "fc00::/7", "fe80::/10", "ff00::/8", "::ffff:0:0/96",
            "64:ff9b::/96", "2002::/16", "2001::/32");

    static Stream<String> ranges() {
        return REFUSED.stream();
    }

    @ParameterizedTest
    @MethodSource("ranges")
    void firstAndLastAddressAreRefusedNamingTheirRange(String cidr) throws Exception {
        Cidr range = Cidr.of(cidr);
        for (BigInteger edge : List.of(range.first(), range.last())) {
            String reason = AddressRules.refused(range.address(edge));
            assertThat(reason).as("%s in %s", range.address(edge), cidr).isNotNull();
            if (!cidr.equals("::/96")) {
                // :: and ::1 lie in ::/96 too and name their own, narrower range
                assertThat(reason).contains(cidr.replace("/128", ""));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("ranges")
    void neighboursJustOutsideAreAllowedUnlessAnotherRangeHoldsThem(String cidr) throws Exception {
        Cidr range = Cidr.of(cidr);
        for (BigInteger outside : List.of(range.first().subtract(BigInteger.ONE), range.last().add(BigInteger.ONE))) {
            if (outside.signum() < 0 || outside.bitLength() > range.bits()) {
                continue;
            }
            InetAddress address = range.address(outside);
            boolean inAnother = REFUSED.stream().map(Cidr::of).anyMatch(other -> other.contains(address));
            assertThat(AddressRules.refused(address) != null).as("%s next to %s", address, cidr).isEqualTo(inAnother);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"::ffff:127.0.0.1", "::ffff:8.8.8.8", "::ffff:10.0.0.1", "2002:7f00:1::", "2002:808:808::1",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2", "64:ff9b::7f00:1", "64:ff9b::808:808", "::127.0.0.1", "::8.8.8.8"})
    void addressesEmbeddingAnIpv4AddressAreRefusedWhateverTheyEmbed(String text) throws Exception {
        assertThat(AddressRules.refused(asWritten(text))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "93.184.215.14", "2606:4700:4700::1111", "2001:4860:4860::8888",
            "2001:1::1", "2003::1", "64:ff9b:1::1", "fbff:ffff::1", "fec0::1", "feff::1"})
    void globallyReachableAddressesAreAllowed(String text) throws Exception {
        assertThat(AddressRules.refused(asWritten(text))).isNull();
    }

    /** An address as written: the JDK would turn ::ffff:a.b.c.d into a.b.c.d. */
    static InetAddress asWritten(String text) throws UnknownHostException {
        byte[] bytes = InetAddress.getByName(text).getAddress();
        if (text.contains(":") && bytes.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            return Inet6Address.getByAddress(null, mapped, -1);
        }
        return InetAddress.getByName(text);
    }

    private record Cidr(BigInteger first, int prefix, int bits) {
        static Cidr of(String text) {
            String[] parts = text.split("/");
            try {
                InetAddress network = asWritten(parts[0]);
                int bits = parts[0].contains(":") ? 128 : 32;
                return new Cidr(new BigInteger(1, network.getAddress()), Integer.parseInt(parts[1]), bits);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(text, e);
            }
        }

        BigInteger last() {
            return first.add(BigInteger.ONE.shiftLeft(bits - prefix)).subtract(BigInteger.ONE);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length * 8 != bits) {
                return false;
            }
            BigInteger value = new BigInteger(1, bytes);
            return value.compareTo(first) >= 0 && value.compareTo(last()) <= 0;
        }

        InetAddress address(BigInteger value) throws UnknownHostException {
            byte[] raw = value.toByteArray();
            byte[] bytes = new byte[bits / 8];
            int copy = Math.min(raw.length, bytes.length);
            System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
            return bits == 32 ? InetAddress.getByAddress(bytes) : Inet6Address.getByAddress(null, bytes, -1);
        }
    }
}
