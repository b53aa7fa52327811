package org.retro278.mapping;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.retro278.testing.ProjectFiles;

/**
 * Claim files broken the ways a careless export breaks them (stray, unbalanced and misplaced double
 * quotes anywhere, a quote opening on the last line, quotes that merge rows), each in LF, CR LF and CR
 * line endings, made from a valid sample; and valid files whose quoted cells span lines. Tests of every
 * stage (mapping, convert, intake) check on them that each physical line is accounted for.
 */
public final class MalformedClaimFiles {

    /** The sample every case starts from: five claims on ten lines (the header included), no quote in it. */
    public static final String SAMPLE = "sample-edi/claims/riverside-2026-11-15.csv";

    /**
     * @param name          what was done to the sample
     * @param content       the file
     * @param claimOfLine   the claim id each line of the sample shows (index 0 = line 1, the header)
     * @param mutatedLines  lines whose quoting was broken: each must come out as a defective row
     * @param multiLineRows for valid cells spanning lines: the first line of each such row
     */
    public record Case(String name, String content, List<String> claimOfLine, Set<Long> mutatedLines,
                       Set<Long> multiLineRows) {
        @Override
        public String toString() {
            return name;
        }
    }

    private MalformedClaimFiles() {
    }

    /** Lines of the sample, without their terminators. */
    public static List<String> sampleLines() throws IOException {
        return Files.readAllLines(ProjectFiles.path(SAMPLE));
    }

