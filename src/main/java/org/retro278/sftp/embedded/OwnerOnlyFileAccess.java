package org.retro278.sftp.embedded;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.sshd.sftp.server.DirectoryHandle;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File access of the embedded server's SFTP subsystem: what clients create is owner-only (files
 * {@code rw-------}, folders {@code rwx------}) whatever permissions they ask for, a later chmod cannot
 * open them to group or others, and links are neither created nor followed.
 *
 * <p>MINA SSHD's rooted file system keeps a client's path names inside its home, but it follows a
 * symbolic link that already exists on the server's disk wherever it points. Here no link is served:
 * a path with a link anywhere in it (a folder or the file itself) is refused before anything is done
 * with it (open, list, stat, rename, remove, mkdir), files are opened with {@code O_NOFOLLOW}, listings
 * leave links out (so a link in a drop folder is never read), and attributes are always those of the
 * entry itself. Refusals are logged without the file name (names can carry PHI).
 */
final class OwnerOnlyFileAccess implements SftpFileSystemAccessor {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnlyFileAccess.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_BITS = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

    @Override
    public Path resolveLocalFilePath(SftpSubsystemProxy subsystem, Path rootDir, String remotePath)
            throws IOException, InvalidPathException {
        Path resolved = SftpFileSystemAccessor.super.resolveLocalFilePath(subsystem, rootDir, remotePath).normalize();
        refuseLinks(subsystem, resolved);
        return resolved;
    }

    @Override
    public LinkOption[] resolveFileAccessLinkOptions(SftpSubsystemProxy subsystem, Path file, int cmd, String extension,
            boolean followLinks) {
        return NO_FOLLOW.clone();
    }

    @Override
    public SeekableByteChannel openFile(SftpSubsystemProxy subsystem, FileHandle fileHandle, Path file, String handle,
            Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        refuseLinks(subsystem, file);
        Set<OpenOption> noFollow = new HashSet<>(options);
        noFollow.add(LinkOption.NOFOLLOW_LINKS);
        FileAttribute<?>[] effective = attrs;
        if (POSIX && (options.contains(StandardOpenOption.CREATE) || options.contains(StandardOpenOption.CREATE_NEW))) {
            effective = new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)};
        }
        return SftpFileSystemAccessor.super.openFile(subsystem, fileHandle, file, handle, noFollow, effective);
    }

    @Override
    public DirectoryStream<Path> openDirectory(SftpSubsystemProxy subsystem, DirectoryHandle dirHandle, Path dir,
            String handle, LinkOption... linkOptions) throws IOException {
        refuseLinks(subsystem, dir);
        return Files.newDirectoryStream(dir, entry -> {
            if (Files.isSymbolicLink(entry)) {
                LOG.warn("Embedded SFTP server: a symbolic link in the home of account '{}' is not served", account(subsystem));
                return false;
            }
            return true;
        });
    }

    @Override
    public void renameFile(SftpSubsystemProxy subsystem, Path oldPath, Path newPath, Collection<CopyOption> opts)
            throws IOException {
        refuseLinks(subsystem, oldPath);
        refuseLinks(subsystem, newPath);
        SftpFileSystemAccessor.super.renameFile(subsystem, oldPath, newPath, noFollow(opts));
    }

    @Override
    public void copyFile(SftpSubsystemProxy subsystem, Path src, Path dst, Collection<CopyOption> opts) throws IOException {
        refuseLinks(subsystem, src);
        refuseLinks(subsystem, dst);
        SftpFileSystemAccessor.super.copyFile(subsystem, src, dst, noFollow(opts));
    }

    private static List<CopyOption> noFollow(Collection<CopyOption> opts) {
        List<CopyOption> options = new ArrayList<>(opts == null ? List.of() : opts);
        options.add(LinkOption.NOFOLLOW_LINKS);
        return options;
    }

    @Override
    public void removeFile(SftpSubsystemProxy subsystem, Path path, boolean isDirectory) throws IOException {
        refuseLinks(subsystem, path);
        SftpFileSystemAccessor.super.removeFile(subsystem, path, isDirectory);
    }

    @Override
    public void createDirectory(SftpSubsystemProxy subsystem, Path path) throws IOException {
        refuseLinks(subsystem, path);
        if (POSIX) {
            Files.createDirectory(path, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        } else {
            Files.createDirectory(path);
        }
    }

    @Override
    public void setFilePermissions(SftpSubsystemProxy subsystem, Path file, Set<PosixFilePermission> perms,
            LinkOption... options) throws IOException {
        refuseLinks(subsystem, file);
        Set<PosixFilePermission> owner = EnumSet.noneOf(PosixFilePermission.class);
        owner.addAll(perms);
        owner.retainAll(OWNER_BITS);
        SftpFileSystemAccessor.super.setFilePermissions(subsystem, file, owner, NO_FOLLOW.clone());
    }

    @Override
    public void createLink(SftpSubsystemProxy subsystem, Path link, Path existing, boolean symLink) throws IOException {
        throw new AccessDeniedException(link.getFileName() == null ? "/" : link.getFileName().toString(), null,
                "links are not allowed on this server");
    }

    @Override
    public String resolveLinkTarget(SftpSubsystemProxy subsystem, Path link) throws IOException {
        throw new AccessDeniedException(link.getFileName() == null ? "/" : link.getFileName().toString(), null,
                "links are not served by this server");
    }

    /**
     * Refuses {@code path} when it, or any folder on the way to it from the home, is a symbolic link
     * (the path is normalised first, as the rooted file system resolves it).
     */
    static void refuseLinks(SftpSubsystemProxy subsystem, Path path) throws AccessDeniedException {
        Path normal = path.normalize();
        Path root = normal.getRoot();
        if (root == null) {
            root = normal.getFileSystem().getPath("/");
            normal = root.resolve(normal).normalize();
        }
        Path step = root;
        for (Path name : normal) {
            step = step.resolve(name);
            if (Files.isSymbolicLink(step)) {
                LOG.warn("Embedded SFTP server: refused a path through a symbolic link for account '{}'", account(subsystem));
                throw new AccessDeniedException(normal.getFileName() == null ? "/" : normal.getFileName().toString(), null,
                        "symbolic links are not served by this server");
            }
        }
    }

    private static String account(SftpSubsystemProxy subsystem) {
        return subsystem == null || subsystem.getServerSession() == null ? "?" : subsystem.getServerSession().getUsername();
    }
}
