package org.retro278.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.retro278.model.PersonName;
import org.retro278.model.RetroAuthorizationRequest;
import org.retro278.store.OperatorView;
import org.retro278.store.OperatorView.ClaimChange;
import org.retro278.store.Reason;
import org.retro278.store.ReceivedFile;
import org.retro278.store.StoredClaim;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code claim}: one claim (or the claims a key names) with its whole history: every change of state, when, who
 * or what made it (intake, submission, response intake, deadline watch) and what it came from (the claim file,
 * the interchange, the payer's response file; the segment is in the detail). Its PHI (names, member ids, birth
 * dates, the reasons' words) is shown only with {@code --show-phi}.
 */
@Command(name = "claim", header = "Show a claim and its whole history.",
        description = {"Finds claims by the practice's claim_id (ID), by trace number, by ISA13 (and ST02), by claim file"
                + " name or by the store's key, and shows each with every change of its state: when, by what, from which"
                + " file, interchange or response file.",
                "Reads the same installation as run (--config, --work, retro278.store.*) and works while run is running.",
                "Names, member ids, birth dates and the reasons' words are PHI: shown only with --show-phi.",
                "Exit 0: shown. 1: no claim matched. 2: usage or configuration error."})
public final class ClaimCommand extends OperatorCommand {

    @Mixin
    ClaimSelection selection = new ClaimSelection();

    @Option(names = "--trace", paramLabel = "TRN02", description = "The claim whose request carried this trace number.")
    String trace;

    @Option(names = "--show-phi", description = "Also show names, member ids, birth dates and the reasons' words (PHI).")
    boolean showPhi;

    @Option(names = "--isa13", paramLabel = "N", description = "The claims sent in the interchange with this ISA13.")
    Long isa13;

    @Option(names = "--st02", paramLabel = "N", description = "With --isa13: the claim of the transaction set with this ST02.")
    Long st02;

    @Option(names = "--after", paramLabel = "KEY", defaultValue = "0",
            description = "Only claims with a store key above KEY: the next page.")
    long after;

    @Override
    int show(OperatorView view, PrintWriter out, PrintWriter err) throws Exception {
        List<StoredClaim> found = find(view);
        if (found.isEmpty()) {
            err.println("claim: no claim matched");
            return Retro278.PROBLEMS;
        }
        List<Shown> shown = new ArrayList<>();
        for (StoredClaim c : found) {
            shown.add(new Shown(c, view.file(c.fileId()), view.history(c.key()),
                    showPhi ? view.request(c.key()) : Optional.empty()));
        }
        if (json.on) {
            out.println(json(shown));
        } else {
            shown.forEach(s -> text(s, out));
            if (found.size() == limit) {
                out.println("(at most " + limit + " claims shown: --after " + found.get(found.size() - 1).key()
                        + " shows the next)");
            }
        }
        return Retro278.OK;
    }

    @Override
    String usage() {
        if (selection.named(trace, isa13) != 1) {
            return "name one claim: ID, --trace TRN02, --isa13 N [--st02 N], --file NAME or --key N";
        }
        if (st02 != null && isa13 == null) {
            return "--st02 needs --isa13";
        }
        return selection.practiceMisplaced();
    }

    private List<StoredClaim> find(OperatorView view) {
        if (trace != null) {
            return view.claimByTrace(trace).stream().toList();
        }
        if (isa13 != null) {
            return view.claimsOfInterchange(isa13, st02, after, limit);
        }
        return selection.find(view, after, limit);
    }

    /** A claim as shown: with its file, its history and, when asked for, its request (PHI). */
    private record Shown(StoredClaim claim, Optional<ReceivedFile> file, List<ClaimChange> history,
                         Optional<RetroAuthorizationRequest> request) {
    }

    // ---------------------------------------------------------------------------------- text

    private void text(Shown s, PrintWriter out) {
        StoredClaim c = s.claim();
        out.printf("claim %d: %s of practice %s, file %d%s%n", c.key(), c.claimId() == null ? "(no claim_id)" : c.claimId(),
                c.practiceId(), c.fileId(), s.file().map(f -> " " + f.fileName()).orElse(""));
        row(out, "payer", c.payerId());
        row(out, "state", c.state() + (c.overdue() ? " (OVERDUE)" : ""));
        row(out, "reasons", c.reasons().isEmpty() ? null : String.join(", ", c.reasons().stream().map(this::reason).toList()));
        row(out, "trace (TRN02)", c.traceNumber());
        row(out, "BHT03", c.bht03());
        row(out, "ISA13 GS06 ST02", c.isa13() == null ? null
                : String.format(Locale.ROOT, "%09d %d %04d", c.isa13(), c.gs06(), c.st02()));
        row(out, "attempts", String.valueOf(c.attempt()));
        row(out, "decision", c.decisionCode() == null ? null : "HCR01 " + c.decisionCode()
                + (c.authorizationNumber() == null ? "" : ", authorization " + c.authorizationNumber())
                + (c.adminReference() == null ? "" : ", administrative reference " + c.adminReference()));
        row(out, "received", String.valueOf(c.receivedAt()));
        row(out, "ready", c.readyAt() == null ? null : c.readyAt().toString());
        row(out, "sent", c.sentAt() == null ? null : c.sentAt().toString());
        row(out, "acknowledged", c.acknowledgedAt() == null ? null : c.acknowledgedAt().toString());
        row(out, "decided", c.decidedAt() == null ? null : c.decidedAt().toString());
        if (showPhi) {
            s.request().ifPresentOrElse(r -> {
                row(out, "member id", r.subscriber().memberId());
                row(out, "subscriber", name(r.subscriber().name()) + ", born " + r.subscriber().birthDate());
                row(out, "patient", r.dependent() == null ? "the subscriber"
                        : name(r.dependent().name()) + ", born " + r.dependent().birthDate());
            }, () -> row(out, "request", "none (the claim did not map to a request)"));
        } else {
            row(out, "PHI", "hidden (--show-phi shows names, member ids, birth dates and the reasons' words)");
        }
        out.println("  history:");
        for (ClaimChange h : s.history()) {
            out.printf("    %s  %s -> %s  %s%s%s%n", h.at(), h.from() == null ? "(new)" : h.from(), h.to(),
                    h.actor() == null ? "(not recorded)" : h.actor(), cause(h), h.detail() == null ? "" : "  " + h.detail());
        }
        out.println();
    }

    private static void row(PrintWriter out, String label, String value) {
        if (value != null) {
            out.printf("  %-16s %s%n", label, value);
        }
    }

    private String reason(Reason r) {
        String code = r.code() + (r.field() == null ? "" : " (" + r.field() + ")");
        return showPhi ? code + ": " + r.words() : code;
    }

    private static String name(PersonName n) {
        return n == null ? "(no name)" : n.last() + (n.first() == null ? "" : ", " + n.first());
    }

    private static String cause(ClaimChange h) {
        StringBuilder b = new StringBuilder();
        if (h.receivedFileId() != null) {
            b.append("  file ").append(h.receivedFileId()).append(h.receivedFileName() == null ? "" : " " + h.receivedFileName());
        }
        if (h.interchangeId() != null) {
            b.append("  interchange ").append(h.isa13() == null ? "id " + h.interchangeId()
                    : String.format(Locale.ROOT, "ISA13 %09d", h.isa13()))
                    .append(h.interchangeFileName() == null ? "" : " " + h.interchangeFileName());
        }
        if (h.responseFileId() != null) {
            b.append("  response file ").append(h.responseFileId())
                    .append(h.responseFileName() == null ? "" : " " + h.responseFileName());
        }
        return b.toString();
    }

    // ---------------------------------------------------------------------------------- JSON

    private String json(List<Shown> shown) throws Exception {
        ObjectMapper mapper = JsonOutput.mapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode claims = root.putArray("claims");
        for (Shown s : shown) {
            StoredClaim c = s.claim();
            ObjectNode n = claims.addObject();
            n.put("key", c.key());
            n.put("claimId", c.claimId());
            n.put("practiceId", c.practiceId());
            n.put("payerId", c.payerId());
            n.put("state", c.state().name());
            n.put("overdue", c.overdue());
            n.put("fileId", c.fileId());
            n.put("fileName", s.file().map(ReceivedFile::fileName).orElse(null));
            ArrayNode reasons = n.putArray("reasons");
            for (Reason r : c.reasons()) {
                ObjectNode rn = reasons.addObject().put("code", r.code()).put("field", r.field());
                if (showPhi) {
                    rn.put("words", r.words());
                }
            }
            n.put("traceNumber", c.traceNumber());
            n.put("bht03", c.bht03());
            n.put("isa13", c.isa13());
            n.put("gs06", c.gs06());
            n.put("st02", c.st02());
            n.put("attempt", c.attempt());
            n.put("decisionCode", c.decisionCode());
            n.put("authorizationNumber", c.authorizationNumber());
            n.put("adminReference", c.adminReference());
            for (String[] t : new String[][] {{"receivedAt", String.valueOf(c.receivedAt())}, {"readyAt", str(c.readyAt())},
                    {"sentAt", str(c.sentAt())}, {"acknowledgedAt", str(c.acknowledgedAt())}, {"decidedAt", str(c.decidedAt())}}) {
                n.put(t[0], t[1]);
            }
            if (showPhi) {
                s.request().ifPresent(r -> {
                    ObjectNode phi = n.putObject("phi");
                    phi.put("memberId", r.subscriber().memberId());
                    phi.put("subscriber", name(r.subscriber().name()));
                    phi.put("subscriberBirthDate", str(r.subscriber().birthDate()));
                    phi.put("patient", r.dependent() == null ? null : name(r.dependent().name()));
                    phi.put("patientBirthDate", r.dependent() == null ? null : str(r.dependent().birthDate()));
                });
            }
            n.set("history", mapper.valueToTree(s.history()));
        }
        return mapper.writeValueAsString(root);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
