package dev.lodestone.core.model;

import java.util.List;
import java.util.Map;

/**
 * Input the rules of the domain refuse: a field with a wrong value, or an entity id that names more than one entity
 * or none.
 * It carries the error code and details of the API's error envelope but no HTTP status: the write services and
 * parsers that throw it know nothing of HTTP; the server's router picks the status (the API layer's
 * {@code ApiException} is the same thing with a status of its own).
 */
public class InvalidInput extends RuntimeException {
    public static final String VALIDATION_ERROR = "VALIDATION_ERROR";
    public static final String AMBIGUOUS_ENTITY = "AMBIGUOUS_ENTITY";
    /** The entity a request names does not exist (see {@link EntityLookup}). */
    public static final String ENTITY_NOT_FOUND = "ENTITY_NOT_FOUND";

    private final String code;
    private final Object details;

    public InvalidInput(String code, String message, Object details) {
        super(message, null, false, false);
        this.code = code;
        this.details = details;
    }

    /** A field's value is wrong: the message and details name the field and the problem. */
    public static InvalidInput field(String field, String problem) {
        return new InvalidInput(VALIDATION_ERROR, field + ": " + problem, List.of(Map.of("field", field, "problem", problem)));
    }

    /** An entity id given without a type matches entities of several types. */
    public static InvalidInput ambiguousEntity(String message, Object details) {
        return new InvalidInput(AMBIGUOUS_ENTITY, message, details);
    }

    public String code() {
        return code;
    }

    public Object details() {
        return details;
    }
}
