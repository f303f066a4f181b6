package dev.lodestone.server.config;

/** A configuration value that stops start-up; the message names the variable. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
