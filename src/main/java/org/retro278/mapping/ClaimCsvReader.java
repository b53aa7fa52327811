package org.retro278.mapping;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Named;
import javax.xml.XMLConstants;
import org.retro278.mapping.CsvRecordReader.CsvRecord;
import org.smooks.api.ExecutionContext;
import org.smooks.api.bean.context.BeanContext;
import org.smooks.api.resource.reader.SmooksXMLReader;
import org.xml.sax.ContentHandler;
import org.xml.sax.DTDHandler;
import org.xml.sax.EntityResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;

/**
 * The Smooks reader of claim files: RFC 4180 CSV with a header. For each row it puts the row's cells
 * into the bean context as the bean {@value #CELL_BEAN} (an unmodifiable {@code Map} from {@link
 * ColumnNames normalised} header name to trimmed value; blank cells are absent), then emits one element:
 *
 * <pre>{@code
 * <claim-file>
 *     <claim-row number="2" last-line="2"/>        number: the line the row starts on, header = line 1
 *     <claim-row number="3" last-line="3" defect="row 3 has 2 cells but the header has 42"/>
 *     <claim-row number="4" last-line="6"/>        a quoted cell spans lines 4 to 6
 *     ...
 * </claim-file>
 * }</pre>
 *
 * A mapping binds a row with one bean created on {@code claim-row} by an MVEL factory over {@code cell}
 * ({@code mappings/README.md}). Cells are not emitted as elements on purpose: Smooks spends some
 * microseconds on every element and every visitor call, so 42 cell elements with one binding each ran
 * at a tenth of the speed of one element with one map-building expression (figures in the README).
 *
 * <p>Declared in a mapping file as {@code <reader class="org.retro278.mapping.ClaimCsvReader"/>};
 * optional {@code <params>}: {@code separator} (default {@code ,}), {@code quote} (default {@code "})
 * and {@code max-lines-per-row} (default 1000).
 *
 * <p>Why not the CSV cartridge's {@code <csv:reader>}: with {@code strict="true"} (its default) it drops
 * rows with fewer cells than the header, blank lines included, without a trace, and a run of some
 * thousands of them overflows the stack; with {@code strict="false"} it cuts the cells of a long row
 * beyond the header without a trace; its default escape character {@code \} eats backslashes and can
 * swallow a separator; a byte-order mark ends up in the first column name; and header names become
 * element names as they are, so {@code Member #} cannot be selected. This reader parses RFC 4180 itself
 * ({@link CsvRecordReader}: no escape character, {@code ""} is a quote, {@code \} is a backslash) so that
 * every physical line of the file is accounted for, and fixes the rest:
 * <ul>
 *   <li>a leading byte-order mark is skipped; header names are normalised by {@link ColumnNames}; a
 *       file that is empty, has only blank rows, has no row after the header, has two header cells of
 *       the same normalised name, a header that is not valid UTF-8 or not valid CSV is refused as a
 *       whole;</li>
 *   <li>every record after the header becomes a {@code claim-row}: one whose cell count differs from
 *       the header's keeps the cells it has (those beyond the header are not mapped) and carries a
 *       {@code defect}; so does one with a U+FFFD replacement character, the mark that the bytes were
 *       not valid UTF-8 when decoded;</li>
 *   <li>a line whose quoting is broken (a quote inside an unquoted cell, text after a closing quote, a
 *       quoted cell that does not close properly within {@code max-lines-per-row} lines or before the
 *       end of the file) becomes a {@code claim-row} of its own with a {@code defect} saying why, its
 *       cells split at every separator so that the claim id it shows is mapped; reading resumes on the
 *       next line, so a stray quote never swallows the rows after it;</li>
 *   <li>a record with no non-blank cell (a blank line, {@code ,,,}) carries no data: it is reported to
 *       the read as a blank row and not emitted;</li>
 *   <li>a mapping expression that throws on a row (it runs when the {@code claim-row} starts) refuses the
 *       file, naming the row and the exception's class, never its message (it may quote a cell).</li>
 * </ul>
 *
 * <p>Smooks may pool readers ({@link ClaimFileReader} has it do so): an instance serves one read at a
 * time and keeps nothing between reads.
 */
public class ClaimCsvReader implements SmooksXMLReader {

    /** Element and attribute names of the event stream, fixed so that every mapping file agrees. */
    public static final String FILE_ELEMENT = "claim-file";
    public static final String ROW_ELEMENT = "claim-row";
    public static final String NUMBER_ATTRIBUTE = "number";
    public static final String DEFECT_ATTRIBUTE = "defect";
    /** The last physical line of the row: more than {@code number} when a quoted cell spans lines. */
    public static final String LAST_LINE_ATTRIBUTE = "last-line";
    /** The bean that holds the cells of the current row, by normalised header name. */
    public static final String CELL_BEAN = "cell";

