package dev.lodestone.server.config;

import java.util.Map;
import java.util.function.Function;

/**
 * One row of the settings table ({@link Settings}): a variable the server reads, how it is read and checked, its
 * default, whether it is secret, and where its effective value is in {@link ServerConfig}.
 *
 * @param name         the environment variable (and properties-file key)
 * @param type         how its text is parsed and checked, and shown
 * @param defaultValue the value when unset or blank (null: none)
 * @param defaultText  what the docs say for the default, in Markdown
 * @param secrecy      whether the value may be shown
 * @param effective    the value the node runs with, read back from the built configuration
 * @param meaning      what it does, in Markdown, for the docs
 */
public record Setting<T>(String name, ValueType<T> type, T defaultValue, String defaultText, Secrecy secrecy,
                         Function<ServerConfig, T> effective, String meaning) {
    private static final int LONGEST_ECHO = 120;

    /** A public setting whose default the docs show as its value ({@code unset} when there is none). */
    public static <T> Setting<T> of(String name, ValueType<T> type, T defaultValue, Function<ServerConfig, T> effective,
                                    String meaning) {
        String defaultText = defaultValue == null ? "unset" : "`" + type.shown().apply(defaultValue) + "`";
        return new Setting<>(name, type, defaultValue, defaultText, Secrecy.PUBLIC, effective, meaning);
    }

    public Setting<T> secret(Secrecy secrecy) {
        return new Setting<>(name, type, defaultValue, defaultText, secrecy, effective, meaning);
    }

    /** The docs' default, when its plain value would not say enough ("unset (embedded SQLite)"). */
    public Setting<T> defaultText(String text) {
        return new Setting<>(name, type, defaultValue, text, secrecy, effective, meaning);
    }

    /**
     * The value {@code values} give this setting: the default when absent or blank, else the parsed text.
     *
     * @throws ConfigException naming the setting and what it accepts, with the text given unless it is secret
     */
    public T read(Map<String, String> values) {
        String raw = values.get(name);
        if (raw == null || raw.isBlank()) return defaultValue;
        String text = raw.trim();
        try {
            return type.parse().apply(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + " must be " + type.accepted() + echo(text));
        }
    }

    /** The effective value as the configuration may show it: secrets masked, null when unset. */
    public Object shown(ServerConfig config) {
        T value = effective.apply(config);
        return secrecy.mask(value == null ? null : type.shown().apply(value));
    }

    /** " (got '…')" on one line, masked as the value would be shown; nothing for a secret. */
    private String echo(String text) {
        if (secrecy == Secrecy.SECRET) return "";
        String shown = String.valueOf(secrecy.mask(text)).replaceAll("\\p{Cntrl}", "?");
        if (shown.length() > LONGEST_ECHO) shown = shown.substring(0, LONGEST_ECHO) + "…";
        return " (got '" + shown + "')";
    }
}
