package dev.lodestone.server.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** The single error envelope. 401 and 429 carry numeric codes, as the old clients expect. */
public final class ErrorBody {
    private ErrorBody() {
    }

    public static Map<String, Object> of(int status, String code, String message, Object details) {
        var error = new LinkedHashMap<String, Object>();
        error.put("code", status == 401 || status == 429 ? (Object) status : code);
        error.put("message", message);
        if (details != null) error.put("details", details);
        return Map.of("error", error);
    }

    public static byte[] json(int status, String code, String message) {
        return Json.write(of(status, code, message, null));
    }
}
