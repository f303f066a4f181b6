package dev.lodestone.server.config;

/**
 * What {@code java -jar lodestone.jar --help} prints: the server takes no arguments, only the settings of
 * {@link Settings}, listed here as plain text (the docs' table without its Markdown).
 */
public final class Usage {
    private Usage() {
    }

    public static String text() {
        var out = new StringBuilder("""
                usage: java -jar lodestone.jar        (or ./lodestone run, which builds it first)

                Starts one Lodestone node. It takes no arguments: it is configured by environment variables (or a
                properties file named by LODESTONE_CONFIG_FILE). Without API_KEY it listens only on loopback and needs
                no key. Reference: docs/operations.md#configuration and docs/api.md.

                """);
        for (Setting<?> s : Settings.ALL) {
            out.append("  ").append(s.name()).append("  (default ").append(plain(s.defaultText())).append("; ")
                    .append(plain(s.type().accepted())).append(")\n      ").append(plain(s.meaning())).append('\n');
        }
        return out.toString();
    }

    private static String plain(String markdown) {
        return markdown.replace("`", "");
    }
}
