package org.retro278.mapping;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * What the grouping of one file must remember: the claim ids already handed on (with their first row),
 * the ids of split claims, and the rows of split claims gathered for their second delivery.
 *
 * <p>So that memory does not grow with the file, the ids handed on stay in memory only up to {@value
 * #IDS_IN_MEMORY}; beyond that, and as soon as a claim is split, everything goes to an H2 MVStore in a
 * temporary file of its own (owner-only permissions where the file system has them), deleted on {@link
 * #close()}: it holds claim ids and the cells of split claims, which are PHI. A small file with no split
 * claim never touches the disk.
 */
final class SplitClaimStore implements AutoCloseable {

    /** Claim ids kept in memory before the store moves to disk: about 1 MB. */
    static final int IDS_IN_MEMORY = 10_000;

    /** MVStore's page cache, in MB: the store's share of the heap. */
    private static final int CACHE_MB = 4;

    private final Path tempDir;
    private final int idsInMemory;
    private Map<String, Long> handedOnInMemory = new HashMap<>();

    private Path file;
    private MVStore store;
    private MVMap<String, Long> handedOn;
    private MVMap<String, Long> split;
    private MVMap<String, byte[]> splitRows;

    SplitClaimStore(Path tempDir) {
        this(tempDir, IDS_IN_MEMORY);
    }

    SplitClaimStore(Path tempDir, int idsInMemory) {
        this.tempDir = tempDir;
        this.idsInMemory = idsInMemory;
    }

    /** The first row of the claim handed on under this id, or {@code null} when none was. */
    Long handedOn(String claimId) {
        return store == null ? handedOnInMemory.get(claimId) : handedOn.get(claimId);
    }

    void markHandedOn(String claimId, long firstRow) {
        if (store != null) {
            handedOn.put(claimId, firstRow);
            return;
        }
        handedOnInMemory.put(claimId, firstRow);
        if (handedOnInMemory.size() > idsInMemory) {
            moveToDisk();
        }
    }

    /** Marks a claim as split; {@code true} the first time. */
    boolean markSplit(String claimId, long firstRow) {
        moveToDisk();
        return split.putIfAbsent(claimId, firstRow) == null;
    }

    boolean isSplit(String claimId) {
        return store != null && split.containsKey(claimId);
    }

    /** Whether the store has moved to its temporary file. */
    boolean onDisk() {
        return store != null;
    }

    /** Keeps a row of a split claim for its second delivery. */
    void keep(ClaimRow row) {
        Long firstRow = split.get(row.get(ClaimGrouper.CLAIM_ID));
        if (firstRow == null) {
            throw new IllegalArgumentException("row " + row.row() + " does not belong to a split claim");
        }
        splitRows.put(key(firstRow, row.row()), encode(row));
    }

    /** The split claims, complete, in the order of their first rows; their rows in file order. */
    Iterator<ClaimGroup> splitClaims() {
        if (store == null) {
            return Collections.emptyIterator();
        }
        Cursor<String, byte[]> cursor = splitRows.cursor(null);
        return new Iterator<>() {
            private ClaimRow next = advance();

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public ClaimGroup next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                String claimId = next.get(ClaimGrouper.CLAIM_ID);
                List<ClaimRow> rows = new ArrayList<>();
                while (next != null && claimId.equals(next.get(ClaimGrouper.CLAIM_ID))) {
                    rows.add(next);
                    next = advance();
                }
                return new ClaimGroup(claimId, rows);
            }

            private ClaimRow advance() {
                if (!cursor.hasNext()) {
                    return null;
                }
                cursor.next();
                return decode(cursor.getValue());
            }
        };
    }

    @Override
    public void close() throws IOException {
        if (store == null) {
            return;
        }
        try {
            store.closeImmediately();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void moveToDisk() {
        if (store != null) {
            return;
        }
        try {
            file = Files.createTempFile(tempDir, "retro278-claims-", ".mv");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the claim-id store in " + tempDir, e);
        }
        try {
            store = new MVStore.Builder().fileName(file.toString()).cacheSize(CACHE_MB).open();
        } catch (RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        handedOn = store.openMap("handedOn");
        split = store.openMap("split");
        splitRows = store.openMap("splitRows");
        handedOn.putAll(handedOnInMemory);
        handedOnInMemory = null;
    }

    /** Sorts by the claim's first row, then the row: fixed width, so text order is number order. */
    private static String key(long firstRow, long row) {
        return String.format("%019d:%019d", firstRow, row);
    }

    private static byte[] encode(ClaimRow row) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(row.row());
            out.writeLong(row.lastLine());
            writeText(out, row.defect());
            out.writeInt(row.cells().size());
            for (Map.Entry<String, String> cell : row.cells().entrySet()) {
                writeText(out, cell.getKey());
                writeText(out, cell.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static ClaimRow decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            long row = in.readLong();
            long lastLine = in.readLong();
            String defect = readText(in);
            int size = in.readInt();
            Map<String, String> cells = new HashMap<>(size * 2);
            for (int i = 0; i < size; i++) {
                cells.put(readText(in), readText(in));
            }
            return new ClaimRow(row, cells, defect, lastLine);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readText(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
