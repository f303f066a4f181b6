package dev.lodestone.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;

/**
 * A bulk body {@code {"<field>": [item, …], "tenant_id": …}} read as a stream: each item becomes its own small tree
 * and goes to the caller before the next one is read. The request never holds the document's text nor its whole
 * tree (a 60 MiB bulk would otherwise be held three times over: bytes, tree and converted items), and a caller can
 * refuse the request (413, 422) as soon as an item breaks a limit, without reading the rest.
 */
public final class BulkBody {
    /** Receives the items in order; may throw {@link ApiException} to refuse the whole request. */
    @FunctionalInterface
    public interface ItemSink {
        void item(int index, JsonNode item);
    }

    private BulkBody() {
    }

    /** @return the body's other scalar fields (containers other than {@code field} are skipped unread) */
    static ObjectNode read(InputStream body, String field, int maxItems, ItemSink sink) {
        try (JsonParser parser = Json.MAPPER.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) throw new ApiException(400, "INVALID_JSON", "request body is empty; a JSON document is required");
            if (first != JsonToken.START_OBJECT) throw ApiException.invalidField("body", "must be a JSON object");
            ObjectNode rest = Json.MAPPER.createObjectNode();
            boolean found = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals(field)) {
                    if (value != JsonToken.START_ARRAY) throw ApiException.invalidField(field, "must be an array");
                    found = true;
                    int index = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        if (index == maxItems) {
                            throw new ApiException(413, "PAYLOAD_TOO_LARGE",
                                    field + " has more than " + maxItems + " items; at most " + maxItems + " per request");
                        }
                        JsonNode item = Json.VALUE_READER.readValue(parser);
                        sink.item(index++, item);
                    }
                } else if (value.isScalarValue()) {
                    rest.set(name, (JsonNode) Json.VALUE_READER.readValue(parser));
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new ApiException(400, "INVALID_JSON", "malformed JSON: trailing content after the document");
            }
            if (!found) throw ApiException.invalidField(field, "must be an array");
            return rest;
        } catch (JsonProcessingException e) {
            throw Json.invalid(e);
        } catch (IOException e) {
            throw new ApiException(400, "INVALID_JSON", "could not read the request body");
        }
    }
}
