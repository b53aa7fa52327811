package org.retro278.x12;

import static org.retro278.x12.SegmentWriter.composite;

import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.retro278.model.Dependent;
import org.retro278.model.PatientEvent;
import org.retro278.model.Provider;
import org.retro278.model.RequestCategory;
import org.retro278.model.RetroAuthorizationRequest;
import org.retro278.model.ServiceLine;

/**
 * Writes one retro authorization request as a 005010X217 request transaction set (ST..SE): the
 * hierarchy 2000A payer, 2000B requester, 2000C subscriber, optional 2000D dependent, 2000E patient
 * event and one 2000F service level per claim line. HL numbers, parents, child codes and SE01 are right
 * by construction. The request must already have passed the input rules: this class formats, it does
 * not judge.
 */
public final class Request278Writer {

    private final String traceOriginator;
    private final Delimiters delimiters;

    /**
     * @param traceOriginator TRN03 of every request ('1' + EIN or '9' + 9 characters)
     * @param delimiters      the delimiters of the interchange the sets go into
     */
    public Request278Writer(String traceOriginator, Delimiters delimiters) {
        this.traceOriginator = traceOriginator;
        this.delimiters = delimiters;
    }

    /**
     * Writes ST through SE for one request inside an open functional group.
     *
     * @return the number of segments written, ST and SE included (what SE01 says)
     */
    public int write(EDIStreamWriter w, RetroAuthorizationRequest r, TransactionIds ids) throws EDIStreamException {
        SegmentWriter s = new SegmentWriter(w);
        String st02 = ids.st02();
        s.segment("ST", "278", st02, EnvelopeWriter.VERSION);
        s.segment("BHT", "0007", "13", ids.bht03(), EnvelopeWriter.CCYYMMDD.format(ids.created()),
                EnvelopeWriter.HHMM.format(ids.created()));

        int hl = 0;
        // 2000A UMO (payer)
        int payerHl = ++hl;
        s.segment("HL", Integer.toString(payerHl), null, "20", "1");
        s.segment("NM1", "X3", "2", r.payer().name(), null, null, null, null, "PI", r.payer().id());

        // 2000B requester
        int requesterHl = ++hl;
        s.segment("HL", Integer.toString(requesterHl), Integer.toString(payerHl), "21", "1");
        var req = r.requester();
        if (req.isPerson()) {
            s.segment("NM1", "1P", "1", req.name(), req.firstName(), null, null, null, "XX", req.npi());
        } else {
            s.segment("NM1", "1P", "2", req.name(), null, null, null, null, "XX", req.npi());
        }
        if (req.taxonomy() != null) {
            s.segment("PRV", "PE", "PXC", req.taxonomy());
        }

        // 2000C subscriber
        int subscriberHl = ++hl;
        s.segment("HL", Integer.toString(subscriberHl), Integer.toString(requesterHl), "22", "1");
        var sub = r.subscriber();
        s.segment("NM1", "IL", "1", sub.name().last(), sub.name().first(), null, null, null, "MI", sub.memberId());
        s.segment("DMG", "D8", d8(sub.birthDate()), sub.gender().name());

        // 2000D dependent, when the patient is not the subscriber
        int eventParent = subscriberHl;
        Dependent dep = r.dependent();
        if (dep != null) {
            int dependentHl = ++hl;
            s.segment("HL", Integer.toString(dependentHl), Integer.toString(subscriberHl), "23", "1");
            s.segment("NM1", "QC", "1", dep.name().last(), dep.name().first());
            s.segment("DMG", "D8", d8(dep.birthDate()), dep.gender().name());
            s.segment("INS", "N", dep.relationshipCode());
            eventParent = dependentHl;
        }

        // 2000E patient event
        int eventHl = ++hl;
        PatientEvent ev = r.event();
        s.segment("HL", Integer.toString(eventHl), Integer.toString(eventParent), "EV", "1");
        s.segment("TRN", "1", ids.traceNumber(), traceOriginator);
        s.segment("UM", ev.category().name(), ev.certificationType(), ev.serviceType(),
                composite(ev.placeOfService(), "B"), null, ev.levelOfService());
        if (ev.category() == RequestCategory.AR) {
            s.segment("DTP", "435", "D8", d8(ev.admissionDate()));
            if (ev.dischargeDate() != null) {
                s.segment("DTP", "096", "D8", d8(ev.dischargeDate()));
            }
        } else {
            dateSegment(s, "AAH", r.earliestServiceDate(), r.latestServiceDate());
        }
        List<Object> hi = new ArrayList<>();
        for (int i = 0; i < r.diagnoses().size(); i++) {
            hi.add(composite(i == 0 ? "ABK" : "ABF", r.diagnoses().get(i)));
        }
        s.segment("HI", hi.toArray());
        if (r.attachment() != null) {
            var a = r.attachment();
            s.segment("PWK", a.reportType(), a.transmission(), null, null, "AC", a.controlNumber());
        }
        s.segment("MSG", RetroExplanation.text(r.retroReason(), r.retroNote(), delimiters));
        if (ev.facility() != null) {
            provider(s, "FA", ev.facility());
        }

        // 2000F one service level per claim line
        for (ServiceLine line : r.services()) {
            int lineHl = ++hl;
            s.segment("HL", Integer.toString(lineHl), Integer.toString(eventHl), "SS", "0");
            dateSegment(s, "472", line.dateFrom(), line.dateTo());
            String[] proc = new String[2 + line.modifiers().size()];
            proc[0] = "HC";
            proc[1] = line.procedureCode();
            for (int i = 0; i < line.modifiers().size(); i++) {
                proc[2 + i] = line.modifiers().get(i);
            }
            if (line.isInstitutional()) {
                s.segment("SV2", line.revenueCode(), composite(proc), amount(line.charge()), "UN", amount(line.units()));
            } else {
                s.segment("SV1", composite(proc), amount(line.charge()), "UN", amount(line.units()));
            }
            if (line.rendering() != null) {
                provider(s, "SJ", line.rendering());
            }
        }

        int count = s.count() + 1;
        s.segment("SE", Integer.toString(count), st02);
        return count;
    }

    private static void provider(SegmentWriter s, String entity, Provider p) throws EDIStreamException {
        if (p.isPerson()) {
            s.segment("NM1", entity, "1", p.name(), p.firstName(), null, null, null, "XX", p.npi());
        } else {
            s.segment("NM1", entity, "2", p.name(), null, null, null, null, "XX", p.npi());
        }
    }

    /** D8 for one day, RD8 for a range. */
    private static void dateSegment(SegmentWriter s, String qualifier, LocalDate from, LocalDate to) throws EDIStreamException {
        if (to == null || to.equals(from)) {
            s.segment("DTP", qualifier, "D8", d8(from));
        } else {
            s.segment("DTP", qualifier, "RD8", d8(from) + "-" + d8(to));
        }
    }

    static String d8(LocalDate d) {
        return EnvelopeWriter.CCYYMMDD.format(d);
    }

    /**
     * X12 decimal (R) form: no exponent, no trailing zeros after the point, no point when whole
     * ("250", "12.5").
     */
    static String amount(BigDecimal v) {
        if (v == null) {
            return null;
        }
        BigDecimal s = v.stripTrailingZeros();
        if (s.scale() < 0) {
            s = s.setScale(0);
        }
        return s.toPlainString();
    }
}
