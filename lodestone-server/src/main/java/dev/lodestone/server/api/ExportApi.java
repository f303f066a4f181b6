package dev.lodestone.server.api;

import dev.lodestone.server.auth.ActingTenant;
import dev.lodestone.server.export.ExportFormat;
import dev.lodestone.server.export.ExportTable;
import dev.lodestone.server.export.ExportTables;
import dev.lodestone.server.export.RowWriter;
import dev.lodestone.server.http.Access;
import dev.lodestone.server.http.ApiException;
import dev.lodestone.server.http.Exchange;
import dev.lodestone.server.http.Route;
import dev.lodestone.core.model.Timestamps;
import dev.lodestone.core.model.Ids;
import dev.lodestone.store.Store;
import io.helidon.http.HeaderNames;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code GET /api/v1/export/{entities|interactions|users}?format=json|jsonl|csv}: the tenant's rows streamed from
 * the store straight to the client, in constant memory and without a row cap.
 */
public final class ExportApi {
    /** A streamed source of rows: the store's cursor feeding the sink. */
    @FunctionalInterface
    private interface Source<T> {
        void forEach(Consumer<T> sink);
    }

    private final Store store;

    public ExportApi(Store store) {
        this.store = store;
    }

    public List<Route> routes() {
        return List.of(
                new Route("GET", "/api/v1/export/entities", Access.TENANT, this::entities),
                new Route("GET", "/api/v1/export/interactions", Access.TENANT, this::interactions),
                new Route("GET", "/api/v1/export/users", Access.TENANT, this::users));
    }

    private void entities(Exchange ex) throws IOException {
        String tenant = ActingTenant.of(ex, null);
        ExportFormat format = format(ex);
        String type = ex.query("entity_type").filter(t -> !t.isEmpty()).orElse(null);
        if (type != null) {
            String problem = Ids.entityTypeProblem(type);
            if (problem != null) throw ApiException.invalidRequest("entity_type " + problem);
        }
        Instant after = instant(ex, "last_modified_after", false);
        stream(ex, format, ExportTables.ENTITIES, sink -> store.forEachEntity(tenant, type, after, sink));
    }

    private void interactions(Exchange ex) throws IOException {
        String tenant = ActingTenant.of(ex, null);
        ExportFormat format = format(ex);
        Instant from = instant(ex, "start_date", false);
        Instant to = instant(ex, "end_date", true);
        if (from != null && to != null && !from.isBefore(to)) throw ApiException.invalidRequest("start_date must be before end_date");
        stream(ex, format, ExportTables.INTERACTIONS, sink -> store.forEachInteraction(tenant, from, to, sink));
    }

    private void users(Exchange ex) throws IOException {
        String tenant = ActingTenant.of(ex, null);
        ExportFormat format = format(ex);
        stream(ex, format, ExportTables.USERS, sink -> store.forEachUser(tenant, sink));
    }

    private static <T> void stream(Exchange ex, ExportFormat format, ExportTable<T> table, Source<T> source) throws IOException {
        var res = ex.response();
        res.header(HeaderNames.CONTENT_TYPE, format.contentType());
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + table.name() + "." + format.extension() + "\"");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        ex.streaming(200);
        // Once bytes are out the status cannot change. The stream is closed (completing the response) only after
        // the last row: on a failure it is left open and the exception propagates, the router's error answer fails
        // on the committed response and the connection is dropped, so a client never takes a truncated export for
        // a complete one.
        OutputStream out = res.outputStream();
        try {
            var writer = new RowWriter<>(format, table, out);
            source.forEach(writer);
            writer.finish();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.close();
    }

    private static ExportFormat format(Exchange ex) {
        String raw = ex.query("format").filter(f -> !f.isEmpty()).orElse("json");
        return ExportFormat.parse(raw).orElseThrow(() -> ApiException.invalidRequest("format must be json, jsonl or csv"));
    }

    /**
     * An RFC 3339 timestamp or a plain date (UTC). A plain date starts at midnight; as an exclusive upper bound it
     * means the end of that day, so {@code end_date=2025-10-31} includes the 31st.
     */
    private static Instant instant(Exchange ex, String name, boolean endOfDay) {
        var raw = ex.query(name).filter(v -> !v.isEmpty());
        if (raw.isEmpty()) return null;
        String text = raw.get().trim();
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Timestamps.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidRequest(name + " must be an RFC 3339 timestamp or a date (YYYY-MM-DD)");
        }
    }
}
