package org.retro278.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.retro278.store.ClaimState;
import org.retro278.store.OperatorActions.Resubmit;
import org.retro278.store.OperatorView;
import org.retro278.store.StoreException;
import org.retro278.store.StoredClaim;
import org.retro278.store.TransactionStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code resubmit}: sends claims again as new requests once the cause of their failure is fixed: one claim, the
 * claims of a file, or every claim of a payer in a state. Each goes back to READY; the running adapter's submission
 * reserves it under new control numbers (new ST02, trace number and BHT03) and sends it once. The history records
 * the operator and the reason. Claims that must not be resent are refused, with words.
 */
@Command(name = "resubmit", mixinStandardHelpOptions = true,
        header = "Send claims again as new requests, with a reason.",
        description = {"Sends one claim (ID, --key N), the claims of a claim file (--file NAME) or every claim of a payer in a"
                + " state (--state STATE --payer ID) again as a new request: new ST02, trace number (TRN02) and BHT03. The"
                + " running adapter (run) sends each once with its next interchange to the payer.",
                "Refused, with the reason, for claims that must not be resent: certified (CERTIFIED, PARTIALLY_CERTIFIED,"
                + " MODIFIED), PENDED at the payer, held by an AAA04 follow-up Y or S, already waiting to be sent (READY),"
                + " awaiting an answer that is not late (SENT or ACCEPTED without OVERDUE), rejected locally, purged, or"
                + " the same claim already dropped again and in flight.",
                "The history of each claim records the operator (--operator, else the OS user) and --reason; type no PHI"
                + " into the reason.",
                "Reads the same installation as run (--config, --work, retro278.store.*) and works while run is running.",
                "Exit 0: every claim matched was resubmitted. 1: nothing matched, or a claim was refused."
                + " 2: usage or configuration error."})
public final class ResubmitCommand implements Callable<Integer> {

    /** Claims read per page when a file or a state names many. */
    private static final int PAGE = 500;

    @Spec
    CommandSpec spec;

    @Mixin
    InstalledStore installed = new InstalledStore();

    @Parameters(arity = "0..1", paramLabel = "ID", description = "The practice's claim_id (of every file, unless --practice).")
    String claimId;

    @Option(names = "--practice", paramLabel = "ID", description = "Only claims of this practice (with ID or --file).")
    String practice;

    @Option(names = "--key", paramLabel = "N", description = "The claim with this store key (what status and claim list).")
    Long key;

    @Option(names = "--file", paramLabel = "NAME", description = "The claims of the claim files with this name.")
    String file;

    @Option(names = "--state", paramLabel = "STATE", description = "With --payer: every claim of the payer in this state"
            + " (for example REJECTED_BY_GATEWAY).")
    ClaimState state;

    @Option(names = "--payer", paramLabel = "ID", description = "With --state: the payer.")
    String payer;

    @Option(names = "--reason", paramLabel = "WORDS", required = true,
            description = "Why the claims go out again (required; kept in each claim's history; no PHI).")
    String reason;

    @Mixin
    Operator operator = new Operator();

    @Option(names = "--as-of", paramLabel = AsOf.LABEL, description = {"Record the change as though it were this moment, the"
            + " clock running on from there: for acceptance tests next to a run --as-of; never in production."})
    String asOf;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String usage = usage();
        if (usage != null) {
            err.println("resubmit: " + usage + " (--help)");
            return Retro278.USAGE;
        }
        Clock clock = AsOf.commandClock("resubmit", asOf, err);
        if (clock == null) {
            return Retro278.USAGE;
        }
        int resubmitted = 0;
        int refused = 0;
        try (TransactionStore store = installed.open("resubmit", err, clock)) {
            if (store == null) {
                return Retro278.USAGE;
            }
            OperatorView view = store.operatorView();
            long after = 0;
            List<StoredClaim> page;
            do {
                page = find(view, after);
                for (StoredClaim c : page) {
                    Resubmit r = store.operatorActions().resubmit(c.key(), operator.name(), reason.strip());
                    if (r.resubmitted()) {
                        resubmitted++;
                    } else {
                        refused++;
                    }
                    out.println(r.words(c.payerId()));
                    after = c.key();
                }
            } while (page.size() == PAGE);
        } catch (StoreException e) {
            err.println("resubmit: " + e.getMessage());
            return Retro278.USAGE;
        }
        if (resubmitted + refused == 0) {
            err.println("resubmit: no claim matched");
            return Retro278.PROBLEMS;
        }
        out.printf("%d resubmitted, %d refused%n", resubmitted, refused);
        out.flush();
        return refused == 0 ? Retro278.OK : Retro278.PROBLEMS;
    }

    private String usage() {
        int selectors = (claimId != null ? 1 : 0) + (key != null ? 1 : 0) + (file != null ? 1 : 0) + (state != null ? 1 : 0);
        if (selectors != 1) {
            return "name the claims: ID, --key N, --file NAME or --state STATE --payer ID";
        }
        if ((state != null) != (payer != null)) {
            return "--state and --payer go together";
        }
        if (practice != null && claimId == null && file == null) {
            return "--practice goes with ID or --file";
        }
        if (reason.isBlank()) {
            return "--reason must say why";
        }
        if (reason.length() > 500) {
            return "--reason is longer than 500 characters";
        }
        return null;
    }

    /** The next page of the claims named, after the key {@code after}. */
    private List<StoredClaim> find(OperatorView view, long after) {
        if (key != null) {
            return after > 0 ? List.of() : view.claim(key).stream().toList();
        }
        if (file != null) {
            return view.claimsOfFileNamed(file, practice, after, PAGE);
        }
        if (state != null) {
            return view.claimsInState(state, payer, after, PAGE);
        }
        return view.claimsById(claimId, practice, after, PAGE);
    }
}
