package dev.lodestone.server.export;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How rows of one kind are exported: the JSON object of a row (the API's wire form) and its CSV cells, in the order
 * of {@code columns}.
 */
public record ExportTable<T>(String name, List<String> columns, Function<T, Map<String, Object>> json,
                             Function<T, List<String>> csv) {
}
