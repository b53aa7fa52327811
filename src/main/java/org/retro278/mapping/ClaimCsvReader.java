package org.retro278.mapping;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvMalformedLineException;
import com.opencsv.exceptions.CsvMultilineLimitBrokenException;
import com.opencsv.exceptions.CsvValidationException;
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
 *     <claim-row number="2"/>                      the record number in the file, header = 1
 *     <claim-row number="3" defect="row 3 has 2 cells but the header has 42"/>
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
 * element names as they are, so {@code Member #} cannot be selected. This reader keeps opencsv's RFC
 * 4180 parser (no escape character: {@code ""} is a quote, {@code \} is a backslash) and fixes the rest:
 * <ul>
 *   <li>a leading byte-order mark is skipped; header names are normalised by {@link ColumnNames}; a
 *       file that is empty, has only blank rows, has two header cells of the same normalised name or a
 *       header that is not valid UTF-8 is refused as a whole;</li>
 *   <li>every record after the header becomes a {@code claim-row}: one whose cell count differs from
 *       the header's keeps the cells it has (those beyond the header are not mapped) and carries a
 *       {@code defect}; so does one with a U+FFFD replacement character, the mark that the bytes were
 *       not valid UTF-8 when decoded;</li>
 *   <li>a record with no non-blank cell (a blank line, {@code ,,,}) carries no data: it is reported to
 *       the read as a blank row and not emitted;</li>
 *   <li>a record is one row even when a quoted cell spans lines, so {@code number} equals the line number
 *       until the first such cell; a quoted cell still open after {@code max-lines-per-row} lines or at
 *       the end of the file refuses the file (its rows can no longer be told apart);</li>
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
        public void blankRow(long row) {
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
        CSVReader csv = new CSVReaderBuilder(in)
                .withCSVParser(new RFC4180ParserBuilder().withSeparator(separator).withQuoteChar(quote).build())
                .withVerifyReader(false)
                .withMultilineLimit(maxLinesPerRow)
                .build();

        String[] header = nextNonBlank(csv, listener, true);
        if (header == null) {
            throw new ClaimFileRefusedException(csv.getRecordsRead() == 0
                    ? "the file is empty"
                    : "the file has no header: it has only blank rows");
        }
        List<String> sourceNames = new ArrayList<>(header.length);
        String[] names = new String[header.length];
        for (int i = 0; i < header.length; i++) {
            String source = header[i] == null ? "" : header[i].strip();
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

        BeanContext beans = executionContext.getBeanContext();
        contentHandler.startDocument();
        contentHandler.startElement(NS, FILE_ELEMENT, FILE_ELEMENT, NO_ATTRIBUTES);
        String[] cells;
        while ((cells = nextNonBlank(csv, listener, false)) != null) {
            long row = csv.getRecordsRead();
            AttributesImpl attributes = new AttributesImpl();
            attributes.addAttribute(NS, NUMBER_ATTRIBUTE, NUMBER_ATTRIBUTE, "CDATA", Long.toString(row));
            String defect = defect(row, cells, names.length);
            if (defect != null) {
                attributes.addAttribute(NS, DEFECT_ATTRIBUTE, DEFECT_ATTRIBUTE, "CDATA", defect);
            }
            Map<String, String> cell = new HashMap<>();
            for (int i = 0, mapped = Math.min(cells.length, names.length); i < mapped; i++) {
                String value = CellText.clean(cells[i]);
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
        beans.removeBean(CELL_BEAN, null);
        contentHandler.endElement(NS, FILE_ELEMENT, FILE_ELEMENT);
        contentHandler.endDocument();
    }

    /** The next record with a non-blank cell; blank ones after the header are reported to the listener. */
    private static String[] nextNonBlank(CSVReader csv, ClaimRowListener listener, boolean beforeHeader)
            throws IOException, ClaimFileRefusedException {
        while (true) {
            String[] cells;
            try {
                cells = csv.readNext();
            } catch (CsvMultilineLimitBrokenException e) {
                // not chained: opencsv's messages quote the cell, which may hold PHI
                throw new ClaimFileRefusedException("row " + e.getRow() + " has a quoted cell that runs over more than "
                        + e.getMultilineLimit() + " lines: a closing quote is probably missing");
            } catch (CsvMalformedLineException e) {
                throw new ClaimFileRefusedException("row " + (csv.getRecordsRead() + 1) + " (line " + e.getLineNumber()
                        + ") has a quoted cell that is not closed before the end of the file");
            } catch (CsvValidationException e) {
                throw new IllegalStateException("no CSV validators are configured", e);
            }
            if (cells == null) {
                return null;
            }
            for (String cell : cells) {
                if (CellText.clean(cell) != null) {
                    return cells;
                }
            }
            if (!beforeHeader) {
                listener.blankRow(csv.getRecordsRead());
            }
        }
    }

    private static String defect(long row, String[] cells, int headerCells) {
        String defect = null;
        if (cells.length != headerCells) {
            defect = "row " + row + " has " + cells.length + (cells.length == 1 ? " cell" : " cells")
                    + " but the header has " + headerCells;
        }
        for (String cell : cells) {
            if (cell != null && cell.indexOf(REPLACEMENT) >= 0) {
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
