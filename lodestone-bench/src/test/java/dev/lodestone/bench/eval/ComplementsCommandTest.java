package dev.lodestone.bench.eval;

import dev.lodestone.bench.cli.Progress;
import dev.lodestone.bench.datagen.BasketGenerator;
import dev.lodestone.bench.datagen.DatasetFiles;
import dev.lodestone.bench.datagen.DatasetGenerator;
import dev.lodestone.bench.datagen.DatasetSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** On orders with known complements, complements predict what is bought together better than similar entities. */
class ComplementsCommandTest {
    @TempDir
    Path dir;

    @Test
    void complementsBeatSimilarEntitiesAndDoNotLeadWithBestSellers() throws Exception {
        var generator = new DatasetGenerator(DatasetSpec.small(1_000, 800, 10_000, 10, 5));
        DatasetFiles.write(generator, dir, Progress.off());
        new BasketGenerator(generator).write(3_000, dir);
        assertThat(Files.readAllLines(dir.resolve(BasketGenerator.COMPLEMENTS_FILE))).hasSize(1 + 3 * 1_000);

        var command = new ComplementsCommand();
        new picocli.CommandLine(command).parseArgs(dir.toString(), "--max-queries", "800");
        var scores = command.measure();
        var complements = scores.get("complements");
        var similar = scores.get("similar (hybrid)");
        var counts = scores.get("co-purchase count");
        assertThat(complements.queries).isEqualTo(800);
        assertThat(ComplementsCommand.ratio(complements.hits, complements.queries))
                .isGreaterThan(ComplementsCommand.ratio(similar.hits, similar.queries) + 0.1);
        // the popularity correction: raw co-purchase counts put best-sellers first far more often
        assertThat(complements.bestSellerTop).isLessThan(counts.bestSellerTop);
        assertThat(ComplementsCommand.ratio(complements.plainHits, complements.plainQueries))
                .isGreaterThan(ComplementsCommand.ratio(similar.plainHits, similar.plainQueries));
    }
}
