package org.retro278.bench;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.retro278.model.Dependent;
import org.retro278.model.Provider;
import org.retro278.model.RequestCategory;
import org.retro278.model.RetroAuthorizationRequest;
import org.retro278.model.ServiceLine;
import org.retro278.x12.Delimiters;
import org.retro278.x12.RetroExplanation;
import org.retro278.x12.TransactionIds;

/**
 * Benchmark reference only: the same transaction-set bytes as {@code Request278Writer}, written with a
 * StringBuilder and no library, no mapping and no validation. It shows the CPU ceiling of producing
 * 278s on this machine; the benchmark checks that its bytes equal the real writer's.
 */
final class PlainRequestWriter {
    private static final DateTimeFormatter D8 = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    private final String originator;
    private final Delimiters d;
    private final String term;
    private StringBuilder b;
    private int count;

    PlainRequestWriter(String originator, Delimiters d) {
        this.originator = originator;
        this.d = d;
        this.term = d.segment() + (d.lineBreaks() ? System.lineSeparator() : "");
    }

    String write(RetroAuthorizationRequest r, TransactionIds ids) {
        b = new StringBuilder(1400);
        count = 0;
        seg("ST", "278", ids.st02(), "005010X217");
        seg("BHT", "0007", "13", ids.bht03(), D8.format(ids.created()), HHMM.format(ids.created()));
        int hl = 0;
        seg("HL", "" + (++hl), "", "20", "1");
        seg("NM1", "X3", "2", r.payer().name(), "", "", "", "", "PI", r.payer().id());
        seg("HL", "" + (++hl), "1", "21", "1");
        var q = r.requester();
        if (q.isPerson()) {
            seg("NM1", "1P", "1", q.name(), q.firstName(), "", "", "", "XX", q.npi());
        } else {
            seg("NM1", "1P", "2", q.name(), "", "", "", "", "XX", q.npi());
        }
        if (q.taxonomy() != null) {
            seg("PRV", "PE", "PXC", q.taxonomy());
        }
        seg("HL", "" + (++hl), "2", "22", "1");
        var s = r.subscriber();
        seg("NM1", "IL", "1", s.name().last(), s.name().first(), "", "", "", "MI", s.memberId());
        seg("DMG", "D8", D8.format(s.birthDate()), s.gender().name());
        int parent = 3;
        Dependent dep = r.dependent();
        if (dep != null) {
            seg("HL", "" + (++hl), "3", "23", "1");
            seg("NM1", "QC", "1", dep.name().last(), dep.name().first());
            seg("DMG", "D8", D8.format(dep.birthDate()), dep.gender().name());
            seg("INS", "N", dep.relationshipCode());
            parent = 4;
        }
        int ev = ++hl;
        seg("HL", "" + ev, "" + parent, "EV", "1");
        seg("TRN", "1", ids.traceNumber(), originator);
        var e = r.event();
        String um = "UM" + d.element() + e.category() + d.element() + e.certificationType() + d.element() + e.serviceType()
                + d.element() + e.placeOfService() + d.component() + "B" + (e.levelOfService() == null ? "" : "" + d.element() + d.element() + e.levelOfService());
        raw(um);
        if (e.category() == RequestCategory.AR) {
            seg("DTP", "435", "D8", D8.format(e.admissionDate()));
            if (e.dischargeDate() != null) {
                seg("DTP", "096", "D8", D8.format(e.dischargeDate()));
            }
        } else {
            date("AAH", r.earliestServiceDate(), r.latestServiceDate());
        }
        StringBuilder hi = new StringBuilder("HI");
        for (int i = 0; i < r.diagnoses().size(); i++) {
            hi.append(d.element()).append(i == 0 ? "ABK" : "ABF").append(d.component()).append(r.diagnoses().get(i));
        }
        raw(hi.toString());
        if (r.attachment() != null) {
            seg("PWK", r.attachment().reportType(), r.attachment().transmission(), "", "", "AC", r.attachment().controlNumber());
        }
        seg("MSG", RetroExplanation.text(r.retroReason(), r.retroNote(), d));
        if (e.facility() != null) {
            provider("FA", e.facility());
        }
        for (ServiceLine l : r.services()) {
            seg("HL", "" + (++hl), "" + ev, "SS", "0");
            date("472", l.dateFrom(), l.dateTo());
            StringBuilder p = new StringBuilder("HC").append(d.component()).append(l.procedureCode());
            for (String m : l.modifiers()) {
                p.append(d.component()).append(m);
            }
            if (l.isInstitutional()) {
                seg("SV2", l.revenueCode(), p.toString(), amount(l.charge()), "UN", amount(l.units()));
            } else {
                seg("SV1", p.toString(), amount(l.charge()), "UN", amount(l.units()));
            }
            if (l.rendering() != null) {
                provider("SJ", l.rendering());
            }
        }
        seg("SE", "" + (count + 1), ids.st02());
        return b.toString();
    }

    private void provider(String entity, Provider p) {
        if (p.isPerson()) {
            seg("NM1", entity, "1", p.name(), p.firstName(), "", "", "", "XX", p.npi());
        } else {
            seg("NM1", entity, "2", p.name(), "", "", "", "", "XX", p.npi());
        }
    }

    private void date(String q, LocalDate from, LocalDate to) {
        if (to == null || to.equals(from)) {
            seg("DTP", q, "D8", D8.format(from));
        } else {
            seg("DTP", q, "RD8", D8.format(from) + "-" + D8.format(to));
        }
    }

    private static String amount(BigDecimal v) {
        if (v == null) {
            return "";
        }
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    private void seg(String tag, String... elements) {
        int last = elements.length - 1;
        while (last >= 0 && elements[last].isEmpty()) {
            last--;
        }
        b.append(tag);
        for (int i = 0; i <= last; i++) {
            b.append(d.element()).append(elements[i]);
        }
        b.append(term);
        count++;
    }

    private void raw(String segment) {
        b.append(segment).append(term);
        count++;
    }
}
