package dev.lodestone.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.io.InputStream;

/**
 * The one JSON configuration of the API: exact numbers (a client's {@code 1.50} is written back as {@code 1.50}),
 * strict parsing (no trailing tokens, no duplicate keys, bounded nesting), no nulls written.
 */
public final class Json {
    /** Deeper documents are refused before they reach validation (attribute nesting has its own, lower bound). */
    public static final int MAX_NESTING_DEPTH = 64;

    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxNumberLength(100)
                            .maxStringLength(1 << 20)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    /** Reads one value out of a longer stream (a bulk item): what follows it is the caller's to read. */
    static final com.fasterxml.jackson.databind.ObjectReader VALUE_READER =
            MAPPER.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /** Parses a request body; any syntax problem becomes 400 INVALID_JSON naming line and column. */
    public static JsonNode parse(InputStream body) {
        try (JsonParser parser = MAPPER.createParser(body)) {
            JsonNode node = MAPPER.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw new ApiException(400, "INVALID_JSON", "request body is empty; a JSON document is required");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw invalid(e);
        } catch (IOException e) {
            throw new ApiException(400, "INVALID_JSON", "could not read the request body");
        }
    }

    /** 400 INVALID_JSON naming line and column. */
    static ApiException invalid(com.fasterxml.jackson.core.JsonProcessingException e) {
        var loc = e.getLocation();
        String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        return new ApiException(400, "INVALID_JSON", "malformed JSON" + where + ": " + e.getOriginalMessage());
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }
}
