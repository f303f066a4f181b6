package dev.lodestone.bench.datagen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Streams a synthetic tenant: first its entities, then its interactions in (nearly) time order. Single threaded
 * and seeded, so the output depends only on the {@link DatasetSpec}.
 */
public final class DatasetGenerator {
    private static final int MEAN_SESSION_LENGTH = 6;
    private static final int MAX_SESSION_LENGTH = 30;

    private final DatasetSpec spec;
    private final LatentStructure latent;

    public DatasetGenerator(DatasetSpec spec) {
        this.spec = spec;
        this.latent = new LatentStructure(spec, new SplittableRandom(spec.seed()));
    }

    public DatasetSpec spec() {
        return spec;
    }

    public LatentStructure latent() {
        return latent;
    }

    /** Calls {@code sink} with each entity's attributes, in index order (entity i has id {@code item_(i+1)}). */
    public void entities(EntitySink sink) {
        var random = new SplittableRandom(spec.seed() ^ 0x5DEECE66DL);
        for (int e = 0; e < spec.entities(); e++) sink.accept(e, attributes(e, random));
    }

    public interface EntitySink {
        void accept(int entityIndex, Map<String, Object> attributes);
    }

    private Map<String, Object> attributes(int e, SplittableRandom random) {
        int g = latent.entityGroup[e];
        var voc = latent.vocabulary[g];
        var a = new LinkedHashMap<String, Object>();
        String brand = random.nextDouble() < 0.85 ? pick(voc.brands(), random) : pick(latent.vocabulary[random.nextInt(latent.groups())].brands(), random);
        a.put("title", capitalise(brand) + " " + pick(voc.words(), random) + " " + pick(voc.words(), random) + " " + pick(latent.noiseWords, random));
        var description = new StringBuilder();
        int words = 10 + random.nextInt(11);
        for (int i = 0; i < words; i++) {
            if (i > 0) description.append(' ');
            description.append(random.nextDouble() < 0.6 ? pick(voc.words(), random) : pick(latent.noiseWords, random));
        }
        a.put("description", description.toString());
        a.put("category", random.nextDouble() < 0.9 ? voc.category() : latent.vocabulary[random.nextInt(latent.groups())].category());
        a.put("brand", brand);
        List<Object> tags = new ArrayList<>(4);
        int tagCount = 2 + random.nextInt(3);
        for (int attempts = 0; tags.size() < tagCount && attempts < 20; attempts++) {
            String tag = random.nextDouble() < 0.8 ? pick(voc.tags(), random) : pick(latent.sharedTags, random);
            if (!tags.contains(tag)) tags.add(tag);
        }
        a.put("tags", tags);
        double price = latent.groupBasePrice[g] * Math.exp(0.3 * random.nextGaussian());
        a.put("price", Math.round(price * 100) / 100.0);
        a.put("in_stock", random.nextDouble() < 0.9);
        return a;
    }

    /**
     * Calls {@code sink} for every interaction with one reused {@link SyntheticInteraction}. Sessions start in time
     * order spread over {@code days}; each event is for the user's own group with probability {@code affinity}.
     */
    public void interactions(Consumer<SyntheticInteraction> sink) {
        var random = new SplittableRandom(spec.seed() ^ 0x2545F4914F6CDD1DL);
        var event = new SyntheticInteraction();
        long startSecond = spec.start().getEpochSecond();
        long spanSeconds = spec.days() * 86_400L;
        long emitted = 0;
        long session = 0;
        while (emitted < spec.interactions()) {
            session++;
            int user = latent.sampleUser(random);
            int ownGroup = latent.userGroup[user];
            long t = startSecond + (long) ((double) spanSeconds * emitted / spec.interactions()) + random.nextInt(3600);
            int length = sessionLength(random);
            for (int i = 0; i < length && emitted < spec.interactions(); i++, emitted++) {
                boolean own = latent.groups() == 1 || random.nextDouble() < spec.affinity();
                int group = own ? ownGroup : otherGroup(ownGroup, random);
                event.user = user;
                event.entity = latent.sampleEntity(group, random);
                event.kind = InteractionKind.sample(random.nextDouble());
                boolean ownEntity = latent.entityGroup[event.entity] == ownGroup;
                // people dislike what is not to their taste; a "dislike" of their own kind of item is just a view
                if (event.kind == InteractionKind.DISLIKE && ownEntity) event.kind = InteractionKind.VIEW;
                event.rating = event.kind == InteractionKind.RATING
                        ? (ownEntity ? 3.5 + 0.5 * random.nextInt(4) : 1 + 0.5 * random.nextInt(5))
                        : Double.NaN;
                t += 5 + random.nextInt(115);
                event.epochSecond = Math.min(t, startSecond + spanSeconds - 1);
                event.session = session;
                sink.accept(event);
            }
        }
    }

    private int otherGroup(int own, SplittableRandom random) {
        int g = random.nextInt(latent.groups() - 1);
        return g >= own ? g + 1 : g;
    }

    private static int sessionLength(SplittableRandom random) {
        // geometric with the given mean, capped
        double p = 1.0 / MEAN_SESSION_LENGTH;
        int n = 1 + (int) (Math.log(1 - random.nextDouble()) / Math.log(1 - p));
        return Math.min(n, MAX_SESSION_LENGTH);
    }

    private static String pick(String[] words, SplittableRandom random) {
        return words[random.nextInt(words.length)];
    }

    private static String capitalise(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
}
