package dev.lodestone.core.model;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** The id rules of docs/api.md. Each method returns the problem in words, or null when the value is fine. */
public final class Ids {
    public static final int MAX_ID_BYTES = 255;
    public static final int MAX_ENTITY_TYPE_BYTES = 100;
    public static final int MAX_INTERACTION_TYPE_BYTES = 64;
    public static final int MAX_TENANT_CHARS = 255;
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9._-]+");

    private Ids() {
    }

    public static String idProblem(String value) {
        return textProblem(value, MAX_ID_BYTES);
    }

    public static String entityTypeProblem(String value) {
        return textProblem(value, MAX_ENTITY_TYPE_BYTES);
    }

    public static String interactionTypeProblem(String value) {
        return textProblem(value, MAX_INTERACTION_TYPE_BYTES);
    }

    public static String tenantProblem(String value) {
        if (value == null || value.isEmpty()) return "must not be empty";
        if (value.length() > MAX_TENANT_CHARS) return "must be at most " + MAX_TENANT_CHARS + " characters";
        if (!TENANT.matcher(value).matches()) return "may contain only letters, digits, '.', '_' and '-'";
        return null;
    }

    private static String textProblem(String value, int maxBytes) {
        if (value == null || value.isEmpty()) return "must not be empty";
        if (value.length() > maxBytes || value.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            return "must be at most " + maxBytes + " bytes";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) return "must not contain control characters";
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return "must be valid Unicode";
                }
                i++;
            }
        }
        if (value.isBlank()) return "must not be blank";
        return null;
    }
}
