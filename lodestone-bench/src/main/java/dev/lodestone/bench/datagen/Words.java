package dev.lodestone.bench.datagen;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/** Pronounceable pseudo-words, unique within one instance, so vocabularies of different groups never overlap. */
final class Words {
    private static final String[] SYLLABLES = {
            "ka", "lo", "mi", "ne", "ru", "ta", "vi", "zo", "ber", "don", "fel", "gar", "hin", "jus", "mor", "pel",
            "quin", "sar", "tor", "wen", "ax", "el", "ori", "ska", "trin", "vel", "yo", "bra", "cus", "dri"};
    private final SplittableRandom random;
    private final Set<String> used = new HashSet<>();

    Words(SplittableRandom random) {
        this.random = random;
    }

    String next() {
        while (true) {
            int syllables = 2 + random.nextInt(2);
            var word = new StringBuilder();
            for (int i = 0; i < syllables; i++) word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            String w = word.toString().toLowerCase(Locale.ROOT);
            if (used.add(w)) return w;
        }
    }

    String[] next(int count) {
        String[] out = new String[count];
        for (int i = 0; i < count; i++) out[i] = next();
        return out;
    }
}
