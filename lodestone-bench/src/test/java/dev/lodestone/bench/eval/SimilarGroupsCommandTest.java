package dev.lodestone.bench.eval;

import dev.lodestone.bench.cli.Progress;
import dev.lodestone.bench.datagen.DatasetFiles;
import dev.lodestone.bench.datagen.DatasetGenerator;
import dev.lodestone.bench.datagen.DatasetSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Content-based similar entities share the source's latent group (which the generator knows) in ≥ 80 % of the top 10. */
class SimilarGroupsCommandTest {
    @TempDir
    Path dir;

    @Test
    void contentSimilarEntitiesMostlyShareTheSourceGroup() throws Exception {
        DatasetFiles.write(new DatasetGenerator(DatasetSpec.small(3_000, 1_000, 30_000, 12, 11)), dir, Progress.off());
        var command = new SimilarGroupsCommand();
        new picocli.CommandLine(command).parseArgs(dir.toString(), "--sample", "300", "--algorithms", "content_based");
        var shares = command.measure();
        assertThat(shares.get("content_based").lists()).isEqualTo(300);
        assertThat(shares.get("content_based").share()).isGreaterThanOrEqualTo(0.8);
    }
}
