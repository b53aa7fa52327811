package org.retro278.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.retro278.config.ConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * A claim file layout: one Smooks configuration file {@code mappings/NAME.xml} plus the metadata it
 * declares about itself in its global {@code <params>} (see {@code mappings/README.md}):
 *
 * <pre>{@code
 * <params>
 *     <param name="retro278.layout.description">what exports this layout</param>
 *     <param name="retro278.layout.date-format">MM/dd/uuuu</param>
 *     <param name="retro278.layout.required-columns">
 *         Encounter No
 *         Member #
 *     </param>
 * </params>
 * }</pre>
 *
 * @param name            the layout name, as given to {@code --layout}
 * @param mappingFile     the Smooks configuration
 * @param datePattern     the {@link java.time.format.DateTimeFormatter} pattern of every date cell in
 *                        this layout (the mapping keeps dates as text; see {@link #dateFormat()})
 * @param requiredColumns the header names, as written in this layout's files, that a file must have;
 *                        compared after {@link ColumnNames#normalise(String) normalisation}
 * @param description     one line for humans
 */
public record ClaimLayout(String name, Path mappingFile, String datePattern, List<String> requiredColumns,
                          String description) {

    /** The layout used when none is named: the contract of docs claims-csv.md. */
    public static final String DEFAULT_NAME = "default";

    static final String SMOOKS_NS = "https://www.smooks.org/xsd/smooks-2.0.xsd";
    static final String DESCRIPTION_PARAM = "retro278.layout.description";
    static final String DATE_FORMAT_PARAM = "retro278.layout.date-format";
    static final String REQUIRED_COLUMNS_PARAM = "retro278.layout.required-columns";

    private static final Pattern LAYOUT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final String SUFFIX = ".xml";

    public ClaimLayout {
        requiredColumns = List.copyOf(requiredColumns);
    }

    /**
     * The parser for the date cells of this layout, strict: {@code 2024-02-30} does not parse. The input
     * rules use it so that a bad date becomes a per-claim reason.
     */
    public DateTimeFormatter dateFormat() {
        return DateTimeFormatter.ofPattern(datePattern).withResolverStyle(ResolverStyle.STRICT);
    }

    /**
     * Loads the layout {@code name} from {@code mappingsDir/name.xml}.
     *
     * @throws ConfigurationException when there is no such layout (the message lists the available ones),
     *                                or its metadata is missing or invalid
     */
    public static ClaimLayout load(Path mappingsDir, String name) throws ConfigurationException {
        if (name == null || !LAYOUT_NAME.matcher(name).matches() || name.endsWith(SUFFIX)) {
            throw unknown(mappingsDir, name);
        }
        Path file = mappingsDir.resolve(name + SUFFIX);
        if (!Files.isRegularFile(file)) {
            throw unknown(mappingsDir, name);
        }
        Map<String, String> params = readParams(file);
        String where = "layout '" + name + "' (" + file + ")";

        String datePattern = params.get(DATE_FORMAT_PARAM);
        if (datePattern == null || datePattern.isBlank()) {
            throw new ConfigurationException(where + " does not declare its date format: add <param name=\""
                    + DATE_FORMAT_PARAM + "\"> (a java.time pattern such as uuuu-MM-dd) to its <params>");
        }
        datePattern = datePattern.strip();
        checkDatePattern(where, datePattern);

        List<String> required = new ArrayList<>();
        for (String line : params.getOrDefault(REQUIRED_COLUMNS_PARAM, "").split("\\R")) {
            if (!line.isBlank()) {
                required.add(line.strip());
            }
        }
        if (required.isEmpty()) {
            throw new ConfigurationException(where + " does not list its required columns: add <param name=\""
                    + REQUIRED_COLUMNS_PARAM + "\"> with one header name per line to its <params>");
        }
        Map<String, String> byNormalised = new HashMap<>();
        for (String column : required) {
            String normalised = ColumnNames.normalise(column);
            if (normalised.isEmpty()) {
                throw new ConfigurationException(where + ": required column '" + column
                        + "' has no letter or digit, so no header can match it");
            }
            String earlier = byNormalised.putIfAbsent(normalised, column);
            if (earlier != null) {
                throw new ConfigurationException(where + ": required columns '" + earlier + "' and '" + column
                        + "' are the same column after normalisation (" + normalised + ")");
            }
        }
        String description = params.getOrDefault(DESCRIPTION_PARAM, "").strip().replaceAll("\\s+", " ");
        return new ClaimLayout(name, file, datePattern, required, description);
    }

    /** The names of the layouts in {@code mappingsDir}, sorted. */
    public static List<String> available(Path mappingsDir) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(mappingsDir, "*" + SUFFIX)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                names.add(n.substring(0, n.length() - SUFFIX.length()));
            }
        } catch (IOException e) {
            return List.of();
        }
        names.sort(null);
        return names;
    }

    private static ConfigurationException unknown(Path mappingsDir, String name) {
        List<String> available = available(mappingsDir);
        return new ConfigurationException("unknown layout '" + name + "': there is no " + name + SUFFIX + " in "
                + mappingsDir + "; available layouts: "
                + (available.isEmpty() ? "none" : String.join(", ", available)));
    }

    private static void checkDatePattern(String where, String pattern) throws ConfigurationException {
        DateTimeFormatter format;
        try {
            format = DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(where + ": date format '" + pattern + "' is not a java.time pattern: "
                    + e.getMessage(), e);
        }
        LocalDate probe = LocalDate.of(2024, 2, 29);
        try {
            if (!probe.equals(LocalDate.parse(probe.format(format), format))) {
                throw new DateTimeParseException("does not read back the date it writes", pattern, 0);
            }
        } catch (RuntimeException e) {
            throw new ConfigurationException(where + ": date format '" + pattern + "' cannot read a full date ("
                    + e.getMessage() + "); write the year as uuuu, not yyyy", e);
        }
    }

    /** The global {@code <params>} of a Smooks configuration, read without compiling it. */
    private static Map<String, String> readParams(Path file) throws ConfigurationException {
        Element root;
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            root = factory.newDocumentBuilder().parse(in).getDocumentElement();
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw new ConfigurationException("cannot read mapping file " + file + ": " + e.getMessage(), e);
        }
        if (!SMOOKS_NS.equals(root.getNamespaceURI()) || !"smooks-resource-list".equals(root.getLocalName())) {
            throw new ConfigurationException(file + " is not a Smooks configuration (<smooks-resource-list xmlns=\""
                    + SMOOKS_NS + "\">)");
        }
        Map<String, String> params = new HashMap<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (isSmooks(n, "params")) {
                for (Node p = n.getFirstChild(); p != null; p = p.getNextSibling()) {
                    if (isSmooks(p, "param")) {
                        params.put(((Element) p).getAttribute("name"), p.getTextContent());
                    }
                }
            }
        }
        return params;
    }

    private static boolean isSmooks(Node n, String localName) {
        return n.getNodeType() == Node.ELEMENT_NODE && SMOOKS_NS.equals(n.getNamespaceURI())
                && localName.equals(n.getLocalName());
    }
}
