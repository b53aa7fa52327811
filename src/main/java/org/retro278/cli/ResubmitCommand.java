package org.retro278.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import org.retro278.store.ClaimState;
import org.retro278.store.OperatorActions.Resubmit;
import org.retro278.store.OperatorView;
import org.retro278.store.StoredClaim;
import org.retro278.store.TransactionStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code resubmit}: sends claims again as new requests once the cause of their failure is fixed: one claim, the
 * claims of a file, or every claim of a payer in a state. Each goes back to READY; the running adapter's submission
 * reserves it under new control numbers (new ST02, trace number and BHT03) and sends it once. The history records
 * the operator and the reason. Claims that must not be resent are refused, with words.
 */
@Command(name = "resubmit", header = "Send claims again as new requests, with a reason.",
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
public final class ResubmitCommand extends StoreCommand {

    /** Claims read per page when a file or a state names many. */
    private static final int PAGE = 500;

    @Mixin
    ClaimSelection selection = new ClaimSelection();

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

    @Mixin
    AsOf asOf = new AsOf();

    /** What the claims named came to. */
    private static final class Counts {
        int resubmitted;
        int refused;
    }

    @Override
    public Integer call() throws Exception {
        String usage = usage();
        if (usage != null) {
            return usageError(usage);
        }
        Clock clock = asOf.clock("resubmit", err());
        if (clock == null) {
            return Retro278.USAGE;
        }
        Counts n = new Counts();
        int exit = withStore(clock, store -> {
            resubmitAll(store, n, out());
            return Retro278.OK;
        });
        if (exit != Retro278.OK) {
            return exit;
        }
        if (n.resubmitted + n.refused == 0) {
            err().println("resubmit: no claim matched");
            return Retro278.PROBLEMS;
        }
        out().printf("%d resubmitted, %d refused%n", n.resubmitted, n.refused);
        out().flush();
        return n.refused == 0 ? Retro278.OK : Retro278.PROBLEMS;
    }

    private void resubmitAll(TransactionStore store, Counts n, PrintWriter out) {
        OperatorView view = store.operatorView();
        long after = 0;
        List<StoredClaim> page;
        do {
            page = find(view, after);
            for (StoredClaim c : page) {
                Resubmit r = store.operatorActions().resubmit(c.key(), operator.name(), reason.strip());
                if (r.resubmitted()) {
                    n.resubmitted++;
                } else {
                    n.refused++;
                }
                out.println(r.words(c.payerId()));
                after = c.key();
            }
        } while (page.size() == PAGE);
    }

    private String usage() {
        if (selection.named(state) != 1) {
            return "name the claims: ID, --key N, --file NAME or --state STATE --payer ID";
        }
        if ((state != null) != (payer != null)) {
            return "--state and --payer go together";
        }
        String practice = selection.practiceMisplaced();
        if (practice != null) {
            return practice;
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
        if (state != null) {
            return view.claimsInState(state, payer, after, PAGE);
        }
        return selection.find(view, after, PAGE);
    }
}
