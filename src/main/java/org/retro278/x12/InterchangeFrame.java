package org.retro278.x12;

import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.Arrays;

/**
 * The bytes around the transaction sets of an interchange: ISA and GS before, GE and IEA after, written by
 * StAEDI with the payer's envelope. An interchange is these bytes around transaction sets that were each
 * written (and validated) before.
 *
 * @param header ISA and GS
 * @param trailer GE (with the number of sets) and IEA
 */
public record InterchangeFrame(byte[] header, byte[] trailer) {

    public static InterchangeFrame of(EnvelopeWriter envelope, long isa13, long gs06, int transactionSets,
                                      LocalDateTime created) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            EDIStreamWriter w = envelope.open(out);
            envelope.writeHeader(w, isa13, gs06, created);
            w.flush();
            int headerEnd = out.size();
            envelope.writeTrailer(w, transactionSets, isa13, gs06);
            w.close();
            byte[] all = out.toByteArray();
            return new InterchangeFrame(Arrays.copyOfRange(all, 0, headerEnd), Arrays.copyOfRange(all, headerEnd, all.length));
        } catch (EDIStreamException e) {
            throw new IOException("cannot write the envelope for " + envelope.payer().id() + ": " + e.getMessage(), e);
        }
    }
}
