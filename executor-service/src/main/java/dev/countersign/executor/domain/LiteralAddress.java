package dev.countersign.executor.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address a URL's host names literally ({@code 203.0.113.7}, {@code [::1]}), read without any DNS query, so a
 * simulated dry run can tell that an execution would be refused its destination while making no network call.
 * A name is not resolved here: an execution resolves and checks it before every attempt.
 */
public final class LiteralAddress {
    private static final Pattern DOTTED_QUAD = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");

    private LiteralAddress() {
    }

    /** The address {@code host} (as {@link java.net.URI#getHost()} gives it) spells, or empty for a name. */
    public static Optional<InetAddress> of(String host) {
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (host.startsWith("[") && host.endsWith("]")) {
                // a bracketed IPv6 literal: InetAddress parses it and never looks a bracketed host up
                return Optional.of(InetAddress.getByName(host));
            }
            var quad = DOTTED_QUAD.matcher(host);
            if (quad.matches()) {
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int part = Integer.parseInt(quad.group(i + 1));
                    if (part > 255) {
                        return Optional.empty();
                    }
                    bytes[i] = (byte) part;
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
