package org.retro278.model;

import java.time.LocalDate;

/** The insured member: 2010C. */
public record Subscriber(String memberId, PersonName name, LocalDate birthDate, Gender gender) {
    public Subscriber {
        Require.nonNull("memberId name birthDate gender", memberId, name, birthDate, gender);
    }
}
