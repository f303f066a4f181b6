package dev.lodestone.server.config;

import dev.lodestone.store.StoreConfig;

/** Whether a setting's value may be shown (start-up log, {@code GET /api/config}, dashboard, error messages). */
public enum Secrecy {
    /** Shown as it is. */
    PUBLIC(""),
    /** Never shown: masked whole. */
    SECRET("**Secret**: shown as `" + Secrecy.MASK + "`."),
    /** A URL (of the store or Redis) shown with its passwords masked, by the store's URL masker. */
    URL_PASSWORD("**Secret** password: shown as `" + Secrecy.MASK + "`.");

    public static final String MASK = "********";

    private final String docNote;

    Secrecy(String docNote) {
        this.docNote = docNote;
    }

    /** What may be shown of {@code shown}, a value as {@link ValueType#shown()} gives it (null when unset). */
    public Object mask(Object shown) {
        if (shown == null) return null;
        return switch (this) {
            case PUBLIC -> shown;
            case SECRET -> MASK;
            case URL_PASSWORD -> StoreConfig.maskPassword(shown.toString());
        };
    }

    /** What the docs add to the setting's meaning (empty for public settings). */
    String docNote() {
        return docNote;
    }
}
