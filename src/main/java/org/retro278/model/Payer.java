package org.retro278.model;

/** The utilization management organization (payer) the request goes to: 2010A. */
public record Payer(String id, String name) {
    public Payer {
        Require.nonNull("id name", id, name);
    }
}
