package dev.lodestone.bench.eval;

import dev.lodestone.bench.BenchMain;
import dev.lodestone.bench.cli.Progress;
import dev.lodestone.bench.datagen.DatasetFiles;
import dev.lodestone.bench.datagen.DatasetGenerator;
import dev.lodestone.bench.datagen.DatasetSpec;
import dev.lodestone.core.engine.Algorithm;
import dev.lodestone.core.eval.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvalDriverTest {

    @Test
    void referenceItemKnnBeatsPopularityOnStructuredData(@TempDir Path dir) throws Exception {
        var spec = DatasetSpec.small(600, 400, 30_000, 8, 3);
        DatasetFiles.write(new DatasetGenerator(spec), dir, Progress.off());
        EvalData data = new EvalDataReader("product").read(dir);
        var split = SplitProtocol.RANDOM.apply(data.interactions(), 0.8, 1);
        var report = new EvalDriver(new EvalDriver.Options(10, 0, 0, 1, 2, 50)).run(data, split, List.of(Algorithm.POPULAR));

        assertThat(report.results()).containsOnlyKeys("popular", "baseline_popularity", "reference_item_knn");
        var baseline = report.results().get("baseline_popularity");
        var knn = report.results().get("reference_item_knn");
        assertThat(baseline.users()).isEqualTo(report.testUsers()).isGreaterThan(300);
        // taste groups are what item-kNN can find and global popularity cannot
        assertThat(knn.recall()).isGreaterThan(baseline.recall() * 1.3);
        assertThat(knn.ndcg()).isGreaterThan(baseline.ndcg());
        assertThat(knn.coverage()).isGreaterThan(baseline.coverage());
        assertThat(List.of(knn.recall(), knn.ndcg(), knn.hitRate(), knn.precision(), knn.mrr(), knn.coverage()))
                .allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
    }

    @Test
    void relevantItemsExcludeTrainingHistoryAndNonPositiveWeights() {
        var driver = new EvalDriver(new EvalDriver.Options(10, 0, 0, 1, 1, 0));
        var split = new Split(
                List.of(SplitProtocolTest.event("u", "a", 1, 1)),
                List.of(SplitProtocolTest.event("u", "a", 1, 2), SplitProtocolTest.event("u", "b", 1, 3), SplitProtocolTest.event("u", "c", -2, 4),
                        SplitProtocolTest.event("v", "d", -1, 5)));
        assertThat(driver.relevantByUser(split)).containsOnlyKeys("u");
        assertThat(driver.relevantByUser(split).get("u")).containsExactly("b");
    }

    @Test
    void implicitTrainingMakesEveryTrainingInteractionAPlainPositiveAndKeepsTheTestWeights() {
        var split = new Split(
                List.of(SplitProtocolTest.event("u", "a", 0.5, 1), SplitProtocolTest.event("u", "b", 4, 2)),
                List.of(SplitProtocolTest.event("u", "c", 2, 3), SplitProtocolTest.event("u", "d", 4, 4)));
        var implicit = EvalDriver.implicitTraining(split);
        assertThat(implicit.train()).extracting(i -> i.weight()).containsExactly(1.0, 1.0);
        assertThat(implicit.train()).extracting(i -> i.entityId()).containsExactly("a", "b");
        assertThat(implicit.test()).isEqualTo(split.test());
        var driver = new EvalDriver(new EvalDriver.Options(10, 3.5, 0, 1, 1, 0));
        assertThat(driver.relevantByUser(implicit).get("u")).containsExactly("d");
    }

    @Test
    void gridsOfReferencesAreEachReportedUnderTheirSettings(@TempDir Path dir) throws Exception {
        DatasetFiles.write(new DatasetGenerator(DatasetSpec.small(150, 80, 2_000, 4, 6)), dir, Progress.off());
        Path json = dir.resolve("grid.json");
        int exit = BenchMain.commandLine().execute("eval", dir.toString(), "--algorithms", "ease", "--ranksys",
                "--ials-factors", "4", "--ials-lambda", "1,10", "--ials-iterations", "2", "--dense-ease", "10,100",
                "--reference-neighbours", "20", "--json", json.toString());
        assertThat(exit).isZero();
        assertThat(Files.readString(json)).contains("\"reference_dense_ease[l=10]\"", "\"reference_dense_ease[l=100]\"",
                "\"reference_ranksys_ials[f=4,l=1,a=10]\"", "\"reference_ranksys_ials[f=4,l=10,a=10]\"",
                "\"reference_ranksys_item_knn\"").doesNotContain("\"reference_item_knn\"");
    }

    @Test
    void commandPrintsATableAndWritesJson(@TempDir Path dir) throws Exception {
        DatasetFiles.write(new DatasetGenerator(DatasetSpec.small(200, 100, 3_000, 4, 5)), dir, Progress.off());
        Path json = dir.resolve("eval.json");
        int exit = BenchMain.commandLine().execute("eval", dir.toString(), "--split", "leave-last-out", "--algorithms", "popular",
                "--reference", "--json", json.toString());
        assertThat(exit).isZero();
        String written = Files.readString(json);
        assertThat(written).contains("\"split\" : \"leave-last-out\"", "\"reference_item_knn\"", "\"baseline_popularity\"", "\"hit_rate\"");
    }
}
