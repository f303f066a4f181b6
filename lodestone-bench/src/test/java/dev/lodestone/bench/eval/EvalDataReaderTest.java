package dev.lodestone.bench.eval;

import dev.lodestone.bench.cli.Progress;
import dev.lodestone.bench.datagen.DatasetFiles;
import dev.lodestone.bench.datagen.DatasetGenerator;
import dev.lodestone.bench.datagen.DatasetSpec;
import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.Interaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvalDataReaderTest {
    private final EvalDataReader reader = new EvalDataReader("movie");

    @Test
    void readsCsvWithHeaderQuotesAndAnyTimestampForm(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("r.csv");
        Files.writeString(csv, """
                userId,movieId,rating,timestamp
                1,31,2.5,1260759144
                "user, two","the ""best"" one",4,2025-01-02T03:04:05+01:00
                3,7,5,1700000000123
                """);
        EvalData data = reader.read(csv);
        assertThat(data.interactions()).extracting(Interaction::userId).containsExactly("1", "user, two", "3");
        assertThat(data.interactions()).extracting(Interaction::entityId).containsExactly("31", "the \"best\" one", "7");
        assertThat(data.interactions()).extracting(Interaction::weight).containsExactly(2.5, 4.0, 5.0);
        assertThat(data.interactions()).extracting(Interaction::timestamp).containsExactly(
                Instant.ofEpochSecond(1260759144), Instant.parse("2025-01-02T02:04:05Z"), Instant.ofEpochMilli(1700000000123L));
        assertThat(data.entities()).extracting(Entity::entityId).containsExactly("31", "the \"best\" one", "7");
        assertThat(data.entities()).extracting(Entity::entityType).containsOnly("movie");
    }

    @Test
    void readsHeaderlessTwoColumnCsvInFileOrder(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("r.csv");
        Files.writeString(csv, "a,x\nb,y\na,y\n");
        List<Interaction> rows = reader.read(csv).interactions();
        assertThat(rows).hasSize(3).extracting(Interaction::weight).containsOnly(1.0);
        assertThat(rows.get(0).timestamp()).isBefore(rows.get(2).timestamp());
    }

    @Test
    void readsADatagenDirectoryWithItsCatalogue(@TempDir Path dir) throws IOException {
        var spec = DatasetSpec.small(50, 20, 300, 5, 1);
        DatasetFiles.write(new DatasetGenerator(spec), dir, Progress.off());
        EvalData data = new EvalDataReader("product").read(dir);
        assertThat(data.interactions()).hasSize(300);
        assertThat(data.entities()).hasSize(50);
        assertThat(data.entities().get(0).attributes()).containsKeys("title", "category", "tags", "price");
        assertThat(data.entities().get(0).attributes().get("tags")).isInstanceOf(List.class);
    }
}
