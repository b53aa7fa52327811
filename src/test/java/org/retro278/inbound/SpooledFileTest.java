package org.retro278.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.io.SecureFiles;

/** The spool folder at start: the copies a killed run left (partner data no one reads again) are gone. */
class SpooledFileTest {

    @TempDir
    Path tmp;

    @Test
    void theCopiesAKilledRunLeftInTheSpoolFolderAreRemovedAtStart() throws Exception {
        Path spool = tmp.resolve("spool/RIVERSIDE");
        SecureFiles.createPrivateDirectories(spool);
        SecureFiles.createTempFile(spool, "claims");
        SecureFiles.createTempFile(spool, "claims");
        assertEquals(spool, SpooledFile.folder(spool));
        try (Stream<Path> left = Files.list(spool)) {
            assertEquals(List.of(), left.toList());
        }
        assertTrue(Files.isDirectory(SpooledFile.folder(tmp.resolve("spool/WESTSIDE"))), "made when missing");
    }
}
