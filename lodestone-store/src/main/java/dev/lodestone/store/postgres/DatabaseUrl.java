package dev.lodestone.store.postgres;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL location as JDBC wants it. Accepts what the old service took,
 * {@code postgresql://user:password@host:port/db?param=value} (also {@code postgres://}, user-info and port
 * optional, user and password percent-encoded), and {@code jdbc:postgresql:} URLs as they are.
 *
 * @param user     null when the URL names none (then the driver's default, or a {@code user=} parameter, applies)
 * @param password null when the URL names none
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) throw new IllegalArgumentException("DATABASE_URL is empty");
        String trimmed = url.strip();
        if (trimmed.startsWith("jdbc:postgresql:")) return new DatabaseUrl(trimmed, null, null);
        String rest;
        if (trimmed.startsWith("postgresql://")) rest = trimmed.substring("postgresql://".length());
        else if (trimmed.startsWith("postgres://")) rest = trimmed.substring("postgres://".length());
        else {
            throw new IllegalArgumentException(
                    "DATABASE_URL must start with postgresql://, postgres:// or jdbc:postgresql:");
        }

        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user name");
            if (colon >= 0) password = decode(userInfo.substring(colon + 1), "password");
            if (user.isEmpty()) user = null;
        }

        int pathStart = firstOf(rest, '/', '?');
        String hostPort = pathStart < 0 ? rest : rest.substring(0, pathStart);
        String pathAndQuery = pathStart < 0 ? "" : rest.substring(pathStart);
        String host = hostPort;
        String port = null;
        int portColon = hostPort.lastIndexOf(':');
        if (portColon >= 0 && hostPort.indexOf(']', portColon) < 0) {
            host = hostPort.substring(0, portColon);
            port = hostPort.substring(portColon + 1);
        }
        if (host.isEmpty()) throw new IllegalArgumentException("DATABASE_URL has no host");
        if (!host.matches("[A-Za-z0-9._\\-]+|\\[[0-9A-Fa-f:.]+]")) {
            throw new IllegalArgumentException("DATABASE_URL has an invalid host name");
        }
        if (port != null) {
            int number;
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                number = -1;
            }
            if (number < 1 || number > 65_535) {
                throw new IllegalArgumentException("DATABASE_URL has an invalid port (must be 1..65535)");
            }
        }

        String database = "";
        String query = "";
        if (pathAndQuery.startsWith("/")) pathAndQuery = pathAndQuery.substring(1);
        int q = pathAndQuery.indexOf('?');
        database = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        query = q < 0 ? "" : pathAndQuery.substring(q);
        if (database.contains("/")) throw new IllegalArgumentException("DATABASE_URL has an invalid database name");
        return new DatabaseUrl("jdbc:postgresql://" + hostPort + "/" + database + query, user, password);
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        if (i < 0) return j;
        if (j < 0) return i;
        return Math.min(i, j);
    }

    private static String decode(String part, String what) {
        try {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DATABASE_URL has a malformed percent-encoding in the " + what);
        }
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user=" + user + (password == null ? "" : ", password=***") + "]";
    }
}
