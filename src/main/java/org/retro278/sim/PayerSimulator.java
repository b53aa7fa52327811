package org.retro278.sim;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamConstants;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.retro278.x12.QuietStaedi;
import org.retro278.x12.SegmentWriter;

/**
 * A stand-in for a payer, for the default installation, the demo and the tests: reads a 278 request
 * interchange the way a payer's gateway would and writes what a payer answers — a TA1 when ISA14 asks for
 * one, a 999 accepting every set, and a 278 response per request with the decision a {@link Policy}
 * chooses. Everything it writes goes through StAEDI's writer, in the payer's envelope (sender and
 * receiver swapped). It is not a model of any real payer's rules.
 */
public final class PayerSimulator {

    /** The decision the simulated payer takes on a request. */
    public enum Decision {
        /** HCR*A1 with an authorization number. */
        CERTIFIED,
        /** HCR*A3 with a reason code. */
        DENIED,
        /**
         * HCR*A4 with a reason, an administrative reference and a request for documents (PWK), BHT06=19: a
         * final response follows.
         */
        PENDED,
        /** HCR*A6 with an authorization number. */
        MODIFIED,
        /** Event A2, first service A1 and the others A3 (one-line requests: A1). */
        PARTIAL,
        /** HCR*NA. */
        NOT_REQUIRED,
        /** AAA*N**75*C at the subscriber (2010C): subscriber not found, correct and resubmit. */
        SUBSCRIBER_NOT_FOUND
    }

    /** Chooses a decision for each request. */
    @FunctionalInterface
    public interface Policy extends Function<ReceivedRequest, Decision> {
    }

    /** A mix of outcomes that depends only on the claim id (the same claim always gets the same answer). */
    public static final Policy MIXED = r -> {
        int h = Math.floorMod(r.claimId().hashCode(), 20);
        if (h < 11) {
            return Decision.CERTIFIED;
        }
        return switch (h) {
            case 11, 12 -> Decision.PENDED;
            case 13, 14 -> Decision.DENIED;
            case 15, 16 -> Decision.MODIFIED;
            case 17 -> Decision.PARTIAL;
            case 18 -> Decision.NOT_REQUIRED;
            default -> Decision.SUBSCRIBER_NOT_FOUND;
        };
    };

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    static {
        QuietStaedi.install();
    }

    /** The request interchange as read: envelope identifiers and its transaction sets. */
    public record RequestInterchange(String senderQualifier, String senderId, String receiverQualifier, String receiverId,
                                     String isa09, String isa10, String isa13, String isa14, String gsSender, String gsReceiver,
                                     String gs06, List<ReceivedRequest> requests) {
    }

    private PayerSimulator() {
    }

