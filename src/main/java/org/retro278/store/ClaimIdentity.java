package org.retro278.store;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.retro278.io.Hashes;
import org.retro278.model.Dependent;
import org.retro278.model.RetroAuthorizationRequest;

/**
 * What makes two claims the same claim, whatever file they came in: the practice, the claim id, the payer,
 * the patient event (the subscriber's member id; for a dependent patient also the patient's name and birth
 * date; the request category and the admission date) and the dates of service (the earliest and the latest).
 * Everything else (names of the subscriber and providers, codes, charges, notes, row order, line breaks)
 * may differ between two copies of the same claim.
 *
 * <p>The store keeps only the SHA-256 of a canonical text of these values ({@code claim.identity_sha256}),
 * never the values. The text is versioned by its first line, so a later change of the definition gets a new
 * version and never matches an old hash by accident. Values are normalised so that a re-export that
 * differs in case, spacing or accents is still the same claim: Unicode compatibility decomposition, accents
 * dropped, runs of white space made one space, trimmed, upper case. Every value ends at its line, and the
 * normalisation removes line breaks, so no two different sets of values make the same text.
 *
 * <p>The text is PHI (a member id, a name, a birth date): it is never logged or stored.
 */
public final class ClaimIdentity {

    /** The first line of the canonical text. */
    public static final String VERSION = "retro278-claim-identity/1";

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private ClaimIdentity() {
    }

    /** The lower-case hex SHA-256 of {@link #canonicalText}: what {@code claim.identity_sha256} holds. */
    public static String sha256(String practiceId, RetroAuthorizationRequest request) {
        return Hashes.sha256(canonicalText(practiceId, request));
    }

    /** The canonical text of a claim's identity (PHI: for tests and the documentation, never for logs). */
    public static String canonicalText(String practiceId, RetroAuthorizationRequest request) {
        Objects.requireNonNull(practiceId, "practiceId");
        StringBuilder t = new StringBuilder(VERSION).append('\n');
        line(t, "practice", practiceId);
        line(t, "claim_id", request.claimId());
        line(t, "payer_id", request.payer().id());
        line(t, "member_id", request.subscriber().memberId());
        Dependent d = request.dependent();
        if (d == null) {
            line(t, "patient", "subscriber");
        } else {
            line(t, "patient", "dependent");
            line(t, "patient_last_name", d.name().last());
            line(t, "patient_first_name", d.name().first());
            line(t, "patient_dob", date(d.birthDate()));
        }
        line(t, "request_category", request.event().category().name());
        line(t, "admission_date", date(request.event().admissionDate()));
        line(t, "service_date_from", date(request.earliestServiceDate()));
        line(t, "service_date_to", date(request.latestServiceDate()));
        return t.toString();
    }

    private static void line(StringBuilder t, String name, String value) {
        t.append(name).append('=').append(normalise(value)).append('\n');
    }

    private static String date(LocalDate d) {
        return d == null ? "" : d.toString();
    }

    static String normalise(String value) {
        if (value == null) {
            return "";
        }
        String s = Normalizer.normalize(value, Normalizer.Form.NFKD);
        s = MARKS.matcher(s).replaceAll("");
        s = SPACE.matcher(s).replaceAll(" ").strip();
        return s.toUpperCase(Locale.ROOT);
    }
}
