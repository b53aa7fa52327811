package org.retro278.sftp;

import java.util.Map;
import java.util.Optional;

/**
 * Where passwords and key passphrases come from: the process environment in an installation, a map in
 * tests. Never a committed file (docs/architecture: secrets). Lookups return what is there; an empty
 * value counts as absent.
 */
@FunctionalInterface
public interface Secrets {

    /** The value of the named secret, if set and not empty. */
    Optional<String> lookup(String name);

    /** The process environment. */
    static Secrets environment() {
        return name -> Optional.ofNullable(System.getenv(name)).filter(v -> !v.isEmpty());
    }

    /** Fixed values (tests, embedded demo set-ups). */
    static Secrets of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return name -> Optional.ofNullable(copy.get(name)).filter(v -> !v.isEmpty());
    }
}