    /** Reads a request interchange file (StAEDI). */
    public static RequestInterchange read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /** Reads a request interchange (StAEDI); the stream stays open. */
    public static RequestInterchange read(InputStream in) throws IOException {
        EDIInputFactory f = EDIInputFactory.newFactory();
        f.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_STRUCTURE, false);
        List<ReceivedRequest> requests = new ArrayList<>();
        String[] isa = new String[17];
        String[] gs = new String[9];
        try (EDIStreamReader r = f.createEDIStreamReader(in)) {
            String tag = null;
            List<String> elements = null;
            Builder b = null;
            while (r.hasNext()) {
                EDIStreamEvent e = r.next();
                switch (e) {
                    case START_SEGMENT -> {
                        tag = r.getText();
                        elements = new ArrayList<>();
                        elements.add(tag);
                    }
                    case ELEMENT_DATA -> {
                        int pos = r.getLocation().getElementPosition();
                        int comp = r.getLocation().getComponentPosition();
                        while (elements.size() <= pos) {
                            elements.add("");
                        }
                        if (comp > 1) {
                            elements.set(pos, elements.get(pos) + ":" + r.getText());
                        } else if (comp == 1 || comp < 1) {
                            elements.set(pos, r.getText());
                        }
                    }
                    case END_SEGMENT -> {
                        switch (tag) {
                            case "ISA" -> {
                                for (int i = 1; i < elements.size() && i < 17; i++) {
                                    isa[i] = elements.get(i).trim();
                                }
                            }
                            case "GS" -> {
                                for (int i = 1; i < elements.size() && i < 9; i++) {
                                    gs[i] = elements.get(i);
                                }
                            }
                            case "ST" -> b = new Builder(elements.get(2));
                            case "SE" -> {
                                requests.add(b.build());
                                b = null;
                            }
                            default -> {
                                if (b != null) {
                                    b.segment(List.copyOf(elements));
                                }
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (EDIStreamException e) {
            throw new IOException("not a readable request interchange: " + e.getMessage(), e);
        }
        return new RequestInterchange(isa[5], isa[6], isa[7], isa[8], isa[9], isa[10], isa[13], isa[14], gs[2], gs[3], gs[6],
                List.copyOf(requests));
    }

    private static final class Builder {
        final String st02;
        String bht03;
        String trace;
        String originator;
        final List<List<String>> levels = new ArrayList<>();
        List<String> um;
        final List<ReceivedRequest.Line> lines = new ArrayList<>();
        String hlLevel;
        List<String> pendingDtp;

        Builder(String st02) {
            this.st02 = st02;
        }

        void segment(List<String> s) {
            String tag = s.get(0);
            switch (tag) {
                case "BHT" -> bht03 = s.get(3);
                case "HL" -> {
                    hlLevel = s.get(3);
                    if (!"EV".equals(hlLevel) && !"SS".equals(hlLevel)) {
                        levels.add(s);
                    }
                }
                case "TRN" -> {
                    if ("EV".equals(hlLevel) && trace == null) {
                        trace = s.get(2);
                        originator = s.size() > 3 ? s.get(3) : "";
                    }
                }
                case "UM" -> {
                    if ("EV".equals(hlLevel)) {
                        um = s;
                    }
                }
                case "DTP" -> {
                    if ("SS".equals(hlLevel) && "472".equals(s.get(1))) {
                        pendingDtp = s;
                    }
                }
                case "SV1", "SV2" -> {
                    if ("SS".equals(hlLevel)) {
                        lines.add(new ReceivedRequest.Line(pendingDtp, s));
                        pendingDtp = null;
                    }
                }
                case "NM1", "DMG", "INS" -> {
                    if (!"EV".equals(hlLevel) && !"SS".equals(hlLevel)) {
                        levels.add(s);
                    }
                }
                default -> {
                }
            }
        }

        ReceivedRequest build() {
            String claimId = trace == null ? "" : trace.contains("-") ? trace.substring(0, trace.lastIndexOf('-')) : trace;
            return new ReceivedRequest(st02, bht03, trace, originator, claimId, List.copyOf(levels), um, List.copyOf(lines));
        }
    }

    // ------------------------------------------------------------------------------------------ writing

    private static EDIStreamWriter writer(OutputStream out) throws EDIStreamException {
        EDIOutputFactory f = EDIOutputFactory.newFactory();
        f.setProperty(EDIStreamConstants.Delimiters.SEGMENT, '~');
        f.setProperty(EDIStreamConstants.Delimiters.DATA_ELEMENT, '*');
        f.setProperty(EDIStreamConstants.Delimiters.COMPONENT_ELEMENT, ':');
        f.setProperty(EDIStreamConstants.Delimiters.REPETITION, '^');
        f.setProperty(EDIOutputFactory.TRUNCATE_EMPTY_ELEMENTS, true);
        f.setProperty(EDIOutputFactory.PRETTY_PRINT, true);
        return f.createEDIStreamWriter(out, "UTF-8");
    }

    private static void isa(SegmentWriter s, RequestInterchange req, long isa13, LocalDateTime now) throws EDIStreamException {
        s.segment("ISA", "00", "          ", "00", "          ", req.receiverQualifier(), pad(req.receiverId()),
                req.senderQualifier(), pad(req.senderId()), YYMMDD.format(now), HHMM.format(now), "^", "00501",
                String.format("%09d", isa13), "0", "T", ":");
    }

    private static String pad(String s) {
        return s.length() >= 15 ? s : s + " ".repeat(15 - s.length());
    }

    /** What goes between an answer's ISA and IEA; returns IEA01, the number of groups (0 for a bare TA1). */
    @FunctionalInterface
    private interface Body {
        int write(EDIStreamWriter w, SegmentWriter s) throws EDIStreamException;
    }

    /** One answer interchange to the request interchange: its ISA, the body, its IEA. */
    private static void interchange(RequestInterchange req, long isa13, LocalDateTime now, OutputStream out, Body body)
            throws IOException {
        try {
            EDIStreamWriter w = writer(out);
            SegmentWriter s = new SegmentWriter(w);
            w.startInterchange();
            isa(s, req, isa13, now);
            int groups = body.write(w, s);
            s.segment("IEA", Integer.toString(groups), String.format("%09d", isa13));
            w.endInterchange();
            w.close();
        } catch (EDIStreamException e) {
            throw new IOException(e);
        }
    }

    /** A GS answering the request interchange's group, sender and receiver swapped. */
    private static void gs(SegmentWriter s, RequestInterchange req, String functionalId, String version, long isa13,
                           LocalDateTime now) throws EDIStreamException {
        s.segment("GS", functionalId, req.gsReceiver(), req.gsSender(), CCYYMMDD.format(now), HHMM.format(now),
                Long.toString(isa13), "X", version);
    }

    /** A TA1 accepting the request interchange, in an interchange of its own. */
    public static void writeTa1(RequestInterchange req, long isa13, LocalDateTime now, OutputStream out) throws IOException {
        interchange(req, isa13, now, out, (w, s) -> {
            s.segment("TA1", req.isa13(), req.isa09(), req.isa10(), "A", "000");
            return 0;
        });
    }

    /** A 999 accepting every transaction set of the request interchange. */
    public static void write999(RequestInterchange req, long isa13, LocalDateTime now, OutputStream out) throws IOException {
        write999(req, true, isa13, now, out);
    }

    /** A 999 rejecting every transaction set of the request interchange (IK5*R*5: segments in error). */
    public static void write999Rejecting(RequestInterchange req, long isa13, LocalDateTime now, OutputStream out) throws IOException {
        write999(req, false, isa13, now, out);
    }

    private static void write999(RequestInterchange req, boolean accept, long isa13, LocalDateTime now, OutputStream out)
            throws IOException {
        interchange(req, isa13, now, out, (w, s) -> {
            gs(s, req, "FA", "005010X231A1", isa13, now);
            s.segment("ST", "999", "0001", "005010X231A1");
            s.segment("AK1", "HI", req.gs06(), "005010X217");
            for (ReceivedRequest r : req.requests()) {
                s.segment("AK2", "278", r.st02(), "005010X217");
                if (accept) {
                    s.segment("IK5", "A");
                } else {
                    s.segment("IK5", "R", "5");
                }
            }
            int n = req.requests().size();
            s.segment("AK9", accept ? "A" : "R", Integer.toString(n), Integer.toString(n), Integer.toString(accept ? n : 0));
            s.segment("SE", Integer.toString(4 + 2 * n), "0001");
            s.segment("GE", "1", Long.toString(isa13));
            return 1;
        });
    }

    /**
     * 278 responses to the requests, in one interchange. With {@code finalAfterPend} a PENDED decision is
     * answered with its final decision (CERTIFIED), as a payer's later, unsolicited 278 would.
     */
    public static void write278(RequestInterchange req, List<ReceivedRequest> requests, Policy policy, boolean finalAfterPend,
                                long isa13, LocalDateTime now, OutputStream out) throws IOException {
        interchange(req, isa13, now, out, (w, s) -> {
            gs(s, req, "HI", "005010X217", isa13, now);
            int st = 0;
            for (ReceivedRequest r : requests) {
                Decision d = policy.apply(r);
                if (finalAfterPend && d == Decision.PENDED) {
                    d = Decision.CERTIFIED;
                }
                response(w, r, d, String.format("%04d", ++st), now, finalAfterPend);
            }
            s.segment("GE", Integer.toString(st), Long.toString(isa13));
            return 1;
        });
    }

    private static void response(EDIStreamWriter w, ReceivedRequest r, Decision d, String st02, LocalDateTime now, boolean afterPend)
            throws EDIStreamException {
        SegmentWriter s = new SegmentWriter(w);
        String auth = "AUTH" + Math.floorMod((r.traceNumber() + "x").hashCode(), 100_000_000);
        s.segment("ST", "278", st02, "005010X217");
        s.segment("BHT", "0007", "11", r.bht03(), CCYYMMDD.format(now), HHMM.format(now), d == Decision.PENDED ? "19" : "18");
        int hl = 0;
        int eventParent = 0;
        boolean pendingAaa = false;
        for (List<String> seg : r.levels()) {
            if ("HL".equals(seg.get(0))) {
                hl = Integer.parseInt(seg.get(1));
                eventParent = hl;
                s.segment("HL", seg.subList(1, seg.size()).toArray());
                if (d == Decision.SUBSCRIBER_NOT_FOUND && "22".equals(seg.get(3))) {
                    pendingAaa = true;
                }
            } else {
                s.segment(seg.get(0), seg.subList(1, seg.size()).toArray());
                if (pendingAaa && "NM1".equals(seg.get(0)) && "IL".equals(seg.get(1))) {
                    s.segment("AAA", "N", null, "75", "C");
                    pendingAaa = false;
                }
            }
        }
        int event = ++hl;
        s.segment("HL", Integer.toString(event), Integer.toString(eventParent), "EV", r.lines().isEmpty() ? "0" : "1");
        s.segment("TRN", "2", r.traceNumber(), r.traceOriginator());
        if (r.um() != null) {
            s.segment("UM", composites(r.um().subList(1, r.um().size())));
        }
        switch (d) {
            case CERTIFIED -> s.segment("HCR", "A1", auth);
            case DENIED -> s.segment("HCR", "A3", null, "0P");
            case PENDED -> {
                s.segment("HCR", "A4", null, "0U");
                s.segment("REF", "NT", "CASE" + r.st02());
                // the documents the payer wants before it decides: the operative note, electronically
                s.segment("PWK", "OB", "EL");
            }
            case MODIFIED -> s.segment("HCR", "A6", auth);
            case PARTIAL -> s.segment("HCR", r.lines().size() > 1 ? "A2" : "A1", auth);
            case NOT_REQUIRED -> s.segment("HCR", "NA");
            case SUBSCRIBER_NOT_FOUND -> {
            }
        }
        int i = 0;
        for (ReceivedRequest.Line line : r.lines()) {
            i++;
            s.segment("HL", Integer.toString(++hl), Integer.toString(event), "SS", "0");
            if (d == Decision.PARTIAL && r.lines().size() > 1) {
                if (i == 1) {
                    s.segment("HCR", "A1", auth);
                } else {
                    s.segment("HCR", "A3", null, "0P");
                }
            }
            if (line.dtp() != null) {
                s.segment("DTP", line.dtp().subList(1, line.dtp().size()).toArray());
            }
            s.segment(line.service().get(0), composites(line.service().subList(1, line.service().size())));
        }
        s.segment("SE", Integer.toString(s.count() + 1), st02);
    }

    /** Elements as read, with composites (":"-joined) written back as composites. */
    private static Object[] composites(List<String> elements) {
        Object[] out = new Object[elements.size()];
        for (int i = 0; i < elements.size(); i++) {
            String e = elements.get(i);
            out[i] = e.contains(":") ? SegmentWriter.composite(e.split(":", -1)) : e;
        }
        return out;
    }
}
