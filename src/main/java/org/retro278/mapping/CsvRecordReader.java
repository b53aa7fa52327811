package org.retro278.mapping;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The RFC 4180 records of a claim file, each with the physical lines it spans, so that every line of the
 * file is accounted for. A line ends at LF, CR LF or a lone CR; a line break inside a quoted cell reads
 * as LF.
 *
 * <p>A record that breaks the quoting rules is not guessed at: its <em>first line</em> becomes an
 * {@linkplain CsvRecord#unreadable() unreadable} record of its own (cells split at every separator,
 * quotes dropped, so that the claim id it shows still names its claim and rejects all of it) and reading resumes on the
 * next line. Broken quoting is a double quote inside an unquoted cell, text after a closing quote, and a
 * quoted cell that never closes (at the end of the file or after {@code maxLinesPerRow} lines). A record
 * that spans lines is also taken for rows merged by a stray quote, and refused the same way, when it
 * does not have the header's number of cells, or when one of its cells holds, around one of its line
 * breaks, as many separators as a whole row has (the end of one row and the start of the next, or a
 * whole row; for layouts of at least {@value #MIN_CELLS_TO_TELL_MERGED_ROWS} columns): one stray quote can
 * then cost a line, never the rows after it.
 */
final class CsvRecordReader {

    /**
     * @param firstLine  the line the record starts on (the first line of the file is 1)
     * @param lastLine   the line it ends on
     * @param cells      its cells, as written (quotes removed); for an unreadable line, split leniently
     * @param unreadable why the line is not a CSV record, or {@code null}
     */
    record CsvRecord(long firstLine, long lastLine, List<String> cells, String unreadable) {
        long lines() {
            return lastLine - firstLine + 1;
        }
    }

    private record Line(long number, String text) {
    }

    /**
     * Below this many columns a row's worth of separators is too few to tell merged rows from a note
     * that spans lines; the cell count still catches most merges there.
     */
    static final int MIN_CELLS_TO_TELL_MERGED_ROWS = 5;

    private final LineSource source;
    private final char separator;
    private final char quote;
    private final int maxLinesPerRow;
    private final Deque<Line> pushedBack = new ArrayDeque<>();
    private int headerCells;

    CsvRecordReader(Reader in, char separator, char quote, int maxLinesPerRow) {
        this.source = new LineSource(in);
        this.separator = separator;
        this.quote = quote;
        this.maxLinesPerRow = Math.max(1, maxLinesPerRow);
    }

    /** From now on a record that spans lines must have this many cells (the header's). */
    void expectCells(int cells) {
        this.headerCells = cells;
    }

    /** Physical lines read so far: after the last record, the lines of the file. */
    long lines() {
        return source.lines();
    }

    /** The next record, or {@code null} at the end of the file. */
    CsvRecord next() throws IOException {
        Line first = nextLine();
        if (first == null) {
            return null;
        }
        List<Line> taken = new ArrayList<>();
        taken.add(first);
        Parse p = parse(taken);
        if (p.problem == null && taken.size() > 1 && headerCells > 0) {
            if (p.cells.size() != headerCells) {
                p.problem = "the quoted cell in column " + p.openColumn + " runs over " + taken.size()
                        + " lines, which then hold " + p.cells.size() + " cells instead of " + headerCells
                        + ": a closing quote is probably missing";
            } else if (headerCells >= MIN_CELLS_TO_TELL_MERGED_ROWS && p.separatorsAcrossLineBreak >= headerCells - 1) {
                p.problem = "the quoted cell in column " + p.openColumn + " runs over " + taken.size()
                        + " lines and holds a whole row's worth of separators: a quote is probably misplaced";
            }
        }
        if (p.problem == null) {
            return new CsvRecord(first.number(), taken.get(taken.size() - 1).number(), p.cells, null);
        }
        for (int i = taken.size() - 1; i >= 1; i--) {
            pushedBack.addFirst(taken.get(i));
        }
        return new CsvRecord(first.number(), first.number(), lenient(first.text()),
                "line " + first.number() + " is not valid CSV: " + p.problem);
    }

    /** What parsing one record found. */
    private static final class Parse {
        final List<String> cells = new ArrayList<>();
        String problem;
        int openColumn;
        /** The most separators in a quoted cell on the two sides of one of its line breaks. */
        int separatorsAcrossLineBreak;
    }

    private Parse parse(List<Line> taken) throws IOException {
        Parse p = new Parse();
        String text = taken.get(0).text();
        int pos = 0;
        while (true) {
            int column = p.cells.size() + 1;
            if (pos < text.length() && text.charAt(pos) == quote) {
                StringBuilder cell = new StringBuilder();
                pos++;
                int segment = 0;
                int previousSegment = -1;
                while (true) {
                    int q = text.indexOf(quote, pos);
                    if (q < 0) {
                        cell.append(text, pos, text.length());
                        segment += count(text, pos, text.length());
                        if (previousSegment >= 0) {
                            p.separatorsAcrossLineBreak = Math.max(p.separatorsAcrossLineBreak, previousSegment + segment);
                        }
                        previousSegment = segment;
                        segment = 0;
                        if (taken.size() == 1) {
                            p.openColumn = column;
                        }
                        if (taken.size() >= maxLinesPerRow) {
                            p.problem = "the quoted cell in column " + p.openColumn + " is still open after "
                                    + maxLinesPerRow + " lines: a closing quote is probably missing";
                            return p;
                        }
                        Line more = nextLine();
                        if (more == null) {
                            p.problem = "the quoted cell in column " + p.openColumn
                                    + " is not closed before the end of the file";
                            return p;
                        }
                        taken.add(more);
                        text = more.text();
                        pos = 0;
                        cell.append('\n');
                        continue;
                    }
                    cell.append(text, pos, q);
                    segment += count(text, pos, q);
                    pos = q + 1;
                    if (pos < text.length() && text.charAt(pos) == quote) {
                        cell.append(quote);
                        pos++;
                        continue;
                    }
                    break;
                }
                if (previousSegment >= 0) {
                    p.separatorsAcrossLineBreak = Math.max(p.separatorsAcrossLineBreak, previousSegment + segment);
                }
                p.cells.add(cell.toString());
                if (pos == text.length()) {
                    return p;
                }
                if (text.charAt(pos) != separator) {
                    p.problem = taken.size() == 1
                            ? "text follows the closing quote of the cell in column " + column
                            : "the quoted cell in column " + p.openColumn + " does not close where a cell ends:"
                                    + " a quote is probably missing or misplaced";
                    return p;
                }
                pos++;
            } else {
                int end = text.indexOf(separator, pos);
                end = end < 0 ? text.length() : end;
                if (text.indexOf(quote, pos) >= 0 && text.indexOf(quote, pos) < end) {
                    p.problem = taken.size() == 1
                            ? "a double quote inside the unquoted cell in column " + column
                                    + " (quote the whole cell and double the quote inside it)"
                            : "the quoted cell in column " + p.openColumn + " does not close where a cell ends:"
                                    + " a quote is probably missing or misplaced";
                    return p;
                }
                p.cells.add(text.substring(pos, end));
                if (end == text.length()) {
                    return p;
                }
                pos = end + 1;
            }
        }
    }

    /**
     * One line split at every separator, quotes removed: a stray quote in the claim id cell must not give
     * the line a claim of its own while the rest of its claim is sent without it.
     */
    private List<String> lenient(String text) {
        List<String> cells = new ArrayList<>();
        int pos = 0;
        while (true) {
            int end = text.indexOf(separator, pos);
            cells.add(text.substring(pos, end < 0 ? text.length() : end).replace(String.valueOf(quote), ""));
            if (end < 0) {
                return cells;
            }
            pos = end + 1;
        }
    }

    private int count(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == separator) {
                n++;
            }
        }
        return n;
    }

    private Line nextLine() throws IOException {
        if (!pushedBack.isEmpty()) {
            return pushedBack.removeFirst();
        }
        String text = source.next();
        return text == null ? null : new Line(source.lines(), text);
    }

    /** Physical lines of a character stream, without their terminators (LF, CR LF, CR). */
    private static final class LineSource {
        private final Reader in;
        private final char[] buffer = new char[1 << 16];
        private int pos;
        private int limit;
        private long lines;
        private boolean skipLf;

        LineSource(Reader in) {
            this.in = in;
        }

        long lines() {
            return lines;
        }

        String next() throws IOException {
            StringBuilder line = null;
            while (true) {
                if (pos == limit) {
                    limit = in.read(buffer, 0, buffer.length);
                    pos = 0;
                    if (limit <= 0) {
                        limit = 0;
                        if (line == null) {
                            return null;
                        }
                        lines++;
                        return line.toString();
                    }
                }
                if (skipLf) {
                    skipLf = false;
                    if (buffer[pos] == '\n') {
                        pos++;
                        continue;
                    }
                }
                int start = pos;
                while (pos < limit && buffer[pos] != '\n' && buffer[pos] != '\r') {
                    pos++;
                }
                if (line == null) {
                    line = new StringBuilder(pos - start + 16);
                }
                line.append(buffer, start, pos - start);
                if (pos < limit) {
                    skipLf = buffer[pos] == '\r';
                    pos++;
                    lines++;
                    return line.toString();
                }
            }
        }
    }
}
