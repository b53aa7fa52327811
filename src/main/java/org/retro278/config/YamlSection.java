package org.retro278.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Typed, checked access to one mapping of a YAML configuration file, so that every mistake is reported
 * with the file and the dotted path of the setting ("config/payers/PAYERB.yaml: retro.windowDays: ...").
 */
record YamlSection(String file, String path, JsonNode node) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** An environment variable's name, as settings that name a secret's variable take it. */
    static final Pattern ENV = Pattern.compile("[A-Z_][A-Z0-9_]{0,127}");

    /** Reads one file of {@code <config>/payers/} or {@code <config>/practices/}: the mapping at its top. */
    static YamlSection read(Path file) throws ConfigurationException {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigurationException(file + ": not readable YAML: " + e.getMessage(), e);
        }
        return root(file.toString(), root);
    }

    /**
     * Loads every {@code *.yaml} / {@code *.yml} file of {@code dir}, in name order, and checks that each
     * is named after the partner it defines: each file with what it defines.
     *
     * @param what the files as an error message names them ("payer profiles", "practices")
     */
    static <T> Map<Path, T> loadEach(Path dir, String what, PartnerFile<T> load, Function<T, String> id)
            throws ConfigurationException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new ConfigurationException(dir + ": cannot list " + what + ": " + e.getMessage(), e);
        }
        Map<Path, T> loaded = new LinkedHashMap<>();
        for (Path f : files) {
            T partner = load.load(f);
            String stem = f.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            if (!stem.equals(id.apply(partner))) {
                throw new ConfigurationException(f + ": id '" + id.apply(partner) + "' must match the file name (" + stem + ")");
            }
            loaded.put(f, partner);
        }
        return loaded;
    }

    /** Reads one partner file. */
    @FunctionalInterface
    interface PartnerFile<T> {
        T load(Path file) throws ConfigurationException;
    }

    static YamlSection root(String file, JsonNode node) throws ConfigurationException {
        if (node == null || !node.isObject()) {
            throw new ConfigurationException(file + ": expected a YAML mapping at the top level");
        }
        return new YamlSection(file, "", node);
    }

    String where(String key) {
        return file + ": " + (path.isEmpty() ? key : path + "." + key);
    }

    /** Refuses keys this section does not know, so that a typo never passes silently. */
    YamlSection onlyKeys(Set<String> known) throws ConfigurationException {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigurationException(file + ": unknown setting(s) " + unknown
                    + (path.isEmpty() ? "" : " under " + path) + "; known: " + known);
        }
        return this;
    }

    boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    /** The value of {@code key}, refused with "missing..." when absent and "expected..." when it does not fit. */
    private JsonNode value(String key, Predicate<JsonNode> fits, String missing, String expected) throws ConfigurationException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw new ConfigurationException(where(key) + ": " + missing);
        }
        if (!fits.test(v)) {
            throw new ConfigurationException(where(key) + ": " + expected);
        }
        return v;
    }

    private JsonNode value(String key, Predicate<JsonNode> fits, String expected) throws ConfigurationException {
        return value(key, fits, "missing (" + expected + ")", expected);
    }

    YamlSection section(String key) throws ConfigurationException {
        JsonNode v = value(key, JsonNode::isObject, "missing", "expected a mapping");
        return new YamlSection(file, path.isEmpty() ? key : path + "." + key, v);
    }

    String text(String key, Pattern pattern, String expected) throws ConfigurationException {
        String s = value(key, JsonNode::isValueNode, "expected " + expected).asText();
        if (pattern != null && !pattern.matcher(s).matches()) {
            throw new ConfigurationException(where(key) + ": '" + s + "' is not " + expected);
        }
        return s;
    }

    String text(String key, Pattern pattern, String expected, String defaultValue) throws ConfigurationException {
        return has(key) ? text(key, pattern, expected) : defaultValue;
    }

    /**
     * The name of the environment variable that holds a secret ({@code [A-Z_][A-Z0-9_]*}), or {@code null} when the
     * setting is absent and optional. A value that is not such a name is never echoed: it may be the secret itself.
     */
    String secretName(String key, String holds, boolean required) throws ConfigurationException {
        if (!has(key) && !required) {
            return null;
        }
        String s = value(key, JsonNode::isValueNode, "missing (the name of the environment variable that holds " + holds
                + ")", "expected the name of an environment variable").asText();
        if (!ENV.matcher(s).matches()) {
            throw new ConfigurationException(where(key) + ": not the name of an environment variable (upper-case letters,"
                    + " digits and _, such as PAYERX_PASSWORD); it names the variable that holds " + holds
                    + ", never the secret itself (the value is not repeated here)");
        }
        return s;
    }

    boolean bool(String key) throws ConfigurationException {
        return value(key, JsonNode::isBoolean, "expected true or false").booleanValue();
    }

    boolean bool(String key, boolean defaultValue) throws ConfigurationException {
        return has(key) ? bool(key) : defaultValue;
    }

    int integer(String key, int min, int max) throws ConfigurationException {
        return value(key, v -> v.canConvertToInt() && v.isIntegralNumber() && v.intValue() >= min && v.intValue() <= max,
                "expected a whole number from " + min + " to " + max).intValue();
    }

    int integer(String key, int min, int max, int defaultValue) throws ConfigurationException {
        return has(key) ? integer(key, min, max) : defaultValue;
    }

    char character(String key, char defaultValue) throws ConfigurationException {
        if (!has(key)) {
            return defaultValue;
        }
        String s = text(key, null, "one character");
        if (s.length() != 1) {
            throw new ConfigurationException(where(key) + ": expected exactly one character");
        }
        return s.charAt(0);
    }
}
