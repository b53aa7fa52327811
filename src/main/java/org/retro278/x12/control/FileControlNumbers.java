package org.retro278.x12.control;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import org.retro278.io.SecureFiles;

/**
 * Control numbers kept in a small properties file ({@code next.interchange=42} ...), for the offline
 * converter and any single-host installation without the database store.
 *
 * <p>Each reservation takes an exclusive OS lock on a companion {@code .lock} file (so concurrent
 * processes queue up), reads the file, writes the advanced values to a temporary file, forces it to
 * disk and renames it over the old one atomically, then forces the directory. A crash at any point
 * leaves either the old or the new file, never a torn one; a crash after the rename loses the reserved
 * numbers (they are never reused), which is the safe side. The file may be edited by hand to seed the
 * counters (for example in a test, or to continue a sequence from another system) while nothing runs.
 */
public final class FileControlNumbers implements ControlNumbers {

    private final Path file;
    private final Path lockFile;
    /** FileChannel locks are per JVM; threads of this JVM queue here first. */
    private final ReentrantLock jvmLock = new ReentrantLock();

    public FileControlNumbers(Path file) throws IOException {
        this.file = file.toAbsolutePath();
        this.lockFile = this.file.resolveSibling(this.file.getFileName() + ".lock");
        SecureFiles.createPrivateDirectories(this.file.getParent());
    }

    public Path file() {
        return file;
    }

    @Override
    public long reserve(ControlNumberKind kind, int count) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        SecureFiles.createPrivateFile(lockFile);
        jvmLock.lock();
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            Map<ControlNumberKind, Long> next = read();
            long first = next.get(kind);
            if (first - 1 + count > ControlNumberKind.MAX) {
                throw new ControlNumbersExhaustedException(kind, first, count);
            }
            next.put(kind, first + count);
            write(next);
            return first;
        } finally {
            jvmLock.unlock();
        }
    }

    /** The next number of each kind, without reserving anything. */
    public Map<ControlNumberKind, Long> peek() throws IOException {
        SecureFiles.createPrivateFile(lockFile);
        jvmLock.lock();
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            return read();
        } finally {
            jvmLock.unlock();
        }
    }

    private Map<ControlNumberKind, Long> read() throws IOException {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        Map<ControlNumberKind, Long> next = new EnumMap<>(ControlNumberKind.class);
        for (ControlNumberKind k : ControlNumberKind.values()) {
            String v = p.getProperty("next." + k.key(), "1").trim();
            long n;
            try {
                n = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IOException(file + ": next." + k.key() + " is not a number");
            }
            if (n < 1 || n > ControlNumberKind.MAX + 1) {
                throw new IOException(file + ": next." + k.key() + " must be from 1 to " + (ControlNumberKind.MAX + 1));
            }
            next.put(k, n);
        }
        return next;
    }

    private void write(Map<ControlNumberKind, Long> next) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(SecureFiles.createPrivateFile(tmp), StandardCharsets.UTF_8,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            w.write("# retro278 control numbers: the next value of each; never lower them while anything has been sent\n");
            for (Map.Entry<ControlNumberKind, Long> e : next.entrySet()) {
                w.write("next." + e.getKey().key() + "=" + e.getValue() + "\n");
            }
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(file.getParent() + ": the file system cannot rename atomically; control numbers need it", e);
        }
        SecureFiles.forceDirectory(file.getParent());
    }
}
