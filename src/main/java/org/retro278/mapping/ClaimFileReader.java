package org.retro278.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.io.input.TeeInputStream;
import org.retro278.config.ConfigurationException;
import org.retro278.io.ConsumerFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smooks.Smooks;
import org.smooks.api.ExecutionContext;
import org.smooks.api.resource.config.ResourceConfig;
import org.smooks.api.resource.config.ResourceConfigSeq;
import org.smooks.engine.DefaultApplicationContextBuilder;
import org.smooks.engine.DefaultFilterSettings;
import org.smooks.engine.lookup.ResourceConfigSeqsLookup;
import org.smooks.io.source.ReaderSource;
import org.smooks.resource.URIResourceLocator;
import org.xml.sax.SAXException;

/**
 * Reads claim files of one {@link ClaimLayout} through its Smooks mapping and hands their claims to a
 * {@link ClaimGroupSink} as they stream by: memory does not grow with the file.
 *
 * <p>One instance per layout holds the compiled Smooks configuration; build it once and use it for every
 * file. It is thread-safe: several files may be read at the same time (each read has its own Smooks
 * execution context, its own state and its own temporary file).
 *
 * <p>A read:
 * <ol>
 *   <li>refuses the file as a whole ({@link ClaimFileRefusedException}) when it is empty, has no header,
 *       lacks required columns of the layout (all of them are named, as the layout writes them), names a
 *       column twice, or holds no claims (nothing but blank rows after the header); such a refusal can
 *       come after claims were handed on (a mapping expression failing late in the file), so a sink keeps
 *       nothing until {@link ClaimGroupSink#end()}, which is called only after a complete read ({@link #readChecked}
 *       refuses before it hands anything on);</li>
 *   <li>hands every row on: rows with another cell count than the header, bytes that are not UTF-8, or
 *       a value longer than any 278 element carry a {@link ClaimRow#defect()}; so does every line that is
 *       not valid CSV, as a row of its own ({@link CsvRecordReader}); blank rows are counted, not handed
 *       on; the {@link ReadSummary} accounts for every physical line;</li>
 *   <li>groups rows into claims as {@link ClaimGrouper} describes; when a claim is split, the file is
 *       read a second time up to the last row of a split claim to gather their rows (a regular file is
 *       reopened; anything else, a pipe for example, is copied to a temporary file as it is read the
 *       first time). The file must not change while it is read.</li>
 * </ol>
 *
 * <p>Logs counts, row numbers, claim ids and file names only, never a cell value.
 */
