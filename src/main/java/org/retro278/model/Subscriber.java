package org.retro278.model;

import java.time.LocalDate;
import java.util.Objects;

/** The insured member: 2010C. */
public record Subscriber(String memberId, PersonName name, LocalDate birthDate, Gender gender) {
    public Subscriber {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(gender, "gender");
    }
}
