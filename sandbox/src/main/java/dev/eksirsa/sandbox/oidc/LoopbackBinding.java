package dev.eksirsa.sandbox.oidc;

import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Binds an HTTPS server to port 443 of a free loopback address 127.0.0.x, so issuer URLs carry no port
 * like AWS's; Linux routes all of 127/8 to lo, so no interface setup is needed. Falls back to an ephemeral
 * port on 127.0.0.1 when 443 cannot be bound (not root, macOS without aliases, every candidate taken).
 */
final class LoopbackBinding {
    private static final int HTTPS_PORT = 443;
    private static final int ATTEMPTS = 24;

    private LoopbackBinding() {}

    static HttpsServer bind(boolean preferPort443) {
        try {
            // One unbound server, bound repeatedly: a failed bind leaves its channel unbound and reusable,
            // whereas a failed HttpsServer.create(address) would leak the channel.
            dev.eksirsa.sandbox.http.LoopbackServers.configure();
            HttpsServer server = HttpsServer.create();
            if (preferPort443) {
                for (InetAddress candidate : candidates()) {
                    try {
                        server.bind(new InetSocketAddress(candidate, HTTPS_PORT), 0);
                        return server;
                    } catch (IOException taken) {
                        // in use, not permitted, or not assignable: try the next, then fall back
                    }
                }
            }
            server.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the OIDC issuer on loopback", e);
        }
    }

    // Random order so that sandboxes started concurrently (same JVM or not) rarely contend for one address.
    private static List<InetAddress> candidates() throws UnknownHostException {
        List<Integer> lastOctets = new ArrayList<>();
        for (int octet = 10; octet < 250; octet++) {
            if (octet != 53) { // 127.0.0.53 is systemd-resolved's stub
                lastOctets.add(octet);
            }
        }
        Collections.shuffle(lastOctets);
        List<InetAddress> addresses = new ArrayList<>();
        for (int octet : lastOctets.subList(0, ATTEMPTS)) {
            addresses.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) octet}));
        }
        return addresses;
    }
}
