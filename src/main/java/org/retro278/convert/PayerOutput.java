package org.retro278.convert;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.retro278.build.BuiltBatch;
import org.retro278.build.InterchangeAssembler;
import org.retro278.config.PayerProfile;
import org.retro278.io.SecureFiles;
import org.retro278.x12.EnvelopeWriter;
import org.retro278.x12.InterchangeFrame;
import org.retro278.x12.X12Problem;
import org.retro278.x12.control.ControlNumberKind;
import org.retro278.x12.control.ControlNumbers;

/**
 * The validated transaction sets for one payer, spooled to an owner-only temporary file as they come
 * (memory stays flat whatever the number of claims), and assembled into interchanges at the end: at
 * most {@link PayerProfile#maxClaimsPerInterchange()} sets each, ISA13/GS06 taken from the durable
 * counter, envelope verified, file published under its final name atomically.
 */
final class PayerOutput implements Closeable {

    private final PayerProfile payer;
    private final Path body;
    private final Path index;
    private final OutputStream bodyOut;
    private final DataOutputStream indexOut;
    private int sets;

    PayerOutput(PayerProfile payer, Path workDir) throws IOException {
        this.payer = payer;
        this.body = SecureFiles.createTempFile(workDir, payer.id() + "-sets");
        this.index = SecureFiles.createTempFile(workDir, payer.id() + "-index");
        this.bodyOut = new BufferedOutputStream(Files.newOutputStream(body, StandardOpenOption.WRITE), 1 << 16);
        this.indexOut = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(index, StandardOpenOption.WRITE), 1 << 14));
    }

    PayerProfile payer() {
        return payer;
    }

    void append(BuiltBatch.BuiltSet set) throws IOException {
        bodyOut.write(set.bytes());
        indexOut.writeUTF(set.claimId());
        indexOut.writeBoolean(set.redelivered());
        indexOut.writeInt(set.bytes().length);
        sets++;
    }

    /**
     * Assembles and publishes the interchanges. Sets of claims in {@code retracted} that are not their
     * complete re-delivery are left out.
     */
    List<PublishedInterchange> finish(ClaimIdSet retracted, ControlNumbers numbers, Path outDir, String stem, LocalDateTime created,
                                      InterchangeAssembler assembler) throws IOException {
        bodyOut.close();
        indexOut.close();
        int kept = 0;
        try (DataInputStream idx = openIndex()) {
            for (int i = 0; i < sets; i++) {
                String claim = idx.readUTF();
                boolean redelivered = idx.readBoolean();
                idx.readInt();
                if (keep(claim, redelivered, retracted)) {
                    kept++;
                }
            }
        }
        List<PublishedInterchange> published = new ArrayList<>();
        if (kept == 0) {
            return published;
        }
        EnvelopeWriter envelope = new EnvelopeWriter(payer);
        try (DataInputStream idx = openIndex();
             InputStream bodyIn = new BufferedInputStream(Files.newInputStream(body), 1 << 16)) {
            int remaining = kept;
            while (remaining > 0) {
                int n = Math.min(remaining, payer.maxClaimsPerInterchange());
                long isa13 = numbers.next(ControlNumberKind.INTERCHANGE);
                long gs06 = numbers.next(ControlNumberKind.GROUP);
                InterchangeFrame frame = InterchangeFrame.of(envelope, isa13, gs06, n, created);
                Path target = outDir.resolve(stem + "." + payer.id() + "." + String.format("%09d", isa13) + ".x12");
                List<X12Problem> problems = assembler.publish(target, frame, out -> {
                    int written = 0;
                    while (written < n) {
                        String claim = idx.readUTF();
                        boolean redelivered = idx.readBoolean();
                        int len = idx.readInt();
                        if (keep(claim, redelivered, retracted)) {
                            copy(bodyIn, out, len);
                            written++;
                        } else {
                            bodyIn.skipNBytes(len);
                        }
                    }
                });
                if (!problems.isEmpty()) {
                    throw new IOException("the interchange assembled for " + payer.id() + " failed its envelope check ("
                            + problems.get(0).rule() + ": " + problems.get(0).message() + "); nothing was published for it");
                }
                published.add(new PublishedInterchange(target, isa13, n));
                remaining -= n;
            }
        }
        return published;
    }

    private static boolean keep(String claim, boolean redelivered, ClaimIdSet retracted) {
        return redelivered || !retracted.contains(claim);
    }

    private DataInputStream openIndex() throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(index), 1 << 14));
    }

    private static void copy(InputStream in, OutputStream out, int len) throws IOException {
        byte[] buf = new byte[Math.min(len, 8192)];
        int left = len;
        while (left > 0) {
            int r = in.read(buf, 0, Math.min(buf.length, left));
            if (r < 0) {
                throw new IOException("spooled transaction sets ended early");
            }
            out.write(buf, 0, r);
            left -= r;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            bodyOut.close();
            indexOut.close();
        } finally {
            Files.deleteIfExists(body);
            Files.deleteIfExists(index);
        }
    }
}