    /** Physical lines of a text, counted as a text editor counts them (LF, CR LF, CR). */
    public static long physicalLines(String content) {
        if (content.isEmpty()) {
            return 0;
        }
        long lines = 0;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == content.length() || content.charAt(i + 1) != '\n'))) {
                lines++;
            }
        }
        char last = content.charAt(content.length() - 1);
        return last == '\n' || last == '\r' ? lines : lines + 1;
    }

    /** Every case: the named ones, then {@code random} seeded single-quote insertions, in three line endings. */
    public static List<Case> all(long seed, int random) throws IOException {
        List<String> lines = sampleLines();
        List<String> ids = lines.stream().map(l -> l.substring(0, l.indexOf(','))).toList();
        List<Case> out = new ArrayList<>();
        List<Case> lf = new ArrayList<>();
        lf.add(mutate(lines, ids, "quote inside an unquoted cell", Set.of(4L), l -> insert(l.get(3), 20, '"')));
        lf.add(mutate(lines, ids, "quote inside the claim id", Set.of(5L), l -> insert(l.get(4), 3, '"')));
        lf.add(mutate(lines, ids, "quote opens a cell and never closes", Set.of(3L), l -> atCellStart(l.get(2), 8)));
        long last = lines.size();
        lf.add(mutate(lines, ids, "quote opens a cell on the last line", Set.of(last), l -> atCellStart(l.get(l.size() - 1), 38)));
        lf.add(mutate(lines, ids, "quote as the last character of the file", Set.of(last), l -> l.get(l.size() - 1) + "\""));
        lf.add(mutate(lines, ids, "quote opens the last cell of the last line", Set.of(last), l -> l.get(l.size() - 1) + ",\""));
        lf.add(mutate(lines, ids, "quote closes a cell that never opened", Set.of(2L), l -> atCellEnd(l.get(1), 9)));
        lf.add(mutate(lines, ids, "text after a closing quote", Set.of(6L), l -> replaceCell(l.get(5), 9, "\"Ada\"ze")));
        lf.add(merge(lines, ids, "two stray quotes merge adjacent rows", 3, 4, 38));
        lf.add(merge(lines, ids, "two stray quotes merge rows with rows between", 2, 6, 38));
        lf.add(merge(lines, ids, "two stray quotes merge rows at different cells", 3, 5, 10));
        List<String> everyLine = new ArrayList<>(lines);
        Set<Long> all = new LinkedHashSet<>();
        for (int i = 1; i < everyLine.size(); i++) {
            everyLine.set(i, atCellStart(everyLine.get(i), 1 + i));
            all.add(i + 1L);
        }
        lf.add(new Case("a stray quote on every line", join(everyLine, "\n", true), ids, all, Set.of()));
        Random rnd = new Random(seed);
        for (int n = 0; n < random; n++) {
            int line = 1 + rnd.nextInt(lines.size() - 1);
            List<String> copy = new ArrayList<>(lines);
            copy.set(line, insert(copy.get(line), rnd.nextInt(copy.get(line).length() + 1), '"'));
            lf.add(new Case("random quote " + n + " on line " + (line + 1), join(copy, "\n", true), ids,
                    Set.of(line + 1L), Set.of()));
        }
        lf.add(multiLine(lines, ids, 2));
        lf.add(multiLine(lines, ids, 60));
        for (Case c : lf) {
            out.add(c);
            out.add(new Case(c.name() + " (CR LF)", c.content().replace("\n", "\r\n"), c.claimOfLine(),
                    c.mutatedLines(), c.multiLineRows()));
            out.add(new Case(c.name() + " (CR, no final line break)", c.content().replace("\n", "\r")
                    .replaceAll("\r$", ""), c.claimOfLine(), c.mutatedLines(), c.multiLineRows()));
        }
        return out;
    }

    private interface LineEdit {
        String apply(List<String> lines);
    }

    private static Case mutate(List<String> lines, List<String> ids, String name, Set<Long> mutated, LineEdit edit) {
        List<String> copy = new ArrayList<>(lines);
        long line = mutated.iterator().next();
        copy.set((int) line - 1, edit.apply(lines));
        return new Case(name, join(copy, "\n", true), ids, mutated, Set.of());
    }

    /** A quote opening cell {@code cell} of line {@code from} and one closing the same cell of line {@code to}. */
    private static Case merge(List<String> lines, List<String> ids, String name, int from, int to, int cell) {
        List<String> copy = new ArrayList<>(lines);
        copy.set(from - 1, atCellStart(copy.get(from - 1), cell));
        copy.set(to - 1, atCellEnd(copy.get(to - 1), cell));
        return new Case(name, join(copy, "\n", true), ids, Set.of((long) from, (long) to), Set.of());
    }

    /** A valid file: the retro_note of line 4 quoted and spanning {@code extraLines} more lines. */
    private static Case multiLine(List<String> lines, List<String> ids, int extraLines) {
        List<String> copy = new ArrayList<>(lines);
        List<String> shifted = new ArrayList<>(ids);
        StringBuilder note = new StringBuilder("\"Seen at night, \"\"urgent\"\"");
        for (int i = 0; i < extraLines; i++) {
            note.append("\nand, ").append(i);
            shifted.add(4, "");
        }
        note.append('"');
        copy.set(3, replaceCell(copy.get(3), 39, note.toString()));
        return new Case("valid quoted cell over " + (extraLines + 1) + " lines", join(copy, "\n", true), shifted,
                Set.of(), Set.of(4L));
    }

    private static String join(List<String> lines, String eol, boolean finalEol) {
        return String.join(eol, lines) + (finalEol ? eol : "");
    }

    private static String insert(String line, int at, char c) {
        int i = Math.min(at, line.length());
        return line.substring(0, i) + c + line.substring(i);
    }

    private static String atCellStart(String line, int cell) {
        List<String> cells = new ArrayList<>(Arrays.asList(line.split(",", -1)));
        int i = (cell - 1) % cells.size();
        cells.set(i, "\"" + cells.get(i));
        return String.join(",", cells);
    }

    private static String atCellEnd(String line, int cell) {
        List<String> cells = new ArrayList<>(Arrays.asList(line.split(",", -1)));
        int i = (cell - 1) % cells.size();
        cells.set(i, cells.get(i) + "x\"");
        return String.join(",", cells);
    }

    private static String replaceCell(String line, int cell, String value) {
        List<String> cells = new ArrayList<>(Arrays.asList(line.split(",", -1)));
        cells.set(cell - 1, value);
        return String.join(",", cells);
    }
}
