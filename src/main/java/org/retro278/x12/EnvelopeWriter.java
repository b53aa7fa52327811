package org.retro278.x12;

import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamConstants;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.retro278.config.PayerProfile;

/**
 * Writes the ISA/GS envelope of 005010X217 interchanges for one payer, and opens StAEDI writers set to
 * that payer's delimiters. Everything X12 we emit goes through StAEDI's writer.
 */
public final class EnvelopeWriter {

    public static final String VERSION = "005010X217";
    static final DateTimeFormatter ISA_DATE = DateTimeFormatter.ofPattern("yyMMdd");
    static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd");
    static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    static {
        // StAEDI warns through java.util.logging on every writer without a control schema; we validate
        // everything we write by reading it back, so the warning is noise on the console.
        QuietStaedi.install();
    }

    private final PayerProfile payer;
    private final EDIOutputFactory factory;

    public EnvelopeWriter(PayerProfile payer) {
        this.payer = payer;
        this.factory = EDIOutputFactory.newFactory();
        factory.setProperty(EDIStreamConstants.Delimiters.SEGMENT, payer.delimiters().segment());
        factory.setProperty(EDIStreamConstants.Delimiters.DATA_ELEMENT, payer.delimiters().element());
        factory.setProperty(EDIStreamConstants.Delimiters.COMPONENT_ELEMENT, payer.delimiters().component());
        factory.setProperty(EDIStreamConstants.Delimiters.REPETITION, payer.delimiters().repetition());
        factory.setProperty(EDIOutputFactory.TRUNCATE_EMPTY_ELEMENTS, true);
        factory.setProperty(EDIOutputFactory.PRETTY_PRINT, payer.delimiters().lineBreaks());
    }

    public PayerProfile payer() {
        return payer;
    }

    /** A new StAEDI writer on {@code out}, UTF-8, with this payer's delimiters. */
    public EDIStreamWriter open(OutputStream out) throws EDIStreamException {
        return factory.createEDIStreamWriter(out, "UTF-8");
    }

    /** Starts the interchange and writes ISA and GS. */
    public void writeHeader(EDIStreamWriter w, long isa13, long gs06, LocalDateTime created) throws EDIStreamException {
        SegmentWriter s = new SegmentWriter(w);
        w.startInterchange();
        var ids = payer.ids();
        s.segment("ISA", "00", "          ", "00", "          ",
                ids.senderQualifier(), pad(ids.senderId(), 15),
                ids.receiverQualifier(), pad(ids.receiverId(), 15),
                ISA_DATE.format(created), HHMM.format(created),
                String.valueOf(payer.delimiters().repetition()), "00501",
                String.format("%09d", isa13), payer.acknowledgmentRequested() ? "1" : "0",
                String.valueOf(payer.usage()), String.valueOf(payer.delimiters().component()));
        s.segment("GS", "HI", ids.applicationSender(), ids.applicationReceiver(),
                CCYYMMDD.format(created), HHMM.format(created), Long.toString(gs06), "X", VERSION);
    }

    /** Writes GE and IEA and ends the interchange. */
    public void writeTrailer(EDIStreamWriter w, int transactionSets, long isa13, long gs06) throws EDIStreamException {
        SegmentWriter s = new SegmentWriter(w);
        s.segment("GE", Integer.toString(transactionSets), Long.toString(gs06));
        s.segment("IEA", "1", String.format("%09d", isa13));
        w.endInterchange();
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
