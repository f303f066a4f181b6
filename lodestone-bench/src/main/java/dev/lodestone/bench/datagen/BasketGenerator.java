package dev.lodestone.bench.datagen;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Orders whose "goes with" structure is known, for measuring complements: every entity has {@link #COMPLEMENTS}
 * complements in the next taste group (a phone's case and charger are not phones), drawn by popularity. An order
 * holds an anchor from the shopper's own group, each of the anchor's complements with probability
 * {@link #COMPLEMENT_SHARE} (at least one), often a best-seller (one of a handful of entities that sell with
 * anything) and sometimes an unrelated item of the shopper's group. Written as {@code baskets.csv}
 * ({@code order_id,user,item,timestamp}) and {@code complements.csv} ({@code item,complement}, the truth); separate
 * from the other files, so datasets generated without baskets stay byte-identical.
 */
public final class BasketGenerator {
    public static final String BASKETS = "baskets.csv";
    public static final String COMPLEMENTS_FILE = "complements.csv";
    static final int COMPLEMENTS = 3;
    static final double COMPLEMENT_SHARE = 0.5;
    static final double BEST_SELLER_SHARE = 0.5;
    static final double NOISE_SHARE = 0.3;
    static final int BEST_SELLERS = 5;

    private final DatasetSpec spec;
    private final LatentStructure latent;
    private final int[] bestSellers;

    public BasketGenerator(DatasetGenerator generator) {
        this.spec = generator.spec();
        this.latent = generator.latent();
        int n = Math.min(BEST_SELLERS, latent.groups());
        bestSellers = new int[n];
        for (int g = 0; g < n; g++) bestSellers[g] = latent.groupMembers[latent.groupStart[g]];
    }

    /** The known complements of an entity: deterministic per entity and seed. */
    public int[] complementsOf(int entity) {
        var random = new SplittableRandom(spec.seed() * 1_000_003L + entity);
        int group = (latent.entityGroup[entity] + 1) % latent.groups();
        int size = latent.groupStart[group + 1] - latent.groupStart[group];
        int want = Math.min(COMPLEMENTS, size);
        int[] out = new int[want];
        int found = 0;
        for (int attempts = 0; found < want && attempts < 100; attempts++) {
            int c = latent.sampleEntity(group, random);
            boolean dup = c == entity;
            for (int k = 0; k < found; k++) dup |= out[k] == c;
            if (!dup) out[found++] = c;
        }
        return java.util.Arrays.copyOf(out, found);
    }

    /** One generated order. */
    public record Basket(long orderId, int user, List<Integer> items, long epochSecond) {
    }

    /** The order id a basket is written and sent under. */
    public static String orderId(Basket basket) {
        return "o" + basket.orderId();
    }

    public void baskets(int count, java.util.function.Consumer<Basket> sink) {
        var random = new SplittableRandom(spec.seed() ^ 0x6A09E667F3BCC909L);
        long start = spec.start().getEpochSecond();
        long span = spec.days() * 86_400L;
        for (int b = 0; b < count; b++) {
            int user = latent.sampleUser(random);
            int anchor = latent.sampleEntity(latent.userGroup[user], random);
            List<Integer> items = new ArrayList<>(6);
            items.add(anchor);
            int[] complements = complementsOf(anchor);
            for (int c : complements) if (random.nextDouble() < COMPLEMENT_SHARE && !items.contains(c)) items.add(c);
            if (items.size() == 1 && complements.length > 0) items.add(complements[random.nextInt(complements.length)]);
            if (random.nextDouble() < BEST_SELLER_SHARE) add(items, bestSellers[random.nextInt(bestSellers.length)]);
            if (random.nextDouble() < NOISE_SHARE) add(items, latent.sampleEntity(latent.userGroup[user], random));
            long t = start + span * b / Math.max(1, count) + random.nextInt(600);
            sink.accept(new Basket(b + 1, user, List.copyOf(items), Math.min(t, start + span - 1)));
        }
    }

    private static void add(List<Integer> items, int item) {
        if (!items.contains(item)) items.add(item);
    }

    public void write(int count, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(dir.resolve(BASKETS), StandardCharsets.UTF_8), 1 << 16)) {
            w.write("order_id,user,item,timestamp\n");
            IOException[] failure = {null};
            baskets(count, basket -> {
                try {
                    for (int item : basket.items()) {
                        w.write(orderId(basket) + "," + spec.userId(basket.user()) + "," + spec.entityId(item) + ","
                                + basket.epochSecond() + "\n");
                    }
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) throw failure[0];
        }
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(dir.resolve(COMPLEMENTS_FILE), StandardCharsets.UTF_8), 1 << 16)) {
            w.write("item,complement\n");
            for (int e = 0; e < spec.entities(); e++) {
                for (int c : complementsOf(e)) w.write(spec.entityId(e) + "," + spec.entityId(c) + "\n");
            }
        }
    }
}
