package dev.countersign.kit.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

/** The egress rules of DESIGN §6, checked over generated addresses in every refused block. */
class EgressPolicyTest {
    private final EgressPolicy strict = EgressPolicy.strict();

    @Provide
    Arbitrary<String> refusedIpv4() {
        var octet = Arbitraries.integers().between(0, 255);
        return Arbitraries.oneOf(
                octet.list().ofSize(3).map(o -> "10." + o.get(0) + "." + o.get(1) + "." + o.get(2)),
                octet.list().ofSize(3).map(o -> "127." + o.get(0) + "." + o.get(1) + "." + o.get(2)),
                octet.list().ofSize(2).map(o -> "169.254." + o.get(0) + "." + o.get(1)),
                octet.list().ofSize(3).map(o -> (172 + "." + (16 + o.get(0) % 16)) + "." + o.get(1) + "." + o.get(2)),
                octet.list().ofSize(2).map(o -> "192.168." + o.get(0) + "." + o.get(1)),
                octet.list().ofSize(3).map(o -> "100." + (64 + o.get(0) % 64) + "." + o.get(1) + "." + o.get(2)),
                octet.list().ofSize(3).map(o -> "0." + o.get(0) + "." + o.get(1) + "." + o.get(2)),
                octet.list().ofSize(4).map(o -> (224 + o.get(0) % 32) + "." + o.get(1) + "." + o.get(2) + "." + o.get(3)));
    }

    @Property
    void everyPrivateOrSpecialIpv4IsRefused(@ForAll("refusedIpv4") String ip) throws Exception {
        assertThat(strict.refusal(InetAddress.getByName(ip))).isPresent();
    }

    @Property
    void theIpv4MappedAndNat64FormsOfARefusedAddressAreRefused(@ForAll("refusedIpv4") String ip) throws Exception {
        byte[] v4 = InetAddress.getByName(ip).getAddress();
        String nat64 = String.format("64:ff9b::%02x%02x:%02x%02x", v4[0], v4[1], v4[2], v4[3]);
        String mapped = String.format("::ffff:%02x%02x:%02x%02x", v4[0], v4[1], v4[2], v4[3]);
        String translated = String.format("::ffff:0:%02x%02x:%02x%02x", v4[0], v4[1], v4[2], v4[3]);
        assertThat(strict.refusal(InetAddress.getByName(translated))).isPresent();
        assertThat(strict.refusal(InetAddress.getByName(nat64))).isPresent();
        assertThat(strict.refusal(InetAddress.getByName(mapped))).isPresent();
    }

    @Property
    void publicUnicastIpv4IsAllowed(@ForAll("publicIpv4") String ip) throws Exception {
        assertThat(strict.refusal(InetAddress.getByName(ip))).isEmpty();
    }

    @Provide
    Arbitrary<String> publicIpv4() {
        // 8.0.0.0/7 .. 9.255.255.255 and 34.0.0.0/8 are ordinary public unicast space.
        var octet = Arbitraries.integers().between(0, 255);
        return Arbitraries.oneOf(
                octet.list().ofSize(3).map(o -> "8." + o.get(0) + "." + o.get(1) + "." + o.get(2)),
                octet.list().ofSize(3).map(o -> "34." + o.get(0) + "." + o.get(1) + "." + o.get(2)));
    }

    @Example
    void ipv6LoopbackUlaLinkLocalAndMetadataAreRefused() throws Exception {
        for (String ip : List.of("::1", "fd00::1", "fc12:3456::1", "fe80::1", "ff02::1", "::", "169.254.169.254",
                "fd00:ec2::254", "64:ff9b:1::a00:1", "2001:0:4136:e378:8000:63bf:3fff:fdd2")) {
            assertThat(strict.refusal(InetAddress.getByName(ip))).as(ip).isPresent();
        }
        assertThat(strict.refusal(InetAddress.getByName("2606:4700::1111"))).isEmpty();
    }

    @Example
    void theAllowListWidensOnlyTheNamedBlock() throws Exception {
        var dev = new EgressPolicy(true, List.of("127.0.0.1/32"));
        assertThat(dev.refusal(InetAddress.getByName("127.0.0.1"))).isEmpty();
        assertThat(dev.refusal(InetAddress.getByName("127.0.0.2"))).isPresent();
        assertThat(dev.refusal(InetAddress.getByName("10.0.0.1"))).isPresent();
    }

    @Example
    void aNameResolvingToLoopbackIsRefused() {
        assertThatThrownBy(() -> strict.resolve("localhost")).isInstanceOf(EgressRefusedException.class)
                .hasMessageContaining("loopback");
    }

    @Example
    void urlsMustBeHttpsWithAHostAndNoCredentials() {
        assertThat(strict.checkUrl("https://api.example.com/hook", "execution.url")).isEmpty();
        assertThat(strict.checkUrl("http://api.example.com/hook", "execution.url"))
                .extracting(e -> e.code()).containsExactly("insecure_url");
        assertThat(strict.checkUrl("https://user:pw@api.example.com/", "execution.url"))
                .extracting(e -> e.code()).containsExactly("invalid_url");
        assertThat(strict.checkUrl("not a url", "execution.url")).extracting(e -> e.path())
                .containsOnly("execution.url");
        assertThat(new EgressPolicy(true, List.of()).checkUrl("http://api.example.com/", "u")).isEmpty();
    }
}
