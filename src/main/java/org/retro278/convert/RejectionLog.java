package org.retro278.convert;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.retro278.io.CsvCell;
import org.retro278.io.SecureFiles;
import org.retro278.rules.ClaimRules.Refused;
import org.retro278.rules.Rejection;
import org.retro278.rules.RejectionCode;

/**
 * The rejections of a conversion, spooled to an owner-only temporary file as they come and written at
 * the end as the rejection report: a CSV with one line per reason (claim_id, rows, field, code, reason),
 * so that a practice system can read it and a person can open it (cells are spreadsheet-safe: {@link
 * CsvCell}). It may quote the values that were
 * wrong, which is why it is a file for the practice and never a log.
 */
final class RejectionLog implements Closeable {

    static final String HEADER = "claim_id,rows,field,code,reason";
    /** The longest text a report cell quotes. */
    static final int MAX_CELL = 2000;

    private final Path spool;
    private final DataOutputStream out;
    private long entries;

    RejectionLog(Path workDir) throws IOException {
        this.spool = SecureFiles.createTempFile(workDir, "rejections");
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spool, StandardOpenOption.WRITE), 1 << 14));
    }

    /** Records the reasons of one refused claim. */
    void add(String claimId, boolean redelivered, List<Rejection> reasons) throws IOException {
        writeLong(claimId == null ? "" : claimId);
        out.writeBoolean(claimId == null);
        out.writeBoolean(redelivered);
        out.writeInt(reasons.size());
        for (Rejection r : reasons) {
            out.writeInt(r.rows().size());
            for (Long row : r.rows()) {
                out.writeLong(row);
            }
            writeLong(r.field() == null ? "" : r.field());
            out.writeUTF(r.code().name());
            writeLong(r.message());
        }
        entries++;
    }

    /** Text of any length (writeUTF stops at 64 KB). */
    private void writeLong(String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readLong(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * Writes the report (always, with its header line, so that automation can rely on it) and returns
     * how many claims it names, handing each refused claim as it ended up in the report to {@code each}
     * (its claim id and reasons; the log keeps neither payer nor service dates). Refusals of claims in
     * {@code retracted} that are not their complete re-delivery are left out.
     */
    long finish(ClaimIdSet retracted, Path report, Consumer<Refused> each) throws IOException {
        out.close();
        long[] claims = {0};
        SecureFiles.writeAtomically(report, os -> {
            Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
            w.write(HEADER);
            w.write("\n");
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spool), 1 << 14))) {
                for (long e = 0; e < entries; e++) {
                    String claimId = readLong(in);
                    boolean noId = in.readBoolean();
                    boolean redelivered = in.readBoolean();
                    int n = in.readInt();
                    List<Rejection> reasons = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        int rc = in.readInt();
                        List<Long> rows = new ArrayList<>(rc);
                        for (int j = 0; j < rc; j++) {
                            rows.add(in.readLong());
                        }
                        String field = readLong(in);
                        RejectionCode code = RejectionCode.valueOf(in.readUTF());
                        reasons.add(new Rejection(noId ? null : claimId, rows, field.isEmpty() ? null : field, code,
                                readLong(in)));
                    }
                    if (!noId && !redelivered && retracted.contains(claimId)) {
                        continue;
                    }
                    claims[0]++;
                    for (Rejection r : reasons) {
                        w.write(cell(noId ? "" : claimId));
                        w.write(',');
                        w.write(CsvCell.of(String.join(" ", r.rows().stream().map(String::valueOf).toList())));
                        w.write(',');
                        w.write(cell(Objects.toString(r.field(), "")));
                        w.write(',');
                        w.write(CsvCell.of(r.code().name()));
                        w.write(',');
                        w.write(cell(r.message()));
                        w.write("\n");
                    }
                    each.accept(new Refused(noId ? null : claimId, null, reasons));
                }
            }
            w.flush();
        });
        return claims[0];
    }

    /**
     * A report cell: at most {@value #MAX_CELL} characters of the value (a value the rules refused for its
     * length may be of any length), spreadsheet-safe.
     */
    static String cell(String s) {
        return CsvCell.of(s.length() <= MAX_CELL ? s : s.substring(0, MAX_CELL) + "... (" + s.length() + " characters)");
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } finally {
            Files.deleteIfExists(spool);
        }
    }
}
