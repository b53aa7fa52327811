package org.retro278.x12.response;

import java.util.List;

/**
 * The procedure of a service line, as the response repeats it: SV101 / SV202 / SV301 (qualifier such as HC,
 * code, modifiers), SV201 revenue code, or an HI procedure code when the line has no SV segment. Enough for
 * the caller to match the line to its request line; {@link #toString()} leaves the codes out.
 */
public record Procedure(String qualifier, String code, List<String> modifiers, String revenueCode) {

    public Procedure {
        modifiers = List.copyOf(modifiers);
    }

    @Override
    public String toString() {
        return "Procedure[" + (qualifier == null ? "" : qualifier) + (revenueCode == null ? "" : ", with revenue code")
                + (modifiers.isEmpty() ? "" : ", " + modifiers.size() + " modifier(s)") + "]";
    }
}
