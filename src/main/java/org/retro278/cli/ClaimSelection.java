package org.retro278.cli;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.retro278.store.OperatorView;
import org.retro278.store.StoredClaim;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * How {@code claim} and {@code resubmit} name claims: the practice's claim_id (ID, of one practice with
 * {@code --practice}), {@code --key}, or {@code --file}; each command adds its own ways beside these.
 */
final class ClaimSelection {

    @Parameters(arity = "0..1", paramLabel = "ID", description = "The practice's claim_id (of every file, unless --practice).")
    String claimId;

    @Option(names = "--practice", paramLabel = "ID", description = "Only claims of this practice (with ID or --file).")
    String practice;

    @Option(names = "--file", paramLabel = "NAME", description = "The claims of the claim files with this name.")
    String file;

    @Option(names = "--key", paramLabel = "N", description = "The claim with this store key (what status and claim list).")
    Long key;

    /** How many ways of naming claims are given: these and the command's own {@code others}. */
    int named(Object... others) {
        return (int) Stream.concat(Stream.of(claimId, file, key), Stream.of(others)).filter(Objects::nonNull).count();
    }

    /** What is wrong with {@code --practice}, or {@code null}. */
    String practiceMisplaced() {
        return practice != null && claimId == null && file == null ? "--practice goes with ID or --file" : null;
    }

    /** The claims named by ID, {@code --key} or {@code --file} with a store key above {@code after}: at most {@code limit}. */
    List<StoredClaim> find(OperatorView view, long after, int limit) {
        if (key != null) {
            return view.claim(key).stream().toList();
        }
        if (file != null) {
            return view.claimsOfFileNamed(file, practice, after, limit);
        }
        return view.claimsById(claimId, practice, after, limit);
    }
}
