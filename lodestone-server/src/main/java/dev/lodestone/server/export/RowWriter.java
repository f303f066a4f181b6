package dev.lodestone.server.export;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.lodestone.server.http.Json;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes rows to a stream one at a time, in constant memory: a JSON array, JSON lines, or RFC 4180 CSV (header
 * row, CRLF line ends, fields quoted when they hold a comma, quote, CR or LF, quotes doubled). Fed by the store's
 * streaming iteration; a write failure (client gone) surfaces as {@link UncheckedIOException} and stops the
 * iteration.
 */
public final class RowWriter<T> implements Consumer<T> {
    private static final ObjectWriter ROW = Json.MAPPER.writer();
    private static final byte[] CRLF = {'\r', '\n'};

    private final ExportFormat format;
    private final ExportTable<T> table;
    private final OutputStream out;
    private long rows;

    public RowWriter(ExportFormat format, ExportTable<T> table, OutputStream out) {
        this.format = format;
        this.table = table;
        this.out = new BufferedOutputStream(out, 64 * 1024);
        switch (format) {
            case JSON -> write(new byte[] {'['});
            case CSV -> writeCsvLine(table.columns());
            case JSONL -> { }
        }
    }

    @Override
    public void accept(T row) {
        try {
            switch (format) {
                case JSON -> {
                    if (rows > 0) out.write(',');
                    out.write('\n');
                    out.write(ROW.writeValueAsBytes(table.json().apply(row)));
                }
                case JSONL -> {
                    out.write(ROW.writeValueAsBytes(table.json().apply(row)));
                    out.write('\n');
                }
                case CSV -> writeCsvLine(table.csv().apply(row));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows++;
    }

    /** Closes the document (the JSON array) and flushes. */
    public long finish() {
        if (format == ExportFormat.JSON) write(rows > 0 ? new byte[] {'\n', ']', '\n'} : new byte[] {']', '\n'});
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private void writeCsvLine(List<String> cells) {
        var line = new StringBuilder(128);
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) line.append(',');
            appendCsvField(line, cells.get(i));
        }
        write(line.toString().getBytes(StandardCharsets.UTF_8));
        write(CRLF);
    }

    /** RFC 4180: a null is an empty field; quote when the field holds a comma, quote, CR or LF; double the quotes. */
    static void appendCsvField(StringBuilder line, String value) {
        if (value == null || value.isEmpty()) return;
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        if (!quote) {
            line.append(value);
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') line.append('"');
            line.append(c);
        }
        line.append('"');
    }

    private void write(byte[] bytes) {
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
