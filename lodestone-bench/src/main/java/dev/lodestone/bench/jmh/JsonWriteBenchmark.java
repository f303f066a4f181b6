package dev.lodestone.bench.jmh;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Jackson writing a typical 10-item recommendation response: data binding of a map tree, and the streaming API. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JsonWriteBenchmark {
    private final ObjectMapper mapper = new ObjectMapper();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);
    private final Map<String, Object> response = response();

    static Map<String, Object> response() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            var item = new LinkedHashMap<String, Object>();
            item.put("entity_id", "item_" + (1000 + i * 37));
            item.put("entity_type", "product");
            item.put("score", 0.9731 - i * 0.0417);
            item.put("reason", i % 3 == 0 ? "content_similarity" : "collaborative");
            items.add(item);
        }
        var r = new LinkedHashMap<String, Object>();
        r.put("recommendations", items);
        r.put("algorithm", "hybrid");
        r.put("cold_start", false);
        r.put("generated_at", "2025-10-20T10:00:00.123456Z");
        r.put("user_id", "user_4711");
        return r;
    }

    @Benchmark
    public byte[] databind() throws IOException {
        return mapper.writeValueAsBytes(response);
    }

    @Benchmark
    @SuppressWarnings("unchecked")
    public int streaming() throws IOException {
        buffer.reset();
        try (JsonGenerator g = mapper.getFactory().createGenerator(buffer)) {
            g.writeStartObject();
            g.writeArrayFieldStart("recommendations");
            for (Map<String, Object> item : (List<Map<String, Object>>) response.get("recommendations")) {
                g.writeStartObject();
                g.writeStringField("entity_id", (String) item.get("entity_id"));
                g.writeStringField("entity_type", (String) item.get("entity_type"));
                g.writeNumberField("score", (Double) item.get("score"));
                g.writeStringField("reason", (String) item.get("reason"));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("algorithm", "hybrid");
            g.writeBooleanField("cold_start", false);
            g.writeStringField("generated_at", (String) response.get("generated_at"));
            g.writeStringField("user_id", (String) response.get("user_id"));
            g.writeEndObject();
        }
        return buffer.size();
    }
}
