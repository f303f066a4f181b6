package dev.lodestone.server.ops;

import dev.lodestone.server.config.ConfigException;
import dev.lodestone.server.config.ConfigLoader;
import dev.lodestone.server.config.ServerConfig;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * A health probe for images without a shell or curl (the container image is {@code scratch} plus a Java runtime):
 * {@code java -cp @/app/jib-classpath-file dev.lodestone.server.ops.HealthCheck [/ready|/health]} exits 0 when the
 * local node answers 200, else 1 with one line on stderr. It reads the configuration as the server does (HOST and
 * PORT), so it asks the address the node listens on (loopback when it listens on every address).
 */
public final class HealthCheck {
    private HealthCheck() {
    }

    public static void main(String[] args) {
        String path = args.length > 0 ? args[0] : "/ready";
        ServerConfig config;
        try {
            config = ConfigLoader.fromEnvironment();
        } catch (ConfigException e) {
            System.err.println("lodestone health check: configuration error: " + e.getMessage());
            System.exit(1);
            return;
        }
        int status = check(config.host(), config.port(), path);
        System.exit(status == 200 ? 0 : 1);
    }

    /** The HTTP status of {@code path} on the node listening on {@code host}:{@code port}, or -1 when it does not answer. */
    static int check(String host, int port, String path) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        try {
            var connection = (HttpURLConnection) URI.create("http://" + host + ":" + port + path).toURL().openConnection();
            connection.setConnectTimeout(2_000);
            connection.setReadTimeout(2_000);
            int status = connection.getResponseCode();
            if (status != 200) {
                System.err.println("lodestone health check: " + path + " answered " + status);
            }
            connection.disconnect();
            return status;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("lodestone health check: " + path + " on " + host + ":" + port + " did not answer: " + e.getMessage());
            return -1;
        }
    }
}