    private static final char REPLACEMENT = '\uFFFD';
    private static final char BOM = '\uFEFF';
    private static final String NS = XMLConstants.NULL_NS_URI;
    private static final AttributesImpl NO_ATTRIBUTES = new AttributesImpl();
    private static final ClaimRowListener NO_LISTENER = new ClaimRowListener() {
        @Override
        public void header(List<String> sourceNames, List<String> names) {
        }

        @Override
        public void blankRow(long line, long lines) {
        }

        @Override
        public void lines(long lines, long headerLines, long unreadableLines) {
        }

        @Override
        public void row(ClaimRow row) {
        }
    };

    @Inject
    private Character separator = ',';

    @Inject
    @Named("quote")
    private Character quote = '"';

    @Inject
    @Named("max-lines-per-row")
    private Integer maxLinesPerRow = 1000;

    private ContentHandler contentHandler;
    private ExecutionContext executionContext;

    @Override
    public void setExecutionContext(ExecutionContext executionContext) {
        this.executionContext = executionContext;
    }

    @Override
    public void parse(InputSource input) throws IOException, SAXException {
        if (contentHandler == null || executionContext == null) {
            throw new IllegalStateException("content handler and execution context must be set before parse");
        }
        try {
            ClaimRowListener listener = executionContext.get(ClaimRowListener.KEY);
            parse(characters(input), listener == null ? NO_LISTENER : listener);
        } catch (ClaimFileRefusedException e) {
            throw new SAXException(e);
        } finally {
            // pooled: nothing of this read may stay behind
            contentHandler = null;
            executionContext = null;
        }
    }

    private void parse(Reader characters, ClaimRowListener listener)
            throws IOException, SAXException, ClaimFileRefusedException {
        BufferedReader in = new BufferedReader(characters, 1 << 16);
        skipByteOrderMark(in);
        CsvRecordReader csv = new CsvRecordReader(in, separator, quote, maxLinesPerRow);

        CsvRecord header = csv.next();
        while (header != null && header.unreadable() == null && isBlank(header.cells())) {
            header = csv.next();
        }
        if (header == null) {
            throw new ClaimFileRefusedException(csv.lines() == 0
                    ? "the file is empty"
                    : "the file has no header: it has only blank rows");
        }
        if (header.unreadable() != null) {
            throw new ClaimFileRefusedException("the header is not readable: " + header.unreadable());
        }
        List<String> sourceNames = new ArrayList<>(header.cells().size());
        String[] names = new String[header.cells().size()];
        for (int i = 0; i < names.length; i++) {
            String source = header.cells().get(i).strip();
            if (source.indexOf(REPLACEMENT) >= 0) {
                throw new ClaimFileRefusedException("the header is not valid UTF-8: save the file as UTF-8");
            }
            sourceNames.add(source);
            names[i] = ColumnNames.normalise(source, i + 1);
        }
        // the layout's check first: in a file without header, the "header" is a row of data, which the
        // message about duplicates would quote
        listener.header(List.copyOf(sourceNames), List.of(names));
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            Integer earlier = positions.putIfAbsent(names[i], i);
            if (earlier != null) {
                throw new ClaimFileRefusedException("the header names the same column twice: '"
                        + sourceNames.get(earlier) + "' (column " + (earlier + 1) + ") and '" + sourceNames.get(i)
                        + "' (column " + (i + 1) + ") both read as " + names[i]);
            }
        }
        long headerLines = header.lastLine();
        csv.expectCells(names.length);

