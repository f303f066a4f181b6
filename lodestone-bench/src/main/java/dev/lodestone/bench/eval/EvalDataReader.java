package dev.lodestone.bench.eval;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lodestone.bench.datagen.DatasetFiles;
import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.InteractionTypeForm;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads evaluation input: a CSV {@code user,item[,value[,timestamp]]} (header optional; timestamp in epoch
 * seconds, epoch milliseconds or RFC 3339; value defaults to 1), or a datagen directory (its
 * {@code interactions.csv} and, when present, {@code entities.jsonl} for content).
 */
public final class EvalDataReader {
    static final String TENANT = "eval";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant CATALOGUE_TIME = Instant.EPOCH;

    private final String entityType;

    public EvalDataReader(String entityType) {
        this.entityType = entityType;
    }

    public EvalData read(Path input) throws IOException {
        Path csv = Files.isDirectory(input) ? input.resolve(DatasetFiles.INTERACTIONS_CSV) : input;
        List<Interaction> interactions = readCsv(csv);
        Map<String, Entity> entities = new LinkedHashMap<>();
        Path entitiesFile = Files.isDirectory(input) ? input.resolve(DatasetFiles.ENTITIES) : null;
        if (entitiesFile != null && Files.exists(entitiesFile)) {
            for (Entity e : readEntities(entitiesFile)) entities.put(e.entityId(), e);
        }
        Set<String> named = new LinkedHashSet<>();
        for (Interaction i : interactions) named.add(i.entityId());
        for (String id : named) {
            if (!entities.containsKey(id)) entities.put(id, entity(entityType, id, Map.of("id", id), null));
        }
        return new EvalData(interactions, List.copyOf(entities.values()));
    }

    List<Interaction> readCsv(Path file) throws IOException {
        List<Interaction> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long lineNumber = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNumber++;
                if (line.isBlank()) continue;
                List<String> f = CsvLine.split(line);
                if (f.size() < 2) throw new IOException(file + ":" + lineNumber + ": expected user,item[,value[,timestamp]]");
                if (lineNumber == 1 && looksLikeHeader(f)) continue;
                double value = f.size() > 2 && !f.get(2).isBlank() ? Double.parseDouble(f.get(2).trim()) : 1;
                // without timestamps the file order is the time order
                Instant ts = f.size() > 3 && !f.get(3).isBlank() ? timestamp(f.get(3).trim()) : Instant.ofEpochSecond(lineNumber);
                out.add(new Interaction(out.size() + 1L, TENANT, f.get(0), entityType, f.get(1), "implicit",
                        InteractionTypeForm.PLAIN, value, value, Map.of(), ts));
            }
        }
        return out;
    }

    List<Entity> readEntities(Path file) throws IOException {
        List<Entity> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) continue;
                JsonNode n = JSON.readTree(line);
                Map<String, Object> attributes = JSON.convertValue(n.path("attributes"), new TypeReference<LinkedHashMap<String, Object>>() { });
                float[] vector = null;
                if (n.path("vector").isArray()) {
                    vector = new float[n.get("vector").size()];
                    for (int i = 0; i < vector.length; i++) vector[i] = (float) n.get("vector").get(i).asDouble();
                }
                out.add(entity(n.path("entity_type").asText(entityType), n.path("entity_id").asText(), attributes, vector));
            }
        }
        return out;
    }

    private static Entity entity(String type, String id, Map<String, Object> attributes, float[] vector) {
        return new Entity(TENANT, type, id, attributes, vector, false, null, null, CATALOGUE_TIME, CATALOGUE_TIME);
    }

    private static boolean looksLikeHeader(List<String> fields) {
        if (fields.size() < 3) return fields.get(0).equalsIgnoreCase("user") || fields.get(0).equalsIgnoreCase("user_id");
        try {
            Double.parseDouble(fields.get(2).trim());
            return false;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    static Instant timestamp(String s) {
        if (s.matches("\\d+(\\.\\d*)?")) {
            double v = Double.parseDouble(s);
            // anything past the year 5138 in seconds is really milliseconds
            return v > 1e11 ? Instant.ofEpochMilli((long) v) : Instant.ofEpochSecond((long) v);
        }
        return OffsetDateTime.parse(s).toInstant();
    }
}
