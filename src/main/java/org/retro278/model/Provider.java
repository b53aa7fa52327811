package org.retro278.model;

/**
 * A provider named by NPI: the facility of the event (2010EA) or the rendering provider of a service
 * line (2010F). With a first name it is a person, else an organization.
 */
public record Provider(String npi, String name, String firstName) {
    public Provider {
        Require.nonNull("npi name", npi, name);
    }

    public boolean isPerson() {
        return firstName != null;
    }
}
