package dev.lodestone.bench.datagen;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lodestone.bench.cli.Progress;
import dev.lodestone.bench.cli.TargetOptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * Loads generated baskets into a running server the way a shop plugin reports its orders: one
 * {@code POST /api/v1/interactions} with {@code order_id} and {@code items} per basket (one purchase per item, stored
 * atomically, idempotent on the order id), so that complements and bundles learn from them as from a live shop.
 * Run after the catalogue is loaded, so that every item resolves to its product.
 */
public final class OrderLoader {
    static final String PATH = "/api/v1/interactions";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OrderLoader() {
    }

    /** @return true when the server accepted every order */
    public static boolean load(BasketGenerator baskets, DatasetSpec spec, int count, TargetOptions target, int concurrency,
                               boolean showProgress, PrintStream report) throws InterruptedException {
        var json = new DatasetJson(spec);
        var progress = new Progress("orders", count, showProgress);
        var uploader = new BulkUploader(target, concurrency, progress);
        InterruptedException[] interrupted = {null};
        baskets.baskets(count, basket -> {
            if (interrupted[0] != null) return;
            try {
                uploader.submit(PATH, body(json, basket), 1);
            } catch (InterruptedException e) {
                interrupted[0] = e;
            }
        });
        if (interrupted[0] != null) throw interrupted[0];
        uploader.drain();
        progress.close();
        report.printf("%-13s accepted %,d, failed %,d%n", "orders", uploader.successful.get(), uploader.failed.get());
        for (String e : uploader.errors) report.println("  " + e);
        return uploader.failed.get() == 0;
    }

    private static byte[] body(DatasetJson json, BasketGenerator.Basket basket) {
        var buffer = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(buffer)) {
            json.writeOrder(g, basket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }
}
