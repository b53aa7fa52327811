package org.retro278.sftp.embedded;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;

/**
 * File access of the embedded server's SFTP subsystem: what clients create is owner-only (files
 * {@code rw-------}, folders {@code rwx------}) whatever permissions they ask for, a later chmod cannot
 * open them to group or others, and links cannot be created (a link is the classic way out of a home).
 */
final class OwnerOnlyFileAccess implements SftpFileSystemAccessor {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_BITS = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    @Override
    public SeekableByteChannel openFile(SftpSubsystemProxy subsystem, FileHandle fileHandle, Path file, String handle,
            Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        FileAttribute<?>[] effective = attrs;
        if (POSIX && (options.contains(StandardOpenOption.CREATE) || options.contains(StandardOpenOption.CREATE_NEW))) {
            effective = new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)};
        }
        return SftpFileSystemAccessor.super.openFile(subsystem, fileHandle, file, handle, options, effective);
    }

    @Override
    public void createDirectory(SftpSubsystemProxy subsystem, Path path) throws IOException {
        if (POSIX) {
            Files.createDirectory(path, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        } else {
            Files.createDirectory(path);
        }
    }

    @Override
    public void setFilePermissions(SftpSubsystemProxy subsystem, Path file, Set<PosixFilePermission> perms,
            LinkOption... options) throws IOException {
        Set<PosixFilePermission> owner = EnumSet.noneOf(PosixFilePermission.class);
        owner.addAll(perms);
        owner.retainAll(OWNER_BITS);
        SftpFileSystemAccessor.super.setFilePermissions(subsystem, file, owner, options);
    }

    @Override
    public void createLink(SftpSubsystemProxy subsystem, Path link, Path existing, boolean symLink) throws IOException {
        throw new AccessDeniedException(link.getFileName() == null ? "/" : link.getFileName().toString(), null,
                "links are not allowed on this server");
    }
}
