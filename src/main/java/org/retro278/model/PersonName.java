package org.retro278.model;

import java.util.Objects;

/** A person's last and first name. */
public record PersonName(String last, String first) {
    public PersonName {
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(first, "first");
    }
}
