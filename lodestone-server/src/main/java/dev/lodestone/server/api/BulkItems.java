package dev.lodestone.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lodestone.server.http.Principal;
import dev.lodestone.server.http.ApiException;
import dev.lodestone.core.model.Ids;

/**
 * The rules every bulk request shares while its items stream in: the per-request budget of attribute and vector
 * values (what the items cost in memory once converted, which the body's byte size alone does not bound), and the
 * per-item {@code tenant_id}.
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
     * A tenant key may only name its own tenant in an item's {@code tenant_id}: any other refuses the whole request
     * (422 naming the item), rather than silently filing the item under the key's tenant.
     */
    void checkTenantKey(int index, JsonNode item) {
        if (principal.kind() != Principal.Kind.TENANT) return;
        JsonNode t = item.get("tenant_id");
        if (t == null || t.isNull()) return;
        if (!t.isTextual() || !t.textValue().equals(principal.tenantId())) {
            throw ApiException.invalidField(field + "[" + index + "].tenant_id",
                    "names another tenant than the API key's; a tenant key writes only to its own tenant");
        }
    }

    /**
     * The item's own {@code tenant_id}, or null when it names none: the admin key (and the keyless loopback mode) may
     * file each item under any tenant. A malformed one fails that item alone.
     */
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
