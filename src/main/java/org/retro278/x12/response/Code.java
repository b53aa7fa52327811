package org.retro278.x12.response;

import java.util.Objects;

/**
 * A code as received and what it means in plain words (from the implementation schema's code list, or a
 * sentence saying that the code is unknown or only explained in the payer's companion guide).
 */
public record Code(String code, String words) {

    public Code {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(words, "words");
    }
}
