package dev.lodestone.store.sqlite;

import dev.lodestone.store.StoreException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One Lodestone per data directory: an OS lock on {@code lodestone.lock} in it, held while the store is open, with
 * the holder's pid written inside so that a second process can say who holds it. The OS drops the lock when the
 * holder dies, even by SIGKILL, so a stale file never blocks a restart.
 */
final class DataDirLock implements AutoCloseable {
    static final String FILE_NAME = "lodestone.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws StoreException naming the holder's pid when another process (or store) holds the directory */
    static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisProcess) {
                lock = null;
            }
            if (lock == null) {
                throw new StoreException("another Lodestone (pid " + holder(channel) + ") uses " + dataDir
                        + "; stop it or give this one another data directory (DATA_DIR)");
            }
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(false);
            return new DataDirLock(channel, lock);
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            if (e instanceof StoreException s) throw s;
            throw new StoreException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** The pid the holder wrote, or "unknown" while it has not yet written it. */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
        return text.matches("\\d+") ? text : "unknown";
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            lock.release();
        }
    }
}
