package org.retro278.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files the adapter writes hold PHI: they are created readable and writable by their owner only, and
 * they appear under their final name atomically (written under a temporary name in the same directory,
 * forced to disk, then renamed).
 */
public final class SecureFiles {

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private SecureFiles() {
    }

    /** Creates missing directories as owner-only (existing ones are left as they are). */
    public static Path createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            createPrivateDirectories(parent);
        }
        try {
            if (POSIX) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
        return dir;
    }

    /** Creates the file if missing, owner-only; an existing file is made owner-only. */
    public static Path createPrivateFile(Path file) throws IOException {
        if (Files.exists(file)) {
            restrict(file);
            return file;
        }
        FileAttribute<?>[] attrs = POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
        try {
            Files.createFile(file, attrs);
        } catch (FileAlreadyExistsException e) {
            restrict(file);
        }
        return file;
    }

    public static void restrict(Path file) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(file, OWNER_FILE);
        }
    }

    /** Makes an existing directory owner-only ({@code rwx------}); its contents are left as they are. */
    public static void restrictDirectory(Path dir) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(dir, OWNER_DIR);
        }
    }

    /**
     * Makes every file ({@code rw-------}) and folder ({@code rwx------}) under {@code dir}, and {@code dir}
     * itself, owner-only: for files a library created with the process umask (H2's database and lock
     * files). Symbolic links are not followed.
     */
    public static void restrictTree(Path dir) throws IOException {
        if (!POSIX || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(p, OWNER_DIR);
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        Files.setPosixFilePermissions(p, OWNER_FILE);
                    } catch (NoSuchFileException e) {
                        // a temporary file the library removed meanwhile
                    }
                }
            }
        }
    }

    /** A fresh owner-only temporary file in {@code dir}, named so that pollers skip it. */
    public static Path createTempFile(Path dir, String prefix) throws IOException {
        createPrivateDirectories(dir);
        FileAttribute<?>[] attrs = POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
        return Files.createTempFile(dir, "." + prefix + "-", ".part", attrs);
    }

    /** Forces a file's content to disk. */
    public static void force(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Forces a directory entry change (a rename) to disk where the platform allows it. */
    public static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open directories; the rename itself is still atomic there
        }
    }

    /** Forces {@code tmp} to disk and renames it to {@code target} atomically, replacing it. */
    public static void publish(Path tmp, Path target) throws IOException {
        force(tmp);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(target.getParent() + ": the file system cannot rename atomically", e);
        }
        forceDirectory(target.toAbsolutePath().getParent());
    }

    /** Writes a whole file atomically and owner-only through a callback. */
    public static void writeAtomically(Path target, IoConsumer<OutputStream> content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = createTempFile(dir, target.getFileName().toString());
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING), 1 << 16)) {
                content.accept(out);
            }
            publish(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** An output callback that may throw {@link IOException}. */
    @FunctionalInterface
    public interface IoConsumer<T> {
        void accept(T t) throws IOException;
    }
}
