package dev.lodestone.core.engine.rank;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A few reusable scratch objects shared by request threads without locks: a request takes one from a slot (or gets
 * null and makes its own) and gives it back to an empty slot (or drops it). A lock here would let a request park
 * while it holds the tenant's read lock, which makes writers and then every reader wait behind it.
 */
public final class SlotPool<T> {
    private final AtomicReferenceArray<T> slots;

    public SlotPool(int size) {
        this.slots = new AtomicReferenceArray<>(size);
    }

    /** A pooled object, or null when none is free. */
    public T take() {
        for (int i = 0; i < slots.length(); i++) {
            if (slots.getPlain(i) != null) {
                T t = slots.getAndSet(i, null);
                if (t != null) return t;
            }
        }
        return null;
    }

    /** Returns an object to the pool; dropped when every slot is taken. */
    public void give(T t) {
        for (int i = 0; i < slots.length(); i++) {
            if (slots.getPlain(i) == null && slots.compareAndSet(i, null, t)) return;
        }
    }
}
