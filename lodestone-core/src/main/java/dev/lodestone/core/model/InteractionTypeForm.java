package dev.lodestone.core.model;

/** How a client wrote {@code interaction_type}, so responses echo the same form. */
public enum InteractionTypeForm {
    /** {@code "view"} */
    PLAIN,
    /** {@code {"rating": 4.5}} — the type is {@code rating}, the number is the value */
    RATING_OBJECT,
    /** {@code {"custom": "share"}} */
    CUSTOM_OBJECT
}
