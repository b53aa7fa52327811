package org.retro278.status;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.retro278.io.CsvCell;
import org.retro278.store.Reason;
import org.retro278.store.StoredClaim;

/**
 * Writes the status of a claim file's claims for the practice: a CSV (one row per claim) and the same
 * rows as JSON Lines. A row says what a practice needs to act: the claim, its state, the payer, the
 * service dates, the authorization number, the payer's administrative reference (REF*NT, to quote when
 * calling about a pended or denied request), the codes and their words, what to do next, and the
 * identifiers to quote to the payer. CSV cells are spreadsheet-safe ({@link CsvCell}). It carries no names, member ids, birth dates or diagnoses.
 */
public final class StatusFileWriter implements AutoCloseable {

    public static final List<String> COLUMNS = List.of("claim_id", "state", "overdue", "payer_id", "service_date_from",
            "service_date_to", "authorization_number", "admin_reference", "codes", "reasons", "follow_up", "next_step", "trace_number",
            "bht03", "isa13", "gs06", "st02", "rows", "updated_at");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Writer csv;
    /** A number that may be absent is written with writePOJOField: the number, or null. */
    private final JsonGenerator jsonl;

    public StatusFileWriter(OutputStream csvOut, OutputStream jsonlOut) throws IOException {
        this.csv = new OutputStreamWriter(csvOut, StandardCharsets.UTF_8);
        this.jsonl = JSON.getFactory().createGenerator(new OutputStreamWriter(jsonlOut, StandardCharsets.UTF_8));
        this.jsonl.setRootValueSeparator(new SerializedString("\n"));
        csv.write(String.join(",", COLUMNS));
        csv.write("\n");
    }

    public void write(StoredClaim c) throws IOException {
        List<Reason> reasons = c.reasons() == null ? List.of() : c.reasons();
        String codes = String.join("; ", reasons.stream().map(Reason::code).distinct().toList());
        String words = String.join("; ", reasons.stream().map(r -> (r.field() == null ? "" : r.field() + ": ") + r.words()).toList());
        String followUp = String.join("; ", reasons.stream().filter(r -> r.code().startsWith("FOLLOW_UP")).map(Reason::words).toList());
        String next = NextStep.of(c.state(), c.overdue(), c.authorizationNumber(), reasons);
        String rows = String.join(" ", c.rows().stream().map(String::valueOf).toList());
        String[] values = {nz(c.claimId()), c.state().name(), Boolean.toString(c.overdue()), nz(c.payerId()),
                nz(c.earliestServiceDate()), nz(c.latestServiceDate()), nz(c.authorizationNumber()), nz(c.adminReference()), codes, words, followUp, next,
                nz(c.traceNumber()), nz(c.bht03()), c.isa13() == null ? "" : String.format("%09d", c.isa13()), nz(c.gs06()),
                c.st02() == null ? "" : String.format("%04d", c.st02()), rows, nz(c.updatedAt())};
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                csv.write(',');
            }
            csv.write(CsvCell.of(values[i]));
        }
        csv.write("\n");

        jsonl.writeStartObject();
        jsonl.writeStringField("claim_id", c.claimId());
        jsonl.writeStringField("state", c.state().name());
        jsonl.writeBooleanField("overdue", c.overdue());
        jsonl.writeStringField("payer_id", c.payerId());
        jsonl.writeStringField("service_date_from", c.earliestServiceDate() == null ? null : c.earliestServiceDate().toString());
        jsonl.writeStringField("service_date_to", c.latestServiceDate() == null ? null : c.latestServiceDate().toString());
        jsonl.writeStringField("authorization_number", c.authorizationNumber());
        jsonl.writeStringField("admin_reference", c.adminReference());
        jsonl.writeArrayFieldStart("reasons");
        for (Reason r : reasons) {
            jsonl.writeStartObject();
            jsonl.writeStringField("code", r.code());
            jsonl.writeStringField("words", r.words());
            if (r.field() != null) {
                jsonl.writeStringField("field", r.field());
            }
            jsonl.writeEndObject();
        }
        jsonl.writeEndArray();
        jsonl.writeStringField("next_step", next);
        jsonl.writeStringField("trace_number", c.traceNumber());
        jsonl.writeStringField("bht03", c.bht03());
        jsonl.writePOJOField("isa13", c.isa13());
        jsonl.writePOJOField("gs06", c.gs06());
        jsonl.writePOJOField("st02", c.st02());
        jsonl.writeArrayFieldStart("rows");
        for (Long r : c.rows()) {
            jsonl.writeNumber(r);
        }
        jsonl.writeEndArray();
        jsonl.writeStringField("updated_at", c.updatedAt() == null ? null : c.updatedAt().toString());
        jsonl.writeEndObject();
    }

    private static String nz(Object o) {
        return o == null ? "" : o.toString();
    }

    @Override
    public void close() throws IOException {
        csv.flush();
        jsonl.writeRaw('\n');
        jsonl.flush();
        csv.close();
        jsonl.close();
    }
}
