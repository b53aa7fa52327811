package org.retro278.config;

import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Settings of the submitting installation, from {@code <config>/application.properties}.
 *
 * @param traceOriginator TRN03 of every request: '1' followed by the submitter's EIN, or '9' followed by
 *                        nine characters of its own choosing (10 characters in all)
 */
public record SubmitterSettings(String traceOriginator) {

    public static final String TRACE_ORIGINATOR = "retro278.trace.originator";
    static final Pattern ORIGINATOR = Pattern.compile("[19][A-Z0-9]{9}");

    public SubmitterSettings {
        if (!ORIGINATOR.matcher(traceOriginator).matches()) {
            throw new IllegalArgumentException("trace originator must be '1' + EIN or '9' + 9 letters/digits");
        }
    }

    public static SubmitterSettings load(Path file) throws ConfigurationException {
        Properties p = ApplicationProperties.read(file);
        String originator = p.getProperty(TRACE_ORIGINATOR);
        if (originator == null) {
            throw new ConfigurationException(file + ": " + TRACE_ORIGINATOR + ": missing");
        }
        originator = originator.trim();
        if (!ORIGINATOR.matcher(originator).matches()) {
            throw new ConfigurationException(file + ": " + TRACE_ORIGINATOR + ": '" + originator
                    + "' is not '1' followed by an EIN or '9' followed by 9 upper-case letters or digits");
        }
        return new SubmitterSettings(originator);
    }
}
