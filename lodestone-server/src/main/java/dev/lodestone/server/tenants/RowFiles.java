package dev.lodestone.server.tenants;

import dev.lodestone.core.engine.TenantModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The tenants' saved neighbour rows (item-kNN and content), one file per tenant under {@code DATA_DIR/rows}: derived
 * data local to this node, so that a restart installs them instead of computing them (the item-kNN rows are in the
 * load's critical path; content rows would otherwise be computed by the first requests and a background warm-up).
 * Written after the start-up warm-up and at shutdown; a missing, unreadable or unwritable file only costs the
 * computation. Rows are checked against the loaded data when installed, so an old file is safe.
 */
public final class RowFiles {
    private static final Logger log = LoggerFactory.getLogger(RowFiles.class);

    private final Path dir;

    public RowFiles(Path dataDir) {
        this.dir = dataDir.resolve("rows");
    }

    /** Hands the tenant's saved rows to its loader (before the load feeds it), when there are any. */
    public void restore(String tenantId, TenantModel.Loader loader) {
        Path file = fileOf(tenantId);
        if (!Files.isRegularFile(file)) return;
        try (InputStream in = Files.newInputStream(file)) {
            loader.restoreRows(in);
        } catch (IOException | RuntimeException e) {
            log.warn("tenant {}: saved rows in {} not usable, computing them: {}", tenantId, file, e.toString());
        }
    }

    /** Saves the model's current rows (replacing the file atomically). */
    public void save(TenantModel model) {
        Path file = fileOf(model.tenantId());
        long start = System.nanoTime();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "rows", ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    model.saveRows(out);
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            log.info("tenant {}: neighbour rows saved ({} MB) in {} ms", model.tenantId(), Files.size(file) >> 20,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            log.warn("tenant {}: could not save neighbour rows to {}: {}", model.tenantId(), dir, e.toString());
        }
    }

    /** Removes the tenant's file (the tenant was deleted): a tenant created later under the same id starts clean. */
    public void delete(String tenantId) {
        Path file = fileOf(tenantId);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("tenant {}: could not remove its saved rows {}: {}", tenantId, file, e.toString());
        }
    }

    /** Tenant ids may hold any character: the file is named by a hash of the id. */
    private Path fileOf(String tenantId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(tenantId.getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(digest, 0, 16) + ".rows");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
