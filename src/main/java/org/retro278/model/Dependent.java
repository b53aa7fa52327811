package org.retro278.model;

import java.time.LocalDate;

/**
 * The patient when the patient is not the subscriber: 2000D/2010D.
 *
 * @param relationshipCode X12 individual relationship code of the patient to the subscriber (INS02),
 *                         for example 01 spouse or 19 child
 */
public record Dependent(String relationshipCode, PersonName name, LocalDate birthDate, Gender gender) {
    public Dependent {
        Require.nonNull("relationshipCode name birthDate gender", relationshipCode, name, birthDate, gender);
    }
}
