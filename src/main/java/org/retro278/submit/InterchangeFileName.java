package org.retro278.submit;

/**
 * The name an interchange has in the local outbox and at the payer's gateway, from the installation's
 * pattern ({@code retro278.submit.fileName}): {@code {payer}} stands for the payer id, {@code {isa13}} for
 * the interchange control number in 9 digits. The name is fixed when the interchange is reserved.
 */
public record InterchangeFileName(String pattern) {

    public static final String PAYER = "{payer}";
    public static final String ISA13 = "{isa13}";

    public InterchangeFileName {
        if (!pattern.contains(ISA13)) {
            throw new IllegalArgumentException("an interchange file name pattern must contain " + ISA13);
        }
    }

    public String of(String payerId, long isa13) {
        return pattern.replace(PAYER, payerId).replace(ISA13, String.format("%09d", isa13));
    }
}
