package dev.lodestone.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Attribute and metadata maps as JSON text. Round-trips exactly: key order is kept (LinkedHashMap), integers come
 * back as Integer/Long/BigInteger and decimals as BigDecimal with their scale (1.50 stays 1.50).
 */
final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    /** Resolved once: resolving the map type on every read is a visible share of a start-up's row decoding. */
    private static final ObjectReader MAP_READER = MAPPER.readerFor(new TypeReference<LinkedHashMap<String, Object>>() {
    });

    private Json() {
    }

    /** JSON text of the map; "{}" for null. */
    static String write(Map<String, Object> map) {
        if (map == null || map.isEmpty()) return "{}";
        try {
            return MAPPER.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    /** The map of JSON text; an empty map for null. */
    static Map<String, Object> read(String json) {
        if (json == null || json.equals("{}")) return new LinkedHashMap<>();
        try {
            return MAP_READER.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
