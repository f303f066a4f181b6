package dev.lodestone.server.export;

import java.util.Locale;
import java.util.Optional;

/** The formats of {@code GET /api/v1/export/*}. */
public enum ExportFormat {
    JSON("json", "application/json"),
    JSONL("jsonl", "application/x-ndjson"),
    CSV("csv", "text/csv; charset=utf-8; header=present");

    private final String extension;
    private final String contentType;

    ExportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    public static Optional<ExportFormat> parse(String text) {
        for (ExportFormat f : values()) {
            if (f.extension.equals(text.trim().toLowerCase(Locale.ROOT))) return Optional.of(f);
        }
        return Optional.empty();
    }
}
