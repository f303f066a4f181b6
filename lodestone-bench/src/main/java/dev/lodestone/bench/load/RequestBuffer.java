package dev.lodestone.bench.load;

import java.nio.ByteBuffer;

/**
 * One connection's outgoing request, assembled from pre-encoded pieces (a GET is prefix + id + suffix, copied,
 * not formatted) in a buffer that grows to the largest request and is then reused, so a read request allocates
 * nothing. Kept until the next request, so a request can be sent again on a fresh connection.
 */
final class RequestBuffer {
    private ByteBuffer bytes = ByteBuffer.allocate(1024);

    /** Starts a new request. */
    RequestBuffer clear() {
        bytes.clear();
        return this;
    }

    RequestBuffer put(byte[] piece) {
        if (bytes.remaining() < piece.length) grow(piece.length);
        bytes.put(piece);
        return this;
    }

    /** The finished request, ready to write from its start. */
    ByteBuffer flip() {
        return bytes.flip();
    }

    /** The request written so far, rewound to be written again. */
    ByteBuffer rewind() {
        return bytes.rewind();
    }

    boolean isGet() {
        return bytes.limit() > 4 && bytes.get(0) == 'G' && bytes.get(1) == 'E' && bytes.get(2) == 'T' && bytes.get(3) == ' ';
    }

    private void grow(int more) {
        int needed = bytes.position() + more;
        var bigger = ByteBuffer.allocate(Math.max(needed, bytes.capacity() * 2));
        bigger.put(bytes.flip());
        bytes = bigger;
    }
}
