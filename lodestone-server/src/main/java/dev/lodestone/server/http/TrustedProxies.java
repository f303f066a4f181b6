package dev.lodestone.server.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The load balancers and ingress controllers in front of the node (setting {@code TRUSTED_PROXIES}), and so the rule
 * for a request's client address, which per-address rate limits count under.
 *
 * <p>Behind a proxy every request comes from the proxy's address, so without this all shoppers of a shop would share
 * one per-address budget. But {@code X-Forwarded-For} is written by whoever sends the request: a client could name
 * any address and escape its limits. So the header is read only when the socket's peer is a trusted proxy, and then
 * from the right: the first hop that is not a trusted proxy is the client (hops further left were written by the
 * client itself and are not believed). With no trusted proxies (the default) the header is ignored.
 */
public final class TrustedProxies {
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), "");
    private static final HeaderName X_FORWARDED_FOR = HeaderNames.create("X-Forwarded-For");
    // Literal addresses only: anything else handed to InetAddress would be looked up in DNS on the request path.
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private record Block(byte[] network, int prefix) {
        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) return false;
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) return false;
            }
            int rest = prefix % 8;
            if (rest == 0) return true;
            int mask = 0xff << (8 - rest) & 0xff;
            return (bytes[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Block> blocks;
    private final String spec;

    private TrustedProxies(List<Block> blocks, String spec) {
        this.blocks = List.copyOf(blocks);
        this.spec = spec;
    }

    /**
     * Parses a comma-separated list of addresses and CIDR blocks ({@code 10.0.0.0/8, 127.0.0.1, fd00::/8}).
     *
     * @throws IllegalArgumentException naming the entry that is not one
     */
    public static TrustedProxies parse(String spec) {
        if (spec == null || spec.isBlank()) return NONE;
        List<Block> blocks = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        for (String entry : spec.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) continue;
            entries.add(e);
            int slash = e.indexOf('/');
            InetAddress address = literal(slash < 0 ? e : e.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("'" + e + "' is not an IP address or CIDR block (e.g. 10.0.0.0/8)");
            }
            int bits = address.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(e.substring(slash + 1));
                } catch (NumberFormatException nfe) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("'" + e + "' has a prefix length outside 0.." + bits);
                }
            }
            blocks.add(new Block(address.getAddress(), prefix));
        }
        return new TrustedProxies(blocks, String.join(",", entries));
    }

    /** The setting's value: the addresses and blocks, comma-separated. */
    @Override
    public String toString() {
        return spec;
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** The client's address of a request, as text (see the class comment for whom it believes). */
    public String clientAddress(ServerRequest request) {
        InetAddress peer = request.remotePeer().address() instanceof InetSocketAddress inet ? inet.getAddress() : null;
        if (peer == null) return String.valueOf(request.remotePeer().address());
        if (blocks.isEmpty() || !trusted(peer)) return peer.getHostAddress();
        List<String> hops = new ArrayList<>();
        for (String value : request.headers().all(X_FORWARDED_FOR, List::of)) {
            for (String hop : value.split(",")) {
                if (!hop.isBlank()) hops.add(hop.trim());
            }
        }
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) break; // not an address: believe nothing further left
            client = hop;
            if (!trusted(hop)) break;
        }
        return client.getHostAddress();
    }

    private boolean trusted(InetAddress address) {
        for (Block b : blocks) {
            if (b.contains(address)) return true;
        }
        return false;
    }

    private static InetAddress literal(String text) {
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1);
        boolean v4 = IPV4.matcher(t).matches();
        if (v4) {
            for (String octet : t.split("\\.")) {
                if (Integer.parseInt(octet) > 255) return null;
            }
        } else if (!t.contains(":") || !IPV6.matcher(t).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(t); // a literal by now: no name lookup
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
