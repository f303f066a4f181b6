package dev.lodestone.server;

import dev.lodestone.server.config.ConfigException;
import dev.lodestone.server.config.ConfigLoader;
import dev.lodestone.server.config.MaskedConfig;
import dev.lodestone.server.config.ServerConfig;
import dev.lodestone.server.config.Usage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.util.concurrent.CountDownLatch;

/** Starts one Lodestone node from the environment; SIGTERM/SIGINT shut it down gracefully with exit code 0. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
                System.out.print(Usage.text());
                System.exit(0);
                return;
            }
            System.err.println("lodestone: unknown argument '" + args[0] + "': the server takes no arguments; it is"
                    + " configured by environment variables (--help lists them)");
            System.exit(2);
            return;
        }
        ServerConfig config;
        try {
            config = ConfigLoader.fromEnvironment();
        } catch (ConfigException e) {
            System.err.println("lodestone: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (!config.loopbackOnly() && config.apiKey() == null) {
            System.err.println("lodestone: refusing to listen on " + config.host() + " without API_KEY: a server reachable"
                    + " from other machines never serves without a key. Set API_KEY (16+ characters), or HOST=127.0.0.1 to try it locally.");
            System.exit(2);
            return;
        }
        LogSetup.apply(config.logLevel(), config.logFormat());
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Logger log = LoggerFactory.getLogger(Main.class);
        // What this node runs with, secrets masked (the same as GET /api/config), so a log shows its settings.
        log.info("configuration: {}", MaskedConfig.of(config));

        FatalErrors.install();

        Node server;
        try {
            server = Node.open(config).start();
        } catch (RuntimeException e) {
            // The log is asynchronous: flush it, then write the reason straight to stderr as one line, then exit.
            // The stack trace is for LOG_LEVEL=debug: the reason is what an operator needs.
            String reason = StartupFailure.describe(e);
            log.error("start-up failed: {}", reason);
            log.debug("start-up failure", e);
            LogSetup.flush();
            System.err.println("lodestone: cannot start: " + reason);
            System.err.flush();
            System.exit(1);
            return;
        }
        var stopped = new CountDownLatch(1);
        var shutdown = new GracefulShutdown(server, config.shutdownGrace(), config.shutdownTimeout(), stopped);
        shutdown.installSignalHandlers();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LogSetup.flush();
        System.exit(0);
    }
}
