package dev.stockroom.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import io.vertx.ext.web.RoutingContext;

/**
 * The client's address for per-address policies. Behind a proxy, enable {@code quarkus.http.proxy.*} so that
 * Quarkus takes it from {@code Forwarded} / {@code X-Forwarded-For}; the headers are never trusted otherwise.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(RoutingContext context) {
        if (context == null || context.request().remoteAddress() == null) {
            return null;
        }
        return context.request().remoteAddress().hostAddress();
    }

    /**
     * Whose budget an address spends: an IPv4 address its own, an IPv6 address its /64, the smallest network
     * a site is given, so that rotating addresses within it does not buy a fresh budget each time.
     */
    public static String budgetOf(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address;
        }
        try {
            // A literal address is parsed, never looked up.
            if (InetAddress.getByName(address) instanceof Inet6Address ipv6) {
                byte[] bytes = ipv6.getAddress();
                StringBuilder network = new StringBuilder();
                for (int i = 0; i < 8; i += 2) {
                    network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
                }
                return network.append(":/64").toString();
            }
            return address;
        } catch (UnknownHostException notAnAddress) {
            return address;
        }
    }
}
