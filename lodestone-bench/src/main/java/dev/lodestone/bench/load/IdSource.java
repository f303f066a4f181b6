package dev.lodestone.bench.load;

import dev.lodestone.bench.datagen.DatasetFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/** The user and entity ids a load run draws from: {@code user_1..user_N} / {@code item_1..item_M}, or a datagen dir. */
record IdSource(String[] users, String[] entities, String entityType) {

    static IdSource ranges(int users, int entities, String entityType) {
        String[] u = new String[users];
        for (int i = 0; i < users; i++) u[i] = "user_" + (i + 1);
        String[] e = new String[entities];
        for (int i = 0; i < entities; i++) e[i] = "item_" + (i + 1);
        return new IdSource(u, e, entityType);
    }

    /** Ids from {@code groups.csv} of a datagen dir, else the distinct ids of {@code interactions.csv}. */
    static IdSource fromDirectory(Path dir, String entityType) throws IOException {
        Set<String> users = new LinkedHashSet<>();
        Set<String> entities = new LinkedHashSet<>();
        Path groups = dir.resolve(DatasetFiles.GROUPS);
        boolean fromGroups = Files.exists(groups);
        try (BufferedReader r = Files.newBufferedReader(fromGroups ? groups : dir.resolve(DatasetFiles.INTERACTIONS_CSV), StandardCharsets.UTF_8)) {
            r.readLine(); // header
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",", 4);
                if (f.length < 2) continue;
                if (fromGroups) (f[0].equals("user") ? users : entities).add(f[1]);
                else {
                    users.add(f[0]);
                    entities.add(f[1]);
                }
            }
        }
        if (users.isEmpty() || entities.isEmpty()) throw new IOException("no users or entities found in " + dir);
        return new IdSource(users.toArray(String[]::new), entities.toArray(String[]::new), entityType);
    }

    /** Ids percent-encoded for a path segment (URLEncoder encodes a space as '+', which a path does not mean). */
    IdSource pathEncoded() {
        return new IdSource(encode(users), encode(entities), entityType);
    }

    private static String[] encode(String[] ids) {
        String[] out = new String[ids.length];
        for (int i = 0; i < ids.length; i++) out[i] = URLEncoder.encode(ids[i], StandardCharsets.UTF_8).replace("+", "%20");
        return out;
    }
}
