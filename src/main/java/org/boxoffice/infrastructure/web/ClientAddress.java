package org.boxoffice.infrastructure.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * The client address that per-address limits count under. An IPv4 address as it is; an IPv6 address by its /64
 * network, since one host is usually given a whole /64 and could otherwise be a new "address" for every request.
 * Behind a proxy the address is the forwarded one (see the README on forwarded headers).
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    public static String of(HttpServletRequest request) {
        return key(request.getRemoteAddr());
    }

    static String key(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return String.valueOf(address);
        }
        try {
            InetAddress parsed = InetAddress.getByName(address); // a literal: no name lookup
            if (parsed instanceof Inet6Address) {
                byte[] network = new byte[8];
                System.arraycopy(parsed.getAddress(), 0, network, 0, 8);
                return HexFormat.of().formatHex(network) + "::/64";
            }
            return parsed.getHostAddress(); // an IPv4 address written as IPv6 (::ffff:a.b.c.d)
        } catch (UnknownHostException notAnAddress) {
            return address;
        }
    }
}
