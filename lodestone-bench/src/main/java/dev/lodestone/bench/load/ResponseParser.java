package dev.lodestone.bench.load;

import java.net.ProtocolException;

/**
 * A streaming HTTP/1.1 response parser that allocates nothing: it is fed whatever bytes a non-blocking read
 * returned, keeps its place between reads, and says where a response ended. It reads only the status code and the
 * headers that frame the body (Content-Length, Transfer-Encoding: chunked, Connection); bodies are skipped by
 * counting, never copied. Interim 1xx responses are passed over.
 */
final class ResponseParser {
    private static final int STATUS_LINE = 0;
    private static final int HEADER_LINE = 1;
    private static final int FIXED_BODY = 2;
    private static final int CHUNK_SIZE_LINE = 3;
    private static final int CHUNK_DATA = 4;
    private static final int CHUNK_DATA_END = 5;
    private static final int TRAILER_LINE = 6;
    private static final int BODY_UNTIL_CLOSE = 7;

    private static final byte[] HTTP_1 = ascii("HTTP/1.");
    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] CONNECTION = ascii("connection");
    private static final byte[] CHUNKED = ascii("chunked");
    private static final byte[] CLOSE = ascii("close");
    private static final byte[] KEEP_ALIVE = ascii("keep-alive");

    /** The current line; longer lines are cut, which only loses header values the parser does not read. */
    private final byte[] line = new byte[512];
    private int lineLength;
    private int state;
    private boolean started;
    private int status;
    private boolean closeAfter;
    private boolean chunked;
    private long contentLength;
    private long remaining;

    /** Forgets the previous response: the next byte fed is the first of a new one. */
    void reset() {
        state = STATUS_LINE;
        lineLength = 0;
        started = false;
        status = 0;
    }

    /** Status of the response that last completed. */
    int status() {
        return status;
    }

    /** The server said it closes the connection after this response (Connection: close, HTTP/1.0, or a body ending at close). */
    boolean closeAfter() {
        return closeAfter;
    }

    /** Some byte of the current response has arrived (a close before that means the server dropped a kept-alive connection). */
    boolean started() {
        return started;
    }

    /** The body runs until the server closes the connection, so a close now completes the response. */
    boolean completesAtClose() {
        return state == BODY_UNTIL_CLOSE;
    }

    /**
     * Consumes {@code bytes[from, to)}; returns the index just after the response's last byte once it is complete,
     * or -1 when more bytes are needed.
     */
    int parse(byte[] bytes, int from, int to) throws ProtocolException {
        int i = from;
        if (i < to) started = true;
        while (i < to) {
            switch (state) {
                case FIXED_BODY -> {
                    int take = (int) Math.min(remaining, to - i);
                    i += take;
                    remaining -= take;
                    if (remaining == 0) return i;
                }
                case CHUNK_DATA -> {
                    int take = (int) Math.min(remaining, to - i);
                    i += take;
                    remaining -= take;
                    if (remaining == 0) state = CHUNK_DATA_END;
                }
                case BODY_UNTIL_CLOSE -> i = to;
                default -> {
                    byte b = bytes[i++];
                    if (b != '\n') {
                        if (lineLength < line.length) line[lineLength++] = b;
                        continue;
                    }
                    int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                    lineLength = 0;
                    if (onLine(length)) return i;
                }
            }
        }
        return -1;
    }

    /** Handles one complete line (without CR LF); true when it ends the response. */
    private boolean onLine(int length) throws ProtocolException {
        switch (state) {
            case STATUS_LINE -> {
                // "HTTP/1.1 200 OK"
                if (length < 12 || !startsWith(line, 0, length, HTTP_1) || line[8] != ' ') {
                    throw new ProtocolException("bad status line: " + new String(line, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1));
                }
                status = digit(line[9]) * 100 + digit(line[10]) * 10 + digit(line[11]);
                closeAfter = line[7] == '0';
                chunked = false;
                contentLength = -1;
                state = HEADER_LINE;
            }
            case HEADER_LINE -> {
                if (length > 0) {
                    header(length);
                    return false;
                }
                if (status >= 100 && status < 200) {
                    state = STATUS_LINE; // an interim response: the real one follows
                } else if (status == 204 || status == 304 || (!chunked && contentLength == 0)) {
                    return true;
                } else if (chunked) {
                    state = CHUNK_SIZE_LINE;
                } else if (contentLength > 0) {
                    remaining = contentLength;
                    state = FIXED_BODY;
                } else {
                    closeAfter = true;
                    state = BODY_UNTIL_CLOSE;
                }
            }
            case CHUNK_SIZE_LINE -> {
                long size = hex(length);
                if (size == 0) {
                    state = TRAILER_LINE;
                } else {
                    remaining = size;
                    state = CHUNK_DATA;
                }
            }
            case CHUNK_DATA_END -> state = CHUNK_SIZE_LINE; // the CR LF after a chunk's data
            case TRAILER_LINE -> {
                return length == 0;
            }
            default -> throw new IllegalStateException("line in state " + state);
        }
        return false;
    }

    private void header(int length) throws ProtocolException {
        int colon = 0;
        while (colon < length && line[colon] != ':') colon++;
        if (colon == length) return;
        int valueFrom = colon + 1;
        while (valueFrom < length && (line[valueFrom] == ' ' || line[valueFrom] == '\t')) valueFrom++;
        int valueTo = length;
        while (valueTo > valueFrom && (line[valueTo - 1] == ' ' || line[valueTo - 1] == '\t')) valueTo--;
        if (nameIs(CONTENT_LENGTH, colon)) {
            contentLength = decimal(valueFrom, valueTo);
        } else if (nameIs(TRANSFER_ENCODING, colon)) {
            chunked = contains(valueFrom, valueTo, CHUNKED);
        } else if (nameIs(CONNECTION, colon)) {
            if (equalsIgnoreCase(valueFrom, valueTo, CLOSE)) closeAfter = true;
            else if (equalsIgnoreCase(valueFrom, valueTo, KEEP_ALIVE)) closeAfter = false;
        }
    }

    private boolean nameIs(byte[] lowerName, int nameEnd) {
        int end = nameEnd;
        while (end > 0 && line[end - 1] == ' ') end--;
        return equalsIgnoreCase(0, end, lowerName);
    }

    private boolean equalsIgnoreCase(int from, int to, byte[] lower) {
        if (to - from != lower.length) return false;
        for (int i = 0; i < lower.length; i++) if (lowerCase(line[from + i]) != lower[i]) return false;
        return true;
    }

    private boolean contains(int from, int to, byte[] lower) {
        for (int start = from; start + lower.length <= to; start++) if (equalsIgnoreCase(start, start + lower.length, lower)) return true;
        return false;
    }

    private long decimal(int from, int to) throws ProtocolException {
        if (from == to) throw new ProtocolException("empty Content-Length");
        long value = 0;
        for (int i = from; i < to; i++) value = value * 10 + digit(line[i]);
        return value;
    }

    private long hex(int length) throws ProtocolException {
        long value = 0;
        int digits = 0;
        for (int i = 0; i < length && line[i] != ';'; i++) {
            byte b = line[i];
            if (b == ' ' || b == '\t') continue;
            int d = Character.digit(b, 16);
            if (d < 0) throw new ProtocolException("bad chunk size");
            value = value * 16 + d;
            digits++;
        }
        if (digits == 0) throw new ProtocolException("bad chunk size");
        return value;
    }

    private static int digit(byte b) throws ProtocolException {
        if (b < '0' || b > '9') throw new ProtocolException("expected a digit, got byte " + b);
        return b - '0';
    }

    private static byte lowerCase(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }

    private static boolean startsWith(byte[] bytes, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (bytes[from + i] != prefix[i]) return false;
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
