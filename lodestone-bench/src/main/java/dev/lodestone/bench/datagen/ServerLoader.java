package dev.lodestone.bench.datagen;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lodestone.bench.cli.Progress;
import dev.lodestone.bench.cli.TargetOptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/** Loads a generated tenant into a running server through the bulk endpoints: all entities first, then interactions. */
public final class ServerLoader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerLoader() {
    }

    /** @return true when the server accepted every record */
    public static boolean load(DatasetGenerator generator, TargetOptions target, int batchSize, int concurrency,
                               boolean showProgress, PrintStream report) throws IOException, InterruptedException {
        var spec = generator.spec();
        var json = new DatasetJson(spec);

        var entityProgress = new Progress("entities", spec.entities(), showProgress);
        var entities = new BulkUploader(target, concurrency, entityProgress);
        try (var batch = new Batch("entities", "/api/v1/entities/bulk", batchSize, entities)) {
            generator.entities((e, attributes) -> batch.add(g -> json.writeEntity(g, e, attributes)));
        }
        entities.drain();
        entityProgress.close();

        var interactionProgress = new Progress("interactions", spec.interactions(), showProgress);
        var interactions = new BulkUploader(target, concurrency, interactionProgress);
        try (var batch = new Batch("interactions", "/api/v1/interactions/bulk", batchSize, interactions)) {
            generator.interactions(i -> batch.add(g -> json.writeInteraction(g, i)));
        }
        interactions.drain();
        interactionProgress.close();

        summarise(report, "entities", entities);
        summarise(report, "interactions", interactions);
        return entities.failed.get() == 0 && interactions.failed.get() == 0;
    }

    private static void summarise(PrintStream report, String what, BulkUploader u) {
        report.printf("%-13s accepted %,d, failed %,d (%,d failed requests)%n", what, u.successful.get(), u.failed.get(), u.failedRequests.get());
        for (String e : u.errors) report.println("  " + e);
    }

    private interface JsonWrite {
        void write(JsonGenerator g) throws IOException;
    }

    /** Accumulates one bulk body ({@code {"<key>":[...]}}) and submits it when full. */
    private static final class Batch implements AutoCloseable {
        private final String key;
        private final String path;
        private final int size;
        private final BulkUploader uploader;
        private ByteArrayOutputStream buffer;
        private JsonGenerator g;
        private int count;

        Batch(String key, String path, int size, BulkUploader uploader) {
            this.key = key;
            this.path = path;
            this.size = size;
            this.uploader = uploader;
        }

        void add(JsonWrite item) {
            try {
                if (g == null) open();
                item.write(g);
                if (++count == size) flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void open() throws IOException {
            buffer = new ByteArrayOutputStream(size * 256);
            g = JSON.createGenerator(buffer);
            g.writeStartObject();
            g.writeArrayFieldStart(key);
        }

        private void flush() throws IOException {
            g.writeEndArray();
            g.writeEndObject();
            g.close();
            try {
                uploader.submit(path, buffer.toByteArray(), count);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while uploading", e);
            }
            g = null;
            count = 0;
        }

        @Override
        public void close() throws IOException {
            if (g != null && count > 0) flush();
        }
    }
}
