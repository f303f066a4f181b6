package dev.lodestone.core.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Bounded cache of computed lists. Keys include the model's version stamp, so a write makes every older entry
 * unreachable at once (they age out of the bound); an entry is never served after a write that could change it.
 */
final class ResultCache {
    private final Cache<Key, Object> cache;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** @param minute time bucket: trending decay and history decay move with the clock */
    record Key(Object query, long version, long minute) {
    }

    /** @param ttl longest life of an entry; zero: nothing is cached (every request computes) */
    ResultCache(long maximumSize, java.time.Duration ttl) {
        this.cache = ttl.isZero() ? null : Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(ttl).build();
    }

    @SuppressWarnings("unchecked")
    <T> T get(Key key, Supplier<T> compute) {
        if (cache == null) {
            misses.increment();
            return compute.get();
        }
        Object cached = cache.getIfPresent(key);
        if (cached != null) {
            hits.increment();
            return (T) cached;
        }
        misses.increment();
        T value = compute.get();
        cache.put(key, value);
        return value;
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }

    void clear() {
        if (cache != null) cache.invalidateAll();
    }
}
