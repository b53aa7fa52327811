package org.retro278.model;

/** A person's last and first name. */
public record PersonName(String last, String first) {
    public PersonName {
        Require.nonNull("last first", last, first);
    }
}
