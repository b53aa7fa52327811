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

/**
 * The practices of an installation: one YAML file per practice in {@code <config>/practices/}, named
 * after the practice id. A missing directory means no practices (the offline converter needs none).
 */
public final class PracticeDirectory {

    static final Pattern PRACTICE_ID = Pattern.compile("[A-Z0-9][A-Z0-9_\\-]{0,31}");
    private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,100}");
    private static final Pattern LAYOUT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_\\-]{0,63}");

    private final Map<String, PracticeProfile> byId;

    private PracticeDirectory(Map<String, PracticeProfile> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    public static PracticeDirectory of(Collection<PracticeProfile> practices) {
        Map<String, PracticeProfile> m = new TreeMap<>();
        practices.forEach(p -> m.put(p.id(), p));
        return new PracticeDirectory(m);
    }

    /** The practices in {@code dir}, with the built-in defaults of {@code pollSeconds} and {@code quietSeconds}. */
    public static PracticeDirectory load(Path dir) throws ConfigurationException {
        return load(dir, RuntimeSettings.defaults().pollTimes());
    }

    /** The practices in {@code dir}; a file without {@code pollSeconds} or {@code quietSeconds} takes them from {@code defaults}. */
    public static PracticeDirectory load(Path dir, RuntimeSettings.PollTimes defaults) throws ConfigurationException {
        Map<String, PracticeProfile> m = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return new PracticeDirectory(m);
        }
        for (PracticeProfile p : YamlSection.loadEach(dir, "practices", f -> loadFile(f, defaults), PracticeProfile::id).values()) {
            m.put(p.id(), p);
        }
        return new PracticeDirectory(m);
    }

    static PracticeProfile loadFile(Path file, RuntimeSettings.PollTimes defaults) throws ConfigurationException {
        YamlSection top = YamlSection.read(file)
                .onlyKeys(Set.of("id", "name", "layout", "sftp", "dropFolder", "outboxFolder", "pollSeconds", "quietSeconds"));
        return new PracticeProfile(
                top.text("id", PRACTICE_ID, "a practice id of upper-case letters, digits, _ and - (at most 32)"),
                top.text("name", NAME, "a name"),
                top.text("layout", LAYOUT, "a layout name (a mapping file in mappings/)", "default"),
                SftpSettings.parse(top.section("sftp")),
                top.text("dropFolder", SftpSettings.FOLDER, "a folder name such as drop", "drop"),
                top.text("outboxFolder", SftpSettings.FOLDER, "a folder name such as outbox", "outbox"),
                Duration.ofSeconds(top.integer("pollSeconds", 1, 3_600, (int) defaults.practicePoll().toSeconds())),
                Duration.ofSeconds(top.integer("quietSeconds", 1, 3_600, (int) defaults.practiceQuiet().toSeconds())));
    }

    public Optional<PracticeProfile> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<PracticeProfile> all() {
        return byId.values();
    }
}