        BeanContext beans = executionContext.getBeanContext();
        contentHandler.startDocument();
        contentHandler.startElement(NS, FILE_ELEMENT, FILE_ELEMENT, NO_ATTRIBUTES);
        long rows = 0;
        long unreadable = 0;
        CsvRecord record;
        while ((record = csv.next()) != null) {
            if (record.unreadable() == null && isBlank(record.cells())) {
                listener.blankRow(record.firstLine(), record.lines());
                continue;
            }
            rows++;
            unreadable += record.unreadable() == null ? 0 : 1;
            long row = record.firstLine();
            AttributesImpl attributes = new AttributesImpl();
            attributes.addAttribute(NS, NUMBER_ATTRIBUTE, NUMBER_ATTRIBUTE, "CDATA", Long.toString(row));
            attributes.addAttribute(NS, LAST_LINE_ATTRIBUTE, LAST_LINE_ATTRIBUTE, "CDATA", Long.toString(record.lastLine()));
            String defect = record.unreadable() != null ? record.unreadable() : defect(row, record.cells(), names.length);
            if (defect != null) {
                attributes.addAttribute(NS, DEFECT_ATTRIBUTE, DEFECT_ATTRIBUTE, "CDATA", defect);
            }
            Map<String, String> cell = new HashMap<>();
            for (int i = 0, mapped = Math.min(record.cells().size(), names.length); i < mapped; i++) {
                String value = CellText.clean(record.cells().get(i));
                if (value != null) {
                    cell.put(names[i], value);
                }
            }
            beans.addBean(CELL_BEAN, Collections.unmodifiableMap(cell));
            try {
                contentHandler.startElement(NS, ROW_ELEMENT, ROW_ELEMENT, attributes);
            } catch (RuntimeException | SAXException | StackOverflowError e) {
                // the mapping's bean factory runs here; Smooks' MVELFactory.toString() recurses when it
                // reports a failed expression, hence the StackOverflowError
                throw new ClaimFileRefusedException("row " + row + " could not be mapped: an expression of the "
                        + "layout failed on it (" + failure(e) + "); the layout must cope with every value");
            }
            contentHandler.endElement(NS, ROW_ELEMENT, ROW_ELEMENT);
        }
        if (rows == 0) {
            throw new ClaimFileRefusedException(csv.lines() == headerLines
                    ? "the file holds no claims: there is nothing after the header"
                    : "the file holds no claims: the header is followed by blank rows only");
        }
        beans.removeBean(CELL_BEAN, null);
        listener.lines(csv.lines(), headerLines, unreadable);
        contentHandler.endElement(NS, FILE_ELEMENT, FILE_ELEMENT);
        contentHandler.endDocument();
    }

    private static boolean isBlank(List<String> cells) {
        for (String cell : cells) {
            if (CellText.clean(cell) != null) {
                return false;
            }
        }
        return true;
    }

    private static String defect(long row, List<String> cells, int headerCells) {
        String defect = null;
        if (cells.size() != headerCells) {
            defect = "row " + row + " has " + cells.size() + (cells.size() == 1 ? " cell" : " cells")
                    + " but the header has " + headerCells;
        }
        for (String cell : cells) {
            if (cell.indexOf(REPLACEMENT) >= 0) {
                String encoding = "row " + row + " is not valid UTF-8 (undecodable bytes were replaced)";
                defect = defect == null ? encoding : defect + "; " + encoding;
                break;
            }
        }
        return defect;
    }

    /** Exception class names only: messages may quote cell values. */
    private static String failure(Throwable e) {
        StringBuilder names = new StringBuilder();
        for (Throwable t = e; t != null && names.length() < 300; t = t.getCause() == t ? null : t.getCause()) {
            if (names.length() > 0) {
                names.append(" < ");
            }
            names.append(t.getClass().getSimpleName());
        }
        return names.toString();
    }

    private static Reader characters(InputSource input) {
        if (input.getCharacterStream() != null) {
            return input.getCharacterStream();
        }
        if (input.getByteStream() != null) {
            return new InputStreamReader(input.getByteStream(), StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("the claim file source has neither characters nor bytes");
    }

    private static void skipByteOrderMark(BufferedReader in) throws IOException {
        in.mark(1);
        if (in.read() != BOM) {
            in.reset();
        }
    }

    // --- the rest of XMLReader: nothing to configure ---

    @Override
    public void parse(String systemId) {
        throw new UnsupportedOperationException("a claim file is read from an InputSource");
    }

    @Override
    public void setContentHandler(ContentHandler handler) {
        this.contentHandler = handler;
    }

    @Override
    public ContentHandler getContentHandler() {
        return contentHandler;
    }

    @Override
    public boolean getFeature(String name) {
        return false;
    }

    @Override
    public void setFeature(String name, boolean value) {
    }

    @Override
    public Object getProperty(String name) {
        return null;
    }

    @Override
    public void setProperty(String name, Object value) {
    }

    @Override
    public void setEntityResolver(EntityResolver resolver) {
    }

    @Override
    public EntityResolver getEntityResolver() {
        return null;
    }

    @Override
    public void setDTDHandler(DTDHandler handler) {
    }

    @Override
    public DTDHandler getDTDHandler() {
        return null;
    }

    @Override
    public void setErrorHandler(ErrorHandler handler) {
    }

    @Override
    public ErrorHandler getErrorHandler() {
        return null;
    }
}
