package dev.lodestone.server.api;

/** Request size limits, documented in the OpenAPI document and the README. */
public final class Limits {
    /** Body of a single-item request. */
    public static final long MAX_BODY_BYTES = 1L << 20;
    /** Body of a bulk request. */
    public static final long MAX_BULK_BODY_BYTES = 64L << 20;
    /** Items in one bulk request; more is 413. */
    public static final int MAX_BULK_ITEMS = 10_000;
    /**
     * Attribute and metadata keys and values (array items included) over all items of one bulk request; more is
     * 413. The body's byte size alone does not bound memory: a value of 2 bytes in JSON costs ~100 bytes once
     * converted, so 60 MiB of small attributes would need several GiB.
     */
    public static final long MAX_BULK_ATTRIBUTE_VALUES = 1_000_000;
    /** Vector numbers over all items of one bulk request; more is 413. */
    public static final long MAX_BULK_VECTOR_VALUES = 4_000_000;
    /** History page size. */
    public static final int MAX_HISTORY_LIMIT = 1_000;

    private Limits() {
    }
}
