package dev.lodestone.bench.datagen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lodestone.bench.cli.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetGeneratorTest {
    private static final DatasetSpec SPEC = DatasetSpec.small(2_000, 1_000, 60_000, 10, 7);
    private static final List<String> FILES = List.of(DatasetFiles.ENTITIES, DatasetFiles.INTERACTIONS_JSONL,
            DatasetFiles.INTERACTIONS_CSV, DatasetFiles.GROUPS, DatasetFiles.DESCRIPTION);

    @Test
    void sameSpecWritesByteIdenticalFilesAndAnotherSeedDoesNot(@TempDir Path dir) throws IOException {
        DatasetFiles.write(new DatasetGenerator(SPEC), dir.resolve("a"), Progress.off());
        DatasetFiles.write(new DatasetGenerator(SPEC), dir.resolve("b"), Progress.off());
        var other = DatasetSpec.small(2_000, 1_000, 60_000, 10, 8);
        DatasetFiles.write(new DatasetGenerator(other), dir.resolve("c"), Progress.off());
        for (String f : FILES) {
            assertThat(Files.mismatch(dir.resolve("a").resolve(f), dir.resolve("b").resolve(f))).as(f).isEqualTo(-1L);
        }
        assertThat(Files.mismatch(dir.resolve("a").resolve(DatasetFiles.INTERACTIONS_CSV), dir.resolve("c").resolve(DatasetFiles.INTERACTIONS_CSV)))
                .isNotEqualTo(-1L);
    }

    @Test
    void filesHaveTheApiShapeAndTheRequestedCounts(@TempDir Path dir) throws IOException {
        DatasetFiles.write(new DatasetGenerator(SPEC), dir, Progress.off());
        var json = new ObjectMapper();
        List<String> entities = Files.readAllLines(dir.resolve(DatasetFiles.ENTITIES));
        assertThat(entities).hasSize(SPEC.entities());
        JsonNode first = json.readTree(entities.get(0));
        assertThat(first.get("entity_id").asText()).isEqualTo("item_1");
        assertThat(first.get("entity_type").asText()).isEqualTo("product");
        assertThat(first.get("attributes").fieldNames()).toIterable()
                .containsExactly("title", "description", "category", "brand", "tags", "price", "in_stock");
        assertThat(first.get("attributes").get("tags").isArray()).isTrue();

        List<String> interactions = Files.readAllLines(dir.resolve(DatasetFiles.INTERACTIONS_JSONL));
        assertThat(interactions).hasSize((int) SPEC.interactions());
        List<String> csv = Files.readAllLines(dir.resolve(DatasetFiles.INTERACTIONS_CSV));
        assertThat(csv.get(0)).isEqualTo("user,item,value,timestamp");
        assertThat(csv).hasSize(interactions.size() + 1);
        for (int i = 0; i < interactions.size(); i += 997) {
            JsonNode n = json.readTree(interactions.get(i));
            String[] row = csv.get(i + 1).split(",");
            assertThat(n.get("user_id").asText()).isEqualTo(row[0]);
            assertThat(n.get("entity_id").asText()).isEqualTo(row[1]);
            assertThat(java.time.Instant.parse(n.get("timestamp").asText()).getEpochSecond()).isEqualTo(Long.parseLong(row[3]));
            String type = n.get("interaction_type").asText();
            if (type.equals("rating")) assertThat(n.get("value").asDouble()).isEqualTo(Double.parseDouble(row[2]));
            if (type.equals("dislike")) assertThat(n.get("weight").asDouble()).isEqualTo(-2);
        }
        assertThat(Files.readAllLines(dir.resolve(DatasetFiles.GROUPS))).hasSize(1 + SPEC.users() + SPEC.entities());
    }

    @Test
    void usersMostlyInteractWithTheirOwnGroupAndDislikeOnlyOthers() {
        var g = new DatasetGenerator(SPEC);
        var latent = g.latent();
        long[] own = {0}, total = {0}, ownDislikes = {0};
        double[] ratingSum = new double[2];
        long[] ratingCount = new long[2];
        g.interactions(i -> {
            boolean isOwn = latent.entityGroup(i.entity) == latent.userGroup(i.user);
            total[0]++;
            if (isOwn) own[0]++;
            if (isOwn && i.kind == InteractionKind.DISLIKE) ownDislikes[0]++;
            if (i.kind == InteractionKind.RATING) {
                ratingSum[isOwn ? 0 : 1] += i.rating;
                ratingCount[isOwn ? 0 : 1]++;
            }
        });
        assertThat((double) own[0] / total[0]).isBetween(0.80, 0.90);
        assertThat(ownDislikes[0]).isZero();
        assertThat(ratingSum[0] / ratingCount[0]).isGreaterThan(ratingSum[1] / ratingCount[1] + 1);
    }

    @Test
    void interactionTypesFollowTheFunnel() {
        Map<InteractionKind, Long> counts = new EnumMap<>(InteractionKind.class);
        new DatasetGenerator(SPEC).interactions(i -> counts.merge(i.kind, 1L, Long::sum));
        assertThat(counts.get(InteractionKind.VIEW)).isGreaterThan(2 * counts.get(InteractionKind.CLICK));
        assertThat(counts.get(InteractionKind.CLICK)).isGreaterThan(counts.get(InteractionKind.ADD_TO_CART));
        assertThat(counts.get(InteractionKind.ADD_TO_CART)).isGreaterThan(counts.get(InteractionKind.PURCHASE));
        assertThat(counts.get(InteractionKind.RATING)).isPositive();
        assertThat(counts.get(InteractionKind.DISLIKE)).isPositive();
    }

    @Test
    void popularityInsideAGroupIsSkewed() {
        var g = new DatasetGenerator(SPEC);
        var latent = g.latent();
        int group = 0;
        int size = latent.groupStart[group + 1] - latent.groupStart[group];
        int[] rank = new int[SPEC.entities()];
        for (int p = latent.groupStart[group]; p < latent.groupStart[group + 1]; p++) rank[latent.groupMembers[p]] = p - latent.groupStart[group];
        long[] top = {0}, all = {0};
        g.interactions(i -> {
            if (latent.entityGroup(i.entity) != group) return;
            all[0]++;
            if (rank[i.entity] < size / 10) top[0]++;
        });
        // Zipf(1) over ~200 items puts about 60 % of the mass on the top tenth; uniform would put 10 %
        assertThat((double) top[0] / all[0]).isGreaterThan(0.45);
    }

    @Test
    void attributesFollowTheEntitysGroup() {
        var g = new DatasetGenerator(SPEC);
        var latent = g.latent();
        int[] matching = {0};
        double[][] priceByGroup = new double[SPEC.groups()][2];
        g.entities((e, a) -> {
            int group = latent.entityGroup(e);
            if (a.get("category").equals(latent.category(group))) matching[0]++;
            priceByGroup[group][0] += (Double) a.get("price");
            priceByGroup[group][1]++;
        });
        assertThat((double) matching[0] / SPEC.entities()).isGreaterThan(0.85);
        // group price levels differ: the dearest group's mean is well above the cheapest one's
        double min = Double.MAX_VALUE, max = 0;
        for (double[] p : priceByGroup) {
            min = Math.min(min, p[0] / p[1]);
            max = Math.max(max, p[0] / p[1]);
        }
        assertThat(max / min).isGreaterThan(3);
    }

    @Test
    void timestampsSpreadOverTheRequestedDaysInNearTimeOrder() {
        long start = SPEC.start().getEpochSecond(), end = start + SPEC.days() * 86_400L;
        long[] minMax = {Long.MAX_VALUE, Long.MIN_VALUE};
        long[] sessions = {0};
        new DatasetGenerator(SPEC).interactions(i -> {
            minMax[0] = Math.min(minMax[0], i.epochSecond);
            minMax[1] = Math.max(minMax[1], i.epochSecond);
            sessions[0] = i.session;
        });
        assertThat(minMax[0]).isGreaterThanOrEqualTo(start).isLessThan(start + 86_400);
        assertThat(minMax[1]).isLessThan(end).isGreaterThan(end - 86_400);
        assertThat(sessions[0]).isBetween(SPEC.interactions() / 12, SPEC.interactions() / 3);
    }
}
