package org.retro278.model;

import java.util.Objects;

/** The utilization management organization (payer) the request goes to: 2010A. */
public record Payer(String id, String name) {
    public Payer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