public final class ClaimFileReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimFileReader.class);

    private final ClaimLayout layout;
    private final Path tempDir;
    private final Smooks smooks;

    /** A reader whose temporary files go to {@code java.io.tmpdir}. */
    public ClaimFileReader(ClaimLayout layout) throws ConfigurationException {
        this(layout, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * @param tempDir where a read keeps its temporary files (claim ids; rows of split claims; the copy of
     *                a piped input): they hold PHI, so a directory only the adapter can read
     * @throws ConfigurationException when the mapping file is not a valid Smooks configuration or does not
     *                                use {@link ClaimCsvReader} and {@link ClaimRowHandOff}
     */
    public ClaimFileReader(ClaimLayout layout, Path tempDir) throws ConfigurationException {
        this.layout = layout;
        this.tempDir = tempDir;
        Smooks compiled = null;
        try {
            compiled = compile(layout.mappingFile());
            checkWiring(compiled, layout);
            compiled.createExecutionContext(); // builds the delivery configuration: errors show now, not per file
        } catch (ConfigurationException e) {
            compiled.close();
            throw e;
        } catch (Exception e) {
            if (compiled != null) {
                compiled.close();
            }
            throw new ConfigurationException("layout '" + layout.name() + "': " + layout.mappingFile()
                    + " is not a usable Smooks configuration: " + e.getMessage(), e);
        }
        this.smooks = compiled;
    }

    public ClaimLayout layout() {
        return layout;
    }

    /**
     * The Smooks instance of a mapping file. Default serialization is off: a read produces no Smooks
     * output, and serializing every event for nothing cost about a quarter of the throughput. Readers are
     * pooled ({@link ClaimCsvReader} keeps nothing between reads), which saves a little on small files.
     */
    private static Smooks compile(Path mappingFile) throws IOException, SAXException {
        String uri = mappingFile.toAbsolutePath().toUri().toString();
        URIResourceLocator locator = new URIResourceLocator();
        locator.setBaseURI(URIResourceLocator.extractBaseURI(uri));
        Smooks smooks = new Smooks(new DefaultApplicationContextBuilder()
                .withResourceLocator(locator)
                .withFilterSettings(new DefaultFilterSettings().setDefaultSerializationOn(false).setReaderPoolSize(-1))
                .build());
        try {
            smooks.addResourceConfigs(uri);
        } catch (IOException | SAXException | RuntimeException e) {
            smooks.close();
            throw e;
        }
        return smooks;
    }

    /**
     * Reads one claim file and hands its claims to {@code sink}, then calls {@link ClaimGroupSink#end()}.
     *
     * @throws ClaimFileRefusedException the file cannot be read as a whole (plain message, no PHI)
     * @throws IOException               the file cannot be read
     * @throws ClaimSinkException        the sink threw a checked exception (unchecked ones pass as they are)
     */
    public ReadSummary read(Path file, ClaimGroupSink sink) throws ClaimFileRefusedException, IOException {
        return read(file.toString(), () -> Files.newInputStream(file), !Files.isRegularFile(file), sink);
    }

    /**
     * Reads one claim file in two passes, so that every claim it hands on is final: the first pass checks the file
     * whole (everything that refuses it, {@link ClaimFileRefusedException}, and which claims have rows apart) and
     * hands nothing on; the second hands on each claim once, complete, as soon as its rows end, a claim with rows
     * apart after the end of the file. {@link ClaimGroupSink#retract} is never called and no refusal follows a claim
     * handed on, so a sink may let each claim go at once (the intake releases them in chunks as they are recorded).
     * The file must be a regular file that does not change while it is read.
     *
     * @throws IOException also when the second pass does not read what the first did (the file changed)
     */
    public ReadSummary readChecked(Path file, ClaimGroupSink sink) throws ClaimFileRefusedException, IOException {
        long started = System.nanoTime();
        try (SplitClaimStore store = new SplitClaimStore(tempDir)) {
            ClaimGrouper checking = new ClaimGrouper(NOTHING, store);
            FirstPass first = new FirstPass(file.toString(), checking);
            try (InputStream in = Files.newInputStream(file)) {
                filter(in, first);
            }
            checking.endOfFile();
            ReadSummary summary = summary(file.toString(), first, checking);
            long checked = System.nanoTime();
            ClaimGrouper handing = ClaimGrouper.knowingSplits(sink, checking);
            try (InputStream in = Files.newInputStream(file)) {
                // the second pass of a checked read: rows go to the grouper that knows the splits
                filter(in, new RowPass(handing) {
                    @Override
                    public void row(ClaimRow row) {
                        grouper.row(row);
                    }
                });
            } catch (ClaimFileRefusedException e) {
                throw new IOException(file + " changed while it was read: its second pass was refused", e);
            }
            handing.endOfFile();
            handing.handOnSplitClaims();
            if (handing.claims() != checking.claims()) {
                throw new IOException(file + " changed while it was read: " + checking.claims() + " claims, then "
                        + handing.claims());
            }
            end(sink);
            logRead(file.toString(), summary, ", checked first", "; checked in " + (checked - started) / 1_000_000
                    + " ms, handed on in " + (System.nanoTime() - checked) / 1_000_000 + " ms");
            return summary;
        } catch (ClaimFileRefusedException e) {
            LOG.warn("refused {} (layout '{}'): {}", file, layout.name(), e.getMessage());
            throw e;
        } catch (ConsumerFailure e) {
            throw e.consumerException(ClaimSinkException::new);
        }
    }

    /** Reads from a stream that can be read only once, and closes it (tests feed pipes through this). */
    ReadSummary read(String fileName, InputStream in, ClaimGroupSink sink)
            throws ClaimFileRefusedException, IOException {
        return read(fileName, () -> in, true, sink);
    }

    private ReadSummary read(String fileName, Input input, boolean readableOnce, ClaimGroupSink sink)
            throws ClaimFileRefusedException, IOException {
        long started = System.nanoTime();
        LOG.debug("reading {} with layout '{}'", fileName, layout.name());
        Path copy = readableOnce ? Files.createTempFile(tempDir, "retro278-input-", ".csv") : null;
        try (SplitClaimStore store = new SplitClaimStore(tempDir)) {
            ClaimGrouper grouper = new ClaimGrouper(sink, store);
            FirstPass first = new FirstPass(fileName, grouper);
            try (InputStream in = copy == null ? input.open() : new TeeInputStream(input.open(), newCopy(copy), true)) {
                filter(in, first);
            }
            grouper.endOfFile();
            if (grouper.hasSplitClaims()) {
                LOG.debug("{}: gathering the rows of {} split claims up to row {}", fileName,
                        grouper.splitClaims(), grouper.lastSplitRow());
                try (InputStream in = copy == null ? input.open() : Files.newInputStream(copy)) {
                    filter(in, new GatheringPass(grouper));
                }
                grouper.handOnSplitClaims();
            }
            end(sink);
            ReadSummary summary = summary(fileName, first, grouper);
            logRead(fileName, summary, "", " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            return summary;
        } catch (ClaimFileRefusedException e) {
            LOG.warn("refused {} (layout '{}'): {}", fileName, layout.name(), e.getMessage());
            throw e;
        } catch (ConsumerFailure e) {
            throw e.consumerException(ClaimSinkException::new);
        } finally {
            if (copy != null) {
                Files.deleteIfExists(copy);
            }
        }
    }

    private void logRead(String fileName, ReadSummary summary, String how, String time) {
        LOG.info("read {} (layout '{}'){}: {} rows, {} claims, {} split claims, {} defective rows, {} blank rows{}", fileName,
                layout.name(), how, summary.rows(), summary.claims(), summary.splitClaims(), summary.defectiveRows(),
                summary.blankRows(), time);
    }

    /** What a first pass counted, checked to account for every line. */
    private static ReadSummary summary(String fileName, FirstPass first, ClaimGrouper grouper) {
        ReadSummary summary = new ReadSummary(first.rows, grouper.claims(), grouper.splitClaims(),
                first.defectiveRows, first.blankRows, first.unreadableLines, first.lines, first.headerLines,
                first.blankLines, first.rowLines);
        if (!summary.accountsForEveryLine()) {
            throw new IllegalStateException(fileName + ": " + summary.lines() + " lines read but only "
                    + (summary.headerLines() + summary.blankLines() + summary.rowLines()) + " accounted for");
        }
        if (summary.unreadableLines() > 0) {
            LOG.warn("{}: {} line(s) are not valid CSV; each is rejected with the claim it shows", fileName,
                    summary.unreadableLines());
        }
        return summary;
    }

    /** The first pass of {@link #readChecked}: claims are counted and grouped, not handed on. */
    private static final ClaimGroupSink NOTHING = new ClaimGroupSink() {
        @Override
        public void claim(ClaimGroup group) {
        }

        @Override
        public void retract(String claimId) {
        }
    };

    private static OutputStream newCopy(Path copy) throws IOException {
        return Files.newOutputStream(copy);
    }

    private static void end(ClaimGroupSink sink) {
        try {
            sink.end();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ClaimSinkException(e);
        }
    }

    /** One pass of Smooks over the bytes of a file. */
    private void filter(InputStream bytes, ClaimRowListener listener) throws ClaimFileRefusedException, IOException {
        Reader characters = new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
        ExecutionContext context = smooks.createExecutionContext();
        context.put(ClaimRowListener.KEY, listener);
        try {
            smooks.filterSource(context, new ReaderSource<>(characters));
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ClaimFileRefusedException) {
                    throw (ClaimFileRefusedException) t;
                }
                if (t instanceof GatheringDone) {
                    return;
                }
                if (t instanceof ConsumerFailure sinkFailure) {
                    // the sink's own exception: unchecked ones as they are
                    throw sinkFailure.consumerException(ClaimSinkException::new);
                }
                if (t instanceof IOException) {
                    throw (IOException) t;
                }
            }
            throw e;
        }
    }

    @Override
    public void close() {
        smooks.close();
    }

    /** Refuses a mapping file that would not hand rows to Java the way this reader expects. */
    private static void checkWiring(Smooks smooks, ClaimLayout layout) throws ConfigurationException {
        Set<String> resources = new HashSet<>();
        for (ResourceConfigSeq seq : smooks.getApplicationContext().getRegistry().lookup(new ResourceConfigSeqsLookup())) {
            for (int i = 0; i < seq.size(); i++) {
                ResourceConfig config = seq.get(i);
                if (config.getResource() != null) {
                    resources.add(config.getResource());
                }
            }
        }
        List<String> missing = new ArrayList<>();
        if (!resources.contains(ClaimCsvReader.class.getName())) {
            missing.add("<reader class=\"" + ClaimCsvReader.class.getName() + "\"/>");
        }
        if (!resources.contains(ClaimRowHandOff.class.getName())) {
            missing.add("a <resource-config selector=\"" + ClaimCsvReader.ROW_ELEMENT + "\"> with <resource>"
                    + ClaimRowHandOff.class.getName() + "</resource>");
        }
        if (!missing.isEmpty()) {
            throw new ConfigurationException("layout '" + layout.name() + "': " + layout.mappingFile() + " lacks "
                    + String.join(" and ", missing) + " (see mappings/README.md)");
        }
    }

    /** Opens the file's bytes: once per pass. */
    @FunctionalInterface
    private interface Input {
        InputStream open() throws IOException;
    }

    /** The first pass: checks the header against the layout, counts, groups. */
    private final class FirstPass implements ClaimRowListener {
        private final String fileName;
        private final ClaimGrouper grouper;
        long rows;
        long defectiveRows;
        long blankRows;
        long blankLines;
        long rowLines;
        long lines;
        long headerLines;
        long unreadableLines;

        FirstPass(String fileName, ClaimGrouper grouper) {
            this.fileName = fileName;
            this.grouper = grouper;
        }

        @Override
        public void header(List<String> sourceNames, List<String> names) throws ClaimFileRefusedException {
            Set<String> present = new HashSet<>(names);
            List<String> missing = new ArrayList<>();
            for (String required : layout.requiredColumns()) {
                if (!present.contains(ColumnNames.normalise(required))) {
                    missing.add(required);
                }
            }
            if (!missing.isEmpty()) {
                // the header is not quoted: in a file without one it would be a row of data
                throw new ClaimFileRefusedException("the file lacks " + (missing.size() == 1 ? "the required column "
                        : "the required columns ") + String.join(", ", missing) + " of layout '" + layout.name() + "'");
            }
            LOG.debug("{}: header of {} columns accepted", fileName, names.size());
        }

        @Override
        public void blankRow(long row, long lines) {
            blankRows++;
            blankLines += lines;
            LOG.debug("{}: row {} is blank, skipped", fileName, row);
        }

        @Override
        public void lines(long lines, long headerLines, long unreadableLines) {
            this.lines = lines;
            this.headerLines = headerLines;
            this.unreadableLines = unreadableLines;
        }

        @Override
        public void row(ClaimRow row) {
            rows++;
            rowLines += row.lastLine() - row.row() + 1;
            if (row.defect() != null) {
                defectiveRows++;
                LOG.debug("{}: {}", fileName, row.defect());
            }
            grouper.row(row);
        }
    }

    /** A later pass over a file the first pass has checked: rows only, to a grouper. */
    private abstract static class RowPass implements ClaimRowListener {
        final ClaimGrouper grouper;

        RowPass(ClaimGrouper grouper) {
            this.grouper = grouper;
        }

        @Override
        public void header(List<String> sourceNames, List<String> names) {
        }

        @Override
        public void blankRow(long row, long lines) {
        }

        @Override
        public void lines(long lines, long headerLines, long unreadableLines) {
        }
    }

    /** The second pass: gathers the rows of split claims, and stops after the last of them. */
    private static final class GatheringPass extends RowPass {
        GatheringPass(ClaimGrouper grouper) {
            super(grouper);
        }

        @Override
        public void row(ClaimRow row) {
            if (row.row() > grouper.lastSplitRow()) {
                throw new GatheringDone();
            }
            grouper.keep(row);
        }
    }

    /** Ends the gathering pass early; not an error. */
    private static final class GatheringDone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GatheringDone() {
            super("all rows of split claims gathered", null, false, false);
        }
    }
}
