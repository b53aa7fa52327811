package org.retro278.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureFilesTest {

    @TempDir
    Path dir;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private List<Path> everything() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).toList();
        }
    }

    @Test
    void foldersAndFilesItCreatesAreOwnerOnlyAndAnExistingFileIsRestricted() throws IOException {
        Path deep = SecureFiles.createPrivateDirectories(dir.resolve("a/b/c"));
        for (Path p : List.of(dir.resolve("a"), dir.resolve("a/b"), deep)) {
            assertEquals("rwx------", mode(p), p.toString());
        }
        Path fresh = SecureFiles.createPrivateFile(deep.resolve("claims.csv"));
        assertEquals("rw-------", mode(fresh));
        Path open = Files.writeString(dir.resolve("open.txt"), "x");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        SecureFiles.createPrivateFile(open);
        assertEquals("rw-------", mode(open));
        assertEquals("x", Files.readString(open), "an existing file keeps its content");
    }

    @Test
    void aFileWrittenAtomicallyAppearsWholeAndOwnerOnlyAndATemporaryNameIsADotFile() throws IOException {
        Path target = dir.resolve("status.csv");
        Files.writeString(target, "old");
        SecureFiles.writeAtomically(target, out -> out.write("new content".getBytes(StandardCharsets.UTF_8)));
        assertEquals("new content", Files.readString(target));
        assertEquals("rw-------", mode(target));
        assertEquals(List.of(target), everything(), "no temporary file left");
        Path tmp = SecureFiles.createTempFile(dir, "x");
        assertTrue(tmp.getFileName().toString().startsWith(".x-") && tmp.getFileName().toString().endsWith(".part"), tmp.toString());
        assertEquals("rw-------", mode(tmp));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("status.csv");
        Files.writeString(target, "old");
        IOException e = assertThrows(IOException.class, () -> SecureFiles.writeAtomically(target, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), everything());
        assertFalse(Files.exists(dir.resolve(".status.csv.part")));
    }
}
