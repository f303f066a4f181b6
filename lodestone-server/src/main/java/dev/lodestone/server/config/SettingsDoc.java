package dev.lodestone.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the table of {@link Settings} into docs/operations.md, between two marker comments ({@code ./lodestone
 * config-docs} runs {@link #main}). The rest of the document is left as it is; a test fails when the table there
 * differs from this one.
 */
public final class SettingsDoc {
    public static final String START = "<!-- settings table: generated from dev.lodestone.server.config.Settings by"
            + " ./lodestone config-docs; edit the table there, not here -->";
    public static final String END = "<!-- end of the settings table -->";

    private SettingsDoc() {
    }

    /** Rewrites the table of the document given (default docs/operations.md). */
    public static void main(String[] args) throws IOException {
        Path doc = Path.of(args.length > 0 ? args[0] : "docs/operations.md");
        Files.writeString(doc, withTable(Files.readString(doc)));
        System.out.println("lodestone: wrote the table of " + Settings.ALL.size() + " settings into " + doc);
    }

    /** The Markdown table of every setting. */
    public static String table() {
        var out = new StringBuilder("| variable | default | accepted | meaning |\n|---|---|---|---|\n");
        for (Setting<?> s : Settings.ALL) {
            String meaning = s.meaning() + (s.secrecy().docNote().isEmpty() ? "" : ". " + s.secrecy().docNote());
            out.append("| `").append(s.name()).append("` | ").append(cell(s.defaultText())).append(" | ")
                    .append(cell(s.type().accepted())).append(" | ").append(cell(meaning)).append(" |\n");
        }
        return out.toString();
    }

    /** {@code document} with the text between the markers replaced by {@link #table()}. */
    public static String withTable(String document) {
        return document.substring(0, tableStart(document)) + "\n" + table() + document.substring(tableEnd(document));
    }

    /** The table the document holds now, as {@link #table()} would write it. */
    public static String currentTable(String document) {
        return document.substring(tableStart(document), tableEnd(document)).strip() + "\n";
    }

    private static int tableStart(String document) {
        int start = document.indexOf(START);
        if (start < 0) throw new IllegalArgumentException("no line '" + START + "' in the document");
        return start + START.length();
    }

    private static int tableEnd(String document) {
        int end = document.indexOf(END, tableStart(document));
        if (end < 0) throw new IllegalArgumentException("no line '" + END + "' after the table's start");
        return end;
    }

    /** A pipe would end the cell early. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
