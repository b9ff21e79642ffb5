package dev.eksirsa.sandbox.policy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** IpAddress/NotIpAddress: an address or CIDR block (IPv4 or IPv6) tested for containing a request address. */
final class IpRange {

    // only IP literals: InetAddress.getByName would otherwise resolve host names over DNS
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private final byte[] network;
    private final int prefixBits;

    private IpRange(byte[] network, int prefixBits) {
        this.network = network;
        this.prefixBits = prefixBits;
    }

    static Optional<IpRange> parse(String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length > 2) {
            return Optional.empty();
        }
        Optional<byte[]> address = literal(parts[0]);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int maxBits = address.get().length * 8;
        int bits = maxBits;
        if (parts.length == 2) {
            try {
                bits = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (bits < 0 || bits > maxBits) {
                return Optional.empty();
            }
        }
        return Optional.of(new IpRange(address.get(), bits));
    }

    boolean contains(String addressText) {
        Optional<byte[]> address = literal(addressText.trim());
        if (address.isEmpty() || address.get().length != network.length) {
            return false;
        }
        int shift = network.length * 8 - prefixBits;
        return new BigInteger(1, network).shiftRight(shift).equals(new BigInteger(1, address.get()).shiftRight(shift));
    }

    private static Optional<byte[]> literal(String text) {
        if (!IP_LITERAL.matcher(text).matches() || (text.indexOf(':') < 0 && text.split("\\.", -1).length != 4)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
