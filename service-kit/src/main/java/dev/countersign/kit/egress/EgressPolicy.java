package dev.countersign.kit.egress;

import dev.countersign.contracts.events.FieldError;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether an outbound URL and the address it resolves to may be called (DESIGN §6): HTTPS only,
 * and never loopback, private, link-local (cloud metadata), CGNAT, multicast, reserved, IPv6 ULA/link-local,
 * or IPv4 embedded in IPv6 forms of those. Callers connect to the address returned by {@link #resolve},
 * so what was checked is what is connected to (no DNS rebinding).
 */
public class EgressPolicy {
    private static final List<Cidr> REFUSED = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
            "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/96", "::1/128", "100::/64", "2001::/32", "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10",
            "ff00::/8", "64:ff9b:1::/48")
            .stream().map(Cidr::parse).toList();
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private final boolean allowPlainHttp;
    private final List<Cidr> allowed;

    public EgressPolicy(boolean allowPlainHttp, List<String> allowCidrs) {
        this.allowPlainHttp = allowPlainHttp;
        this.allowed = allowCidrs.stream().map(Cidr::parse).toList();
    }

    public static EgressPolicy from(EgressConfig config) {
        return new EgressPolicy(config.allowPlainHttp(), config.allowCidrs().orElse(List.of()));
    }

    /** The production default: HTTPS to public addresses only. */
    public static EgressPolicy strict() {
        return new EgressPolicy(false, List.of());
    }

    /** Checks the URL's form (scheme, host, no credentials); every problem is reported at {@code path}. */
    public List<FieldError> checkUrl(String url, String path) {
        List<FieldError> problems = new ArrayList<>();
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            return List.of(new FieldError(path, "invalid_url", "Not a valid absolute URL."));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowPlainHttp && scheme.equals("http"))) {
            problems.add(new FieldError(path, "insecure_url", "Only https:// URLs are allowed."));
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            problems.add(new FieldError(path, "invalid_url", "The URL has no host."));
        }
        if (uri.getRawUserInfo() != null) {
            problems.add(new FieldError(path, "invalid_url", "Credentials in the URL are not allowed."));
        }
        if (uri.getRawFragment() != null) {
            problems.add(new FieldError(path, "invalid_url", "A fragment is not allowed."));
        }
        return problems;
    }

    /**
     * Resolves {@code host} (blocking DNS) and returns the address to connect to, refusing the host if any of
     * its addresses is forbidden (a name that also resolves privately is a rebinding risk).
     */
    public InetAddress resolve(String host) throws EgressRefusedException {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new EgressRefusedException(EgressRefusedException.UNRESOLVABLE, "The host " + host + " does not resolve.");
        }
        for (InetAddress address : addresses) {
            Optional<String> reason = refusal(address);
            if (reason.isPresent()) {
                throw new EgressRefusedException(EgressRefusedException.REFUSED,
                        "The host " + host + " resolves to a " + reason.get() + " address, which is not allowed.");
            }
        }
        return addresses[0];
    }

    /** Why {@code address} is refused, or empty if it may be called. */
    public Optional<String> refusal(InetAddress address) {
        if (allowed.stream().anyMatch(c -> c.contains(address))) {
            return Optional.empty();
        }
        if (address instanceof Inet6Address v6) {
            Optional<InetAddress> embedded = embeddedIpv4(v6);
            if (embedded.isPresent()) {
                return refusal(embedded.get()).map(r -> r + " (IPv4 embedded in IPv6)");
            }
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("private");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        for (Cidr refused : REFUSED) {
            if (refused.contains(address)) {
                return Optional.of("private or reserved");
            }
        }
        return Optional.empty();
    }

    // IPv4-mapped (::ffff:a.b.c.d) arrives from InetAddress as Inet4Address already; NAT64 and 6to4 do not.
    private static Optional<InetAddress> embeddedIpv4(Inet6Address v6) {
        byte[] b = v6.getAddress();
        try {
            if (NAT64.contains(v6)) {
                return Optional.of(Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
            }
            if (SIX_TO_FOUR.contains(v6)) {
                return Optional.of(Inet4Address.getByAddress(new byte[] {b[2], b[3], b[4], b[5]}));
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            // ::ffff:a.b.c.d (mapped) and ::ffff:0:a.b.c.d (translated, RFC 2765)
            boolean translated = true;
            for (int i = 0; i < 8; i++) {
                translated &= b[i] == 0;
            }
            if (translated && b[8] == (byte) 0xFF && b[9] == (byte) 0xFF && b[10] == 0 && b[11] == 0) {
                return Optional.of(Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
            }
            if (mapped && b[10] == (byte) 0xFF && b[11] == (byte) 0xFF) {
                return Optional.of(Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return Optional.empty();
    }
}
