package org.retro278.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The patient when the patient is not the subscriber: 2000D/2010D.
 *
 * @param relationshipCode X12 individual relationship code of the patient to the subscriber (INS02),
 *                         for example 01 spouse or 19 child
 */
public record Dependent(String relationshipCode, PersonName name, LocalDate birthDate, Gender gender) {
    public Dependent {
        Objects.requireNonNull(relationshipCode, "relationshipCode");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(gender, "gender");
    }
}
