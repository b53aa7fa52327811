package org.retro278.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.retro278.x12.Delimiters;
import org.retro278.x12.validation.InterchangeControl;

/**
 * The payer profiles of an installation: one YAML file per payer in {@code <config>/payers/}, named
 * after the payer id. Loading checks every setting and names the file and setting of each mistake.
 */
public final class PayerDirectory {

    /** Payer ids as claim files carry them and as NM109 (PI) carries them. */
    static final Pattern PAYER_ID = Pattern.compile("[A-Za-z0-9]{2,80}");
    /** ISA05/ISA07 interchange id qualifiers in HIPAA use: the list of the interchange control schema. */
    private static final List<String> ISA_QUALIFIERS = List.copyOf(InterchangeControl.standard().codes("ISA", 5).keySet());
    static final Pattern ISA_QUALIFIER = Pattern.compile(String.join("|", ISA_QUALIFIERS.stream().map(Pattern::quote).toList()));
    /** The qualifiers as a setting's error message lists them: "01, 14, ... or ZZ". */
    private static final String ISA_QUALIFIER_WORDS = String.join(", ", ISA_QUALIFIERS.subList(0, ISA_QUALIFIERS.size() - 1))
            + " or " + ISA_QUALIFIERS.get(ISA_QUALIFIERS.size() - 1);
    /** ISA06/ISA08: up to 15 characters of the X12 basic set (padded with spaces on output). */
    static final Pattern ISA_ID = Pattern.compile("[A-Z0-9 !&'()+,\\-./;?=]{1,15}");
    /** GS02/GS03 application codes: 2-15 characters. */
    static final Pattern GS_CODE = Pattern.compile("[A-Z0-9 !&'()+,\\-./;?=]{2,15}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9 &'(),\\-./]{1,60}");

    private final Map<String, PayerProfile> byId;
    private final Map<String, Path> files;

    private PayerDirectory(Map<String, PayerProfile> byId, Map<String, Path> files) {
        this.byId = Collections.unmodifiableMap(byId);
        this.files = Map.copyOf(files);
    }

    private PayerDirectory(Map<String, PayerProfile> byId) {
        this(byId, Map.of());
    }

    public static PayerDirectory of(Collection<PayerProfile> profiles) {
        Map<String, PayerProfile> m = new TreeMap<>();
        for (PayerProfile p : profiles) {
            m.put(p.id(), p);
        }
        return new PayerDirectory(m);
    }

    /**
     * The file a payer's profile was read from, as configuration mistakes name it; for a directory made in code,
     * {@code payers/<ID>.yaml}.
     */
    public Path file(String payerId) {
        return files.getOrDefault(payerId, Path.of("payers", payerId + ".yaml"));
    }

    /** Loads every {@code *.yaml} / {@code *.yml} file of a directory. */
    public static PayerDirectory load(Path dir) throws ConfigurationException {
        if (!Files.isDirectory(dir)) {
            throw new ConfigurationException(dir + ": payer profile directory not found");
        }
        Map<String, PayerProfile> m = new TreeMap<>();
        Map<String, Path> files = new TreeMap<>();
        for (Map.Entry<Path, PayerProfile> e : YamlSection.loadEach(dir, "payer profiles", PayerDirectory::loadFile,
                PayerProfile::id).entrySet()) {
            PayerProfile p = e.getValue();
            if (m.put(p.id(), p) != null) {
                throw new ConfigurationException(e.getKey() + ": payer id '" + p.id() + "' is defined twice");
            }
            files.put(p.id(), e.getKey());
        }
        if (m.isEmpty()) {
            throw new ConfigurationException(dir + ": no payer profiles (*.yaml) found");
        }
        return new PayerDirectory(m, files);
    }

