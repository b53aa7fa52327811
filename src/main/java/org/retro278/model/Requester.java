package org.retro278.model;

/**
 * The provider or organization asking for the review: 2010B. A requester with a first name is a
 * person (NM102=1) and {@code name} is the last name; without one it is an organization (NM102=2).
 *
 * @param taxonomy NUCC taxonomy code, or {@code null}
 */
public record Requester(String npi, String name, String firstName, String taxonomy) {
    public Requester {
        Require.nonNull("npi name", npi, name);
    }

    public boolean isPerson() {
        return firstName != null;
    }
}
