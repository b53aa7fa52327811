package org.retro278.build;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.retro278.rules.X217Facts;
import org.retro278.x12.X12Problem;
import org.retro278.x12.validation.X12Validator;
import org.retro278.x12.validation.X217CodeLists;

/**
 * What the offline command and the live path need of the implementation-guide validator: one shared
 * validator (schemas are read once per process), its code lists for the input rules, full validation of
 * built transaction sets, and envelope verification of assembled interchanges.
 */
public final class X12Checks {

    private static final class Holder {
        static final X12Validator VALIDATOR = X12Validator.create();
    }

    private X12Checks() {
    }

    public static X12Validator validator() {
        return Holder.VALIDATOR;
    }

    /** Code lists and element lengths of the 005010X217 request guide. */
    public static X217Facts facts() {
        X217CodeLists lists = validator().codeLists();
        return new X217Facts() {
            @Override
            public Set<String> codes(String loop, String segment, int element, Integer component) {
                return lists.codes(loop, segment, element, component);
            }

            @Override
            public int maxLength(String loop, String segment, int element, Integer component) {
                return lists.maxLength(loop, segment, element, component);
            }

            @Override
            public int minLength(String loop, String segment, int element, Integer component) {
                return lists.minLength(loop, segment, element, component);
            }
        };
    }

    /** Full implementation-guide validation of X12 bytes. */
    public static TransactionSetValidator transactionSets() {
        X12Validator v = validator();
        return (InputStream in) -> v.validate(in).problems();
    }

    /** Envelope verification of an assembled interchange file. */
    public static InterchangeVerifier envelopes() {
        X12Validator v = validator();
        return (Path file) -> {
            List<X12Problem> problems = new ArrayList<>();
            try (InputStream in = Files.newInputStream(file)) {
                v.validateEnvelope(in, problems::add);
            }
            return problems;
        };
    }
}