    static PayerProfile loadFile(Path file) throws ConfigurationException {
        YamlSection top = YamlSection.read(file).onlyKeys(Set.of("id", "name", "interchange", "delimiters", "retro", "gateway",
                "deadlines"));
        String id = top.text("id", PAYER_ID, "a payer id of 2-80 letters and digits");
        String name = top.text("name", NAME, "a name of 1-60 letters, digits, spaces and & ' ( ) , - . /");

        YamlSection ic = top.section("interchange").onlyKeys(Set.of("senderQualifier", "senderId", "receiverQualifier",
                "receiverId", "applicationSender", "applicationReceiver", "usage", "acknowledgmentRequested",
                "maxClaimsPerInterchange"));
        InterchangeIds ids = new InterchangeIds(
                ic.text("senderQualifier", ISA_QUALIFIER, "an ISA05 qualifier (" + ISA_QUALIFIER_WORDS + ")"),
                ic.text("senderId", ISA_ID, "an ISA06 id of 1-15 upper-case letters, digits or spaces"),
                ic.text("receiverQualifier", ISA_QUALIFIER, "an ISA07 qualifier (" + ISA_QUALIFIER_WORDS + ")"),
                ic.text("receiverId", ISA_ID, "an ISA08 id of 1-15 upper-case letters, digits or spaces"),
                ic.text("applicationSender", GS_CODE, "a GS02 code of 2-15 upper-case letters or digits"),
                ic.text("applicationReceiver", GS_CODE, "a GS03 code of 2-15 upper-case letters or digits"));
        String usage = ic.text("usage", Pattern.compile("[TP]"), "T (test) or P (production)");
        boolean ack = ic.bool("acknowledgmentRequested", true);
        int max = ic.integer("maxClaimsPerInterchange", 1, 99_999, 5_000);

        Delimiters delimiters = Delimiters.STANDARD;
        if (top.has("delimiters")) {
            YamlSection d = top.section("delimiters").onlyKeys(Set.of("element", "component", "repetition", "segment", "lineBreaks"));
            try {
                delimiters = new Delimiters(d.character("element", '*'), d.character("component", ':'),
                        d.character("repetition", '^'), d.character("segment", '~'), d.bool("lineBreaks", false));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(d.where("delimiters") + ": " + e.getMessage());
            }
            for (char c : new char[] {delimiters.element(), delimiters.component(), delimiters.repetition(), delimiters.segment()}) {
                for (String v : List.of(ids.senderId(), ids.receiverId(), ids.applicationSender(), ids.applicationReceiver(), name, id)) {
                    if (v.indexOf(c) >= 0) {
                        throw new ConfigurationException(file + ": delimiter '" + c + "' also appears in an id or the name ('" + v + "')");
                    }
                }
            }
        }

        YamlSection r = top.section("retro").onlyKeys(Set.of("accepted", "windowDays", "attachmentRequired"));
        boolean accepted = r.bool("accepted");
        int window = accepted ? r.integer("windowDays", 0, 3650) : r.integer("windowDays", 0, 3650, 0);
        RetroPolicy retro = new RetroPolicy(accepted, window, r.bool("attachmentRequired", false));

        PayerGateway gateway = top.has("gateway") ? gateway(top.section("gateway")) : null;
        Deadlines deadlines = Deadlines.DEFAULT;
        if (top.has("deadlines")) {
            YamlSection d = top.section("deadlines").onlyKeys(Set.of("acknowledgmentMinutes", "decisionBusinessDays",
                    "pendedBusinessDays"));
            deadlines = new Deadlines(
                    Duration.ofMinutes(d.integer("acknowledgmentMinutes", 1, 43_200, 60)),
                    d.integer("decisionBusinessDays", 1, 365, 2),
                    d.integer("pendedBusinessDays", 1, 365, 2));
        }
        return new PayerProfile(id, name, ids, usage.charAt(0), ack, delimiters, retro, max, gateway, deadlines);
    }

    /**
     * {@code gateway:} an SFTP batch drop, or a real-time CORE gateway ({@code core}) whose optional SFTP server only
     * brings unsolicited answers back (the final 278 after a pended one). A real-time payer refuses the batch-only
     * settings ({@code inboundFolder}, {@code maxWaitSeconds}) rather than ignoring them, so a half-converted profile
     * is caught when it loads.
     */
    private static PayerGateway gateway(YamlSection g) throws ConfigurationException {
        g.onlyKeys(Set.of("sftp", "inboundFolder", "outboundFolder", "maxWaitSeconds", "pollMillis", "core"));
        Duration poll = Duration.ofMillis(g.integer("pollMillis", 100, 3_600_000, 500));
        if (!g.has("core")) {
            return new PayerGateway(SftpSettings.parse(g.section("sftp")),
                    g.text("inboundFolder", SftpSettings.FOLDER, "a folder name such as inbound"),
                    g.text("outboundFolder", SftpSettings.FOLDER, "a folder name such as outbound"),
                    Duration.ofSeconds(g.integer("maxWaitSeconds", 0, 86_400, 0)), poll);
        }
        CoreGateway core = CoreSettings.parse(g.section("core"));
        for (String batchOnly : List.of("inboundFolder", "maxWaitSeconds")) {
            if (g.has(batchOnly)) {
                throw new ConfigurationException(g.where(batchOnly) + ": not with gateway.core (requests go in real time,"
                        + " one claim per call; gateway.sftp, when set, only brings answers back from outboundFolder)");
            }
        }
        if (!g.has("sftp")) {
            if (g.has("outboundFolder")) {
                throw new ConfigurationException(g.where("outboundFolder") + ": needs gateway.sftp (the server the"
                        + " unsolicited answers come back on)");
            }
            return new PayerGateway(null, null, null, Duration.ZERO, poll, core);
        }
        return new PayerGateway(SftpSettings.parse(g.section("sftp")), null,
                g.text("outboundFolder", SftpSettings.FOLDER, "the folder the payer leaves unsolicited answers in,"
                        + " such as outbound (required with gateway.sftp beside gateway.core)"),
                Duration.ZERO, poll, core);
    }

    public Optional<PayerProfile> find(String payerId) {
        return Optional.ofNullable(byId.get(payerId));
    }

    public Collection<PayerProfile> all() {
        return byId.values();
    }
}
