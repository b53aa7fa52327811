package org.retro278.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last line of defence against PHI in logs ({@code %maskedMsg} in logback.xml). retro278's own code
 * never logs names, member ids, birth dates, diagnoses or free text; libraries might (a debug line that
 * prints a parsed record, an exception that quotes a segment). This converter masks, in every message:
 * <ul>
 *   <li>the elements of X12 segments that carry PHI (NM1, N3, N4, DMG, HI, MSG, REF, INS, PER, TRN, BHT,
 *       AAA, HCR) after their tag, whatever the delimiter;</li>
 *   <li>values after keys that name PHI ({@code member_id=...}, {@code "subscriber_last_name": "..."},
 *       {@code dob=...}, {@code diagnosis_codes=...} and the like);</li>
 *   <li>values after keys that name a secret ({@code password=...}, {@code privateKeyPassphrase=RAW(...)},
 *       {@code secret: ...}, {@code token=...}), as an endpoint URI or a library's debug line shows them.
 *       retro278 never puts a secret where a log can see it (SftpParameters); this is for what slips by.</li>
 * </ul>
 * It does not try to recognise PHI in free text; that is what not logging it is for.
 */
public final class PhiMaskingConverter extends MessageConverter {

    static final String MASK = "[masked]";

    private static final Pattern X12_SEGMENT = Pattern.compile(
            "\\b(NM1|N3|N4|DMG|HI|MSG|REF|INS|PER|TRN|BHT|AAA|HCR)([*|^!:+>~])[^~\\r\\n]*");
    private static final Pattern PHI_KEY_VALUE = Pattern.compile(
            "(?i)(\"?\\b(?:[a-z_]*(?:last_?name|first_?name|member_?id|dob|birth_?date|date_?of_?birth|diagnos[a-z_]*"
                    + "|retro_?note|patient_[a-z_]+|subscriber_[a-z_]+|request_?json|rows_?json))\\b\"?\\s*[=:]\\s*)"
                    + "(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|[^,;}\\]\\s]+)");

    /**
     * A secret's key, then its value: {@code RAW(...)} up to the parenthesis that ends the option (the next
     * {@code &name=} or the end of the line; when none is found, the rest of the line), {@code RAW{...}},
     * a quoted value, or a bare one.
     */
    private static final Pattern SECRET_KEY_VALUE = Pattern.compile(
            "(?i)(\"?\\b[a-z_.-]*(?:password|passphrase|passwd|pwd|secret|token|credentials?)\\b\"?\\s*[=:]\\s*)"
                    + "(RAW\\(.*?\\)(?=&[a-z][\\w.-]*=|[ \\t]*(?:$|[\\r\\n]))|RAW\\([^\\r\\n]*|RAW\\{[^}]*}"
                    + "|\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|[^&,;}\\]\\s]+)");

    @Override
    public String convert(ILoggingEvent event) {
        return mask(super.convert(event));
    }

    static String mask(String message) {
        if (message == null || message.isEmpty()) {
            return message;
        }
        String m = X12_SEGMENT.matcher(message).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + MASK));
        m = PHI_KEY_VALUE.matcher(m).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MASK));
        return SECRET_KEY_VALUE.matcher(m).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MASK));
    }
}
