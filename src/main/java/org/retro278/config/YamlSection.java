package org.retro278.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typed, checked access to one mapping of a YAML configuration file, so that every mistake is reported
 * with the file and the dotted path of the setting ("config/payers/PAYERB.yaml: retro.windowDays: ...").
 */
final class YamlSection {
    private final String file;
    private final String path;
    private final JsonNode node;

    YamlSection(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
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

    YamlSection section(String key) throws ConfigurationException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw new ConfigurationException(where(key) + ": missing");
        }
        if (!v.isObject()) {
            throw new ConfigurationException(where(key) + ": expected a mapping");
        }
        return new YamlSection(file, path.isEmpty() ? key : path + "." + key, v);
    }

    String text(String key, Pattern pattern, String expected) throws ConfigurationException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw new ConfigurationException(where(key) + ": missing (expected " + expected + ")");
        }
        if (!v.isValueNode()) {
            throw new ConfigurationException(where(key) + ": expected " + expected);
        }
        String s = v.asText();
        if (pattern != null && !pattern.matcher(s).matches()) {
            throw new ConfigurationException(where(key) + ": '" + s + "' is not " + expected);
        }
        return s;
    }

    String text(String key, Pattern pattern, String expected, String defaultValue) throws ConfigurationException {
        return has(key) ? text(key, pattern, expected) : defaultValue;
    }

    boolean bool(String key) throws ConfigurationException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw new ConfigurationException(where(key) + ": missing (expected true or false)");
        }
        if (!v.isBoolean()) {
            throw new ConfigurationException(where(key) + ": expected true or false");
        }
        return v.booleanValue();
    }

    boolean bool(String key, boolean defaultValue) throws ConfigurationException {
        return has(key) ? bool(key) : defaultValue;
    }

    int integer(String key, int min, int max) throws ConfigurationException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw new ConfigurationException(where(key) + ": missing (expected a whole number from " + min + " to " + max + ")");
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < min || v.intValue() > max) {
            throw new ConfigurationException(where(key) + ": expected a whole number from " + min + " to " + max);
        }
        return v.intValue();
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
