package dev.lodestone.bench.datagen;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lodestone.bench.cli.Progress;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a generated tenant to a directory: {@code entities.jsonl}, {@code interactions.jsonl},
 * {@code interactions.csv} ({@code user,item,value,timestamp}, timestamp in epoch seconds), {@code groups.csv}
 * (the latent group of every user and entity) and {@code dataset.json} (the spec and the groups' vocabulary).
 */
public final class DatasetFiles {
    public static final String ENTITIES = "entities.jsonl";
    public static final String INTERACTIONS_JSONL = "interactions.jsonl";
    public static final String INTERACTIONS_CSV = "interactions.csv";
    public static final String GROUPS = "groups.csv";
    public static final String DESCRIPTION = "dataset.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DatasetFiles() {
    }

    public static void write(DatasetGenerator generator, Path dir, Progress progress) throws IOException {
        Files.createDirectories(dir);
        var spec = generator.spec();
        var json = new DatasetJson(spec);
        try (OutputStream out = Files.newOutputStream(dir.resolve(ENTITIES));
             JsonGenerator g = lines(out)) {
            generator.entities((e, attributes) -> {
                try {
                    json.writeEntity(g, e, attributes);
                    g.writeRaw('\n');
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
                progress.step(1);
            });
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve(INTERACTIONS_JSONL));
             JsonGenerator g = lines(out);
             Writer csv = new BufferedWriter(Files.newBufferedWriter(dir.resolve(INTERACTIONS_CSV), StandardCharsets.UTF_8), 1 << 16)) {
            csv.write("user,item,value,timestamp\n");
            var line = new StringBuilder(64);
            generator.interactions(i -> {
                try {
                    json.writeInteraction(g, i);
                    g.writeRaw('\n');
                    line.setLength(0);
                    line.append(spec.userId(i.user)).append(',').append(spec.entityId(i.entity)).append(',');
                    appendNumber(line, i.weight());
                    line.append(',').append(i.epochSecond).append('\n');
                    csv.append(line);
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
                progress.step(1);
            });
        }
        writeGroups(generator, dir.resolve(GROUPS));
        writeDescription(generator, dir.resolve(DESCRIPTION));
    }

    /** A generator for JSON lines: Jackson separates root values with a space unless told otherwise. */
    private static JsonGenerator lines(OutputStream out) throws IOException {
        JsonGenerator g = JSON.createGenerator(new java.io.BufferedOutputStream(out, 1 << 16));
        g.setRootValueSeparator(null);
        return g;
    }

    private static void writeGroups(DatasetGenerator generator, Path file) throws IOException {
        var spec = generator.spec();
        var latent = generator.latent();
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            w.write("kind,id,group\n");
            for (int u = 0; u < spec.users(); u++) w.write("user," + spec.userId(u) + "," + latent.userGroup(u) + "\n");
            for (int e = 0; e < spec.entities(); e++) w.write("entity," + spec.entityId(e) + "," + latent.entityGroup(e) + "\n");
        }
    }

    private static void writeDescription(DatasetGenerator generator, Path file) throws IOException {
        var spec = generator.spec();
        var latent = generator.latent();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("entities", spec.entities());
        d.put("users", spec.users());
        d.put("interactions", spec.interactions());
        d.put("groups", spec.groups());
        d.put("seed", spec.seed());
        d.put("days", spec.days());
        d.put("start", spec.start().toString());
        d.put("affinity", spec.affinity());
        d.put("zipf_exponent", spec.zipfExponent());
        d.put("entity_type", spec.entityType());
        var groups = new java.util.ArrayList<Map<String, Object>>();
        for (int g = 0; g < latent.groups(); g++) {
            var v = latent.vocabulary[g];
            Map<String, Object> group = new LinkedHashMap<>(); // Map.of iterates in a per-JVM order
            group.put("group", g);
            group.put("category", v.category());
            group.put("brands", v.brands());
            group.put("tags", v.tags());
            groups.add(group);
        }
        d.put("group_vocabulary", groups);
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), d);
    }

    /** Integral values without a fraction ("5" not "5.0"), as shops' exports have them. */
    static void appendNumber(StringBuilder sb, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) sb.append((long) v);
        else sb.append(v);
    }
}
