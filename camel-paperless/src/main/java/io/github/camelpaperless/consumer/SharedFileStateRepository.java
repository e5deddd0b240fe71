package io.github.camelpaperless.consumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * A {@link StateRepository} in a properties file that several Camel instances (processes or contexts) on one host or a
 * shared disk can share: every read goes to the file, every write replaces it atomically under a file lock. Use it for
 * consumers that fail over between instances; Camel's {@code FileStateRepository} keeps a cache and rewrites the file
 * from it on stop, so it must not be shared.
 * <p>
 * Writes are fenced ({@link FencedStateRepository}): each key's epoch and holder are kept in the file next to it
 * ({@code fence.epoch.<key>}, {@code fence.holder.<key>}). For instances on several hosts, use
 * {@link JdbcStateRepository}.
 */
public class SharedFileStateRepository extends ServiceSupport implements FencedStateRepository {

    private static final String EPOCH = "fence.epoch.";
    private static final String HOLDER = "fence.holder.";

    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private Path file;

    public SharedFileStateRepository() {
    }

    public SharedFileStateRepository(Path file) {
        setFile(file);
    }

    public Path getFile() {
        return file;
    }

    public void setFile(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    /** For property binding: the file path. */
    public void setFileName(String fileName) {
        setFile(Paths.get(fileName));
    }

    @Override
    public String getState(String key) {
        return locked(() -> read().get(key));
    }

    @Override
    public void setState(String key, String value) {
        locked(() -> {
            Map<String, String> all = read();
            all.put(key, value);
            write(all);
            return null;
        });
    }

    @Override
    public String update(String key, java.util.function.UnaryOperator<String> change) {
        return locked(() -> {
            Map<String, String> all = read();
            String next = change.apply(all.get(key));
            all.put(key, next);
            write(all);
            return next;
        });
    }

    @Override
    public long takeOver(String key, String owner) {
        return locked(() -> {
            Map<String, String> all = read();
            long epoch = epoch(all, key) + 1;
            all.put(EPOCH + key, Long.toString(epoch));
            if (owner != null) {
                all.put(HOLDER + key, owner);
            }
            write(all);
            return epoch;
        });
    }

    @Override
    public boolean setState(String key, String value, long epoch) {
        return locked(() -> {
            Map<String, String> all = read();
            if (epoch(all, key) != epoch) {
                return false;
            }
            all.put(key, value);
            write(all);
            return true;
        });
    }

    @Override
    public Holder holder(String key) {
        return locked(() -> {
            Map<String, String> all = read();
            return new Holder(epoch(all, key), all.get(HOLDER + key));
        });
    }

    private static long epoch(Map<String, String> all, String key) {
        String e = all.get(EPOCH + key);
        return e == null ? 0 : Long.parseLong(e);
    }

    private interface Action<T> {
        T run() throws IOException;
    }

    private <T> T locked(Action<T> action) {
        if (file == null) {
            throw new IllegalStateException("SharedFileStateRepository needs a file");
        }
        ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
        jvm.lock();
        try {
            Files.createDirectories(file.getParent());
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                return action.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("State file " + file + ": " + e.getMessage(), e);
        } finally {
            jvm.unlock();
        }
    }

    private Map<String, String> read() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        }
        return out;
    }

    private void write(Map<String, String> all) throws IOException {
        Properties p = new Properties();
        p.putAll(all);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (var w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "camel-paperless consumer positions");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String toString() {
        return "SharedFileStateRepository[" + file + "]";
    }
}
