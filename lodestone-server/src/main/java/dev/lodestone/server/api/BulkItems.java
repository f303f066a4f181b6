package dev.lodestone.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lodestone.server.auth.ActingTenant;
import dev.lodestone.server.http.Principal;
import dev.lodestone.server.http.ApiException;
import dev.lodestone.core.model.Ids;

/**
 * The rules every bulk request shares while its items stream in: the per-request budget of attribute and vector
 * values (what the items cost in memory once converted, which the body's byte size alone does not bound), and the
 * per-item {@code tenant_id} (read here, decided by {@link ActingTenant}).
 */
final class BulkItems {
    private final String field;
    private final Principal principal;
    private long attributeValues;
    private long vectorValues;

    BulkItems(String field, Principal principal) {
        this.field = field;
        this.principal = principal;
    }

    /** Counts the item's attribute/metadata keys and values and its vector; 413 naming the limit once over it. */
    void charge(JsonNode item) {
        attributeValues += size(item.get("attributes")) + size(item.get("metadata"));
        JsonNode vector = item.get("vector");
        if (vector != null && vector.isArray()) vectorValues += vector.size();
        if (attributeValues > Limits.MAX_BULK_ATTRIBUTE_VALUES) {
            throw new ApiException(413, "PAYLOAD_TOO_LARGE", field + " hold more than " + Limits.MAX_BULK_ATTRIBUTE_VALUES
                    + " attribute keys and values in one request (MAX_BULK_ATTRIBUTE_VALUES); split the request");
        }
        if (vectorValues > Limits.MAX_BULK_VECTOR_VALUES) {
            throw new ApiException(413, "PAYLOAD_TOO_LARGE", field + " hold more than " + Limits.MAX_BULK_VECTOR_VALUES
                    + " vector numbers in one request (MAX_BULK_VECTOR_VALUES); split the request");
        }
    }

    /**
     * Refuses the whole request (422 naming the item) as soon as an item of a tenant key names another tenant
     * ({@link ActingTenant#ofItem}), before anything is written.
     */
    void checkItemTenant(int index, JsonNode item) {
        if (principal.tenantId() == null) return;
        JsonNode t = item.get("tenant_id");
        if (t == null || t.isNull()) return;
        ActingTenant.ofItem(principal, principal.tenantId(), t.isTextual() ? t.textValue() : t.toString(),
                field + "[" + index + "].tenant_id");
    }

    /** The tenant an item is filed under ({@link ActingTenant#ofItem}), once the request's tenant is known. */
    String tenantOf(String requestTenant, String itemTenant) {
        return ActingTenant.ofItem(principal, requestTenant, itemTenant, field + "[].tenant_id");
    }

    /** The item's own {@code tenant_id} as sent, or null when it names none. A malformed one fails that item alone. */
    static String itemTenant(JsonNode item) {
        JsonNode t = item.get("tenant_id");
        if (t == null || t.isNull()) return null;
        if (!t.isTextual()) throw ApiException.invalidField("tenant_id", "must be a string");
        String problem = Ids.tenantProblem(t.textValue());
        if (problem != null) throw ApiException.invalidField("tenant_id", problem);
        return t.textValue();
    }

    /** A string field of an item, echoed in its error only when it can be written back as valid text. */
    static String echo(JsonNode item, String field) {
        JsonNode v = item.get(field);
        if (v == null || !v.isTextual() || v.textValue().length() > 1_000) return null;
        return dev.lodestone.server.ingest.JsonValues.hasLoneSurrogate(v.textValue()) ? null : v.textValue();
    }

    /** Keys and scalar values of an attributes/metadata subtree (array items included). */
    private static long size(JsonNode node) {
        if (node == null || !node.isContainerNode()) return node == null ? 0 : 1;
        long n = 0;
        var fields = node.isObject() ? node.properties().iterator() : null;
        if (fields != null) {
            while (fields.hasNext()) n += 1 + size(fields.next().getValue());
        } else {
            for (JsonNode child : node) n += size(child);
        }
        return n;
    }
}
