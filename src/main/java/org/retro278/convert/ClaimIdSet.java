package org.retro278.convert;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.retro278.io.SecureFiles;

/**
 * A set of claim ids that may grow as large as a file has claims without the heap growing with it: kept
 * in an H2 MVStore file in the work directory, created only when the first id is added (most files never
 * need one), deleted on close.
 */
final class ClaimIdSet implements Closeable {
    private final Path dir;
    private Path file;
    private MVStore store;
    private MVMap<String, Boolean> ids;

    ClaimIdSet(Path dir) {
        this.dir = dir;
    }

    void add(String id) throws IOException {
        if (ids == null) {
            file = SecureFiles.createTempFile(dir, "claim-ids");
            Files.delete(file);
            store = new MVStore.Builder().fileName(file.toString()).cacheSize(4).autoCommitDisabled().open();
            ids = store.openMap("ids");
        }
        ids.put(id, Boolean.TRUE);
    }

    boolean contains(String id) {
        return ids != null && ids.containsKey(id);
    }

    boolean isEmpty() {
        return ids == null || ids.isEmpty();
    }

    @Override
    public void close() throws IOException {
        if (store != null) {
            store.closeImmediately();
            Files.deleteIfExists(file);
            store = null;
            ids = null;
        }
    }
}
