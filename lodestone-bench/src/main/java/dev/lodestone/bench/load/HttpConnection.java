package dev.lodestone.bench.load;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection on a blocking socket, meant to run on a virtual thread: writes a
 * ready-made request, reads the status, headers and body (Content-Length, chunked, or until close) and
 * discards the body. Reconnects lazily after the server closes. Much leaner per request than
 * java.net.http.HttpClient, which matters when the generator shares two cores with the server.
 */
final class HttpConnection implements Closeable {
    private final String host;
    private final int port;
    private final int timeoutMillis;
    private final byte[] buffer = new byte[64 * 1024];
    private final StringBuilder line = new StringBuilder(128);
    private int position;
    private int limit;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private long connects;

    HttpConnection(String host, int port, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    /** Sends one request and returns the response status; on an I/O error the connection is closed and rethrows. */
    int exchange(byte[] request) throws IOException {
        if (socket == null) connect();
        try {
            out.write(request);
            out.flush();
            return readResponse();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    long connects() {
        return connects;
    }

    private void connect() throws IOException {
        var s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(timeoutMillis);
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
        position = limit = 0;
        connects++;
    }

    private int readResponse() throws IOException {
        while (true) {
            String statusLine = readLine();
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) throw new IOException("bad status line: " + statusLine);
            int status = Integer.parseInt(statusLine, 9, 12, 10);
            long contentLength = -1;
            boolean chunked = false;
            boolean closeAfter = statusLine.startsWith("HTTP/1.0");
            for (String h = readLine(); !h.isEmpty(); h = readLine()) {
                int colon = h.indexOf(':');
                if (colon <= 0) continue;
                String name = h.substring(0, colon).trim();
                String value = h.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("content-length")) contentLength = Long.parseLong(value);
                else if (name.equalsIgnoreCase("transfer-encoding")) chunked = value.toLowerCase().contains("chunked");
                else if (name.equalsIgnoreCase("connection")) closeAfter = value.equalsIgnoreCase("close") || (closeAfter && !value.equalsIgnoreCase("keep-alive"));
            }
            if (status >= 100 && status < 200) continue; // interim response, the real one follows
            if (status == 204 || status == 304) {
                // no body
            } else if (chunked) {
                skipChunks();
            } else if (contentLength >= 0) {
                skip(contentLength);
            } else {
                while (fill()) position = limit; // body runs until the server closes
                closeAfter = true;
            }
            if (closeAfter) close();
            return status;
        }
    }

    private void skipChunks() throws IOException {
        while (true) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers
                }
                return;
            }
            skip(size);
            readLine(); // CRLF after the chunk data
        }
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            if (position == limit && !fill()) throw new EOFException("connection closed inside a response body");
            int take = (int) Math.min(n, limit - position);
            position += take;
            n -= take;
        }
    }

    private String readLine() throws IOException {
        line.setLength(0);
        while (true) {
            if (position == limit && !fill()) throw new EOFException("connection closed by the server");
            byte b = buffer[position++];
            if (b == '\n') {
                int len = line.length();
                if (len > 0 && line.charAt(len - 1) == '\r') line.setLength(len - 1);
                return line.toString();
            }
            line.append((char) (b & 0xff));
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) return false;
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() {
        if (socket == null) return;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a broken socket: nothing to do
        }
        socket = null;
    }

    /** Bytes of a request with the given method, path, extra headers and optional JSON body. */
    static byte[] request(String method, String hostHeader, String path, String headers, byte[] body) {
        var head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                .append(hostHeader).append("\r\n").append(headers);
        if (body != null) head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
        if (body == null) return h;
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }
}
