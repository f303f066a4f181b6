package dev.lodestone.bench.datagen;

import dev.lodestone.bench.cli.Progress;
import dev.lodestone.bench.cli.TargetOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;

@Command(name = "datagen", mixinStandardHelpOptions = true,
        description = {"Generates a synthetic tenant with latent taste groups, correlated attributes, Zipf popularity,",
                "sessions over weeks and a mix of interaction types. Writes files (--out) or loads a server (--target)."})
public final class DatagenCommand implements Callable<Integer> {
    @Option(names = "--entities", defaultValue = "10000", description = "Entities (default ${DEFAULT-VALUE})")
    int entities;
    @Option(names = "--users", defaultValue = "10000", description = "Users (default ${DEFAULT-VALUE})")
    int users;
    @Option(names = "--interactions", defaultValue = "100000", description = "Interactions (default ${DEFAULT-VALUE})")
    long interactions;
    @Option(names = "--groups", defaultValue = "20", description = "Latent taste groups (default ${DEFAULT-VALUE})")
    int groups;
    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--days", defaultValue = "28", description = "Days the interactions span (default ${DEFAULT-VALUE})")
    int days;
    @Option(names = "--start", defaultValue = "2025-01-01T00:00:00Z",
            description = "First day (RFC 3339), or 'now' for today minus --days (not reproducible across days). Default ${DEFAULT-VALUE}")
    String start;
    @Option(names = "--affinity", defaultValue = "0.85", description = "Share of a user's events in their own group (default ${DEFAULT-VALUE})")
    double affinity;
    @Option(names = "--zipf", defaultValue = "1.0", description = "Popularity skew inside a group (default ${DEFAULT-VALUE})")
    double zipf;
    @Option(names = "--entity-type", defaultValue = "product", description = "entity_type of every entity (default ${DEFAULT-VALUE})")
    String entityType;
    @Option(names = "--baskets", defaultValue = "0",
            description = {"Also make this many orders with known complements: written to --out (baskets.csv, complements.csv)",
                    "and/or sent to --target as shop orders (POST /api/v1/interactions with order_id and items). Default ${DEFAULT-VALUE}"})
    int baskets;
    @Option(names = "--out", description = "Directory to write entities.jsonl, interactions.jsonl, interactions.csv, groups.csv, dataset.json")
    Path out;
    @Mixin
    TargetOptions target;
    @Option(names = "--batch", defaultValue = "1000", description = "Records per bulk request with --target (default ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--concurrency", defaultValue = "4", description = "Bulk requests in flight with --target (default ${DEFAULT-VALUE})")
    int concurrency;
    @Option(names = "--no-progress", description = "No progress bar on stderr")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        if (out == null && target.target == null) {
            System.err.println("datagen: give --out DIR and/or --target URL");
            return 2;
        }
        var spec = new DatasetSpec(entities, users, interactions, groups, seed, days, startInstant(), affinity, zipf, entityType);
        var generator = new DatasetGenerator(spec);
        boolean ok = true;
        if (out != null) {
            try (var progress = new Progress("writing", (long) entities + interactions, !noProgress)) {
                DatasetFiles.write(generator, out, progress);
            }
            System.out.printf("wrote %,d entities, %,d users, %,d interactions to %s%n", entities, users, interactions, out);
            if (baskets > 0) {
                new BasketGenerator(generator).write(baskets, out);
                System.out.printf("wrote %,d orders with known complements to %s%n", baskets, out);
            }
        }
        if (target.target != null) {
            ok = ServerLoader.load(generator, target, batch, concurrency, !noProgress, System.out);
            if (baskets > 0) {
                ok &= OrderLoader.load(new BasketGenerator(generator), spec, baskets, target, concurrency, !noProgress, System.out);
            }
        }
        return ok ? 0 : 1;
    }

    private Instant startInstant() {
        if (start.equalsIgnoreCase("now")) return LocalDate.now(ZoneOffset.UTC).minusDays(days).atStartOfDay().toInstant(ZoneOffset.UTC);
        return Instant.parse(start);
    }
}
