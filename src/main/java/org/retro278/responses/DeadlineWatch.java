package org.retro278.responses;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import org.retro278.config.Deadlines;
import org.retro278.config.PayerDirectory;
import org.retro278.config.PayerProfile;
import org.retro278.store.TransactionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flags claims whose payer is late: no acknowledgment within the payer's acknowledgment deadline after
 * sending, no decision within its business days after the acknowledgment (or after a pended response).
 * A flagged claim shows OVERDUE in its status file, and one PHI-free WARN line is logged for it; the flag
 * goes away with the claim's next move.
 */
public final class DeadlineWatch {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlineWatch.class);

    private final TransactionStore store;
    private final PayerDirectory payers;
    private final Clock clock;
    private final ZoneId zone;

    public DeadlineWatch(TransactionStore store, PayerDirectory payers, Clock clock) {
        this.store = store;
        this.payers = payers;
        this.clock = clock;
        this.zone = clock.getZone();
    }

    /** Route entry point: flags every late claim of every payer; returns how many were flagged. */
    public int check() {
        // deadlines are measured on the store's clock, which stamped sent_at, acknowledged_at and decided_at
        Instant now = store.currentTime();
        int flagged = 0;
        for (PayerProfile p : payers.all()) {
            Deadlines d = p.deadlines();
            List<TransactionStore.LateClaim> late = store.lateClaims(p.id(), now.minus(d.acknowledgment()),
                    minusBusinessDays(now, d.decisionBusinessDays()), minusBusinessDays(now, d.pendedBusinessDays()));
            if (late.isEmpty()) {
                continue;
            }
            for (TransactionStore.LateClaim c : late) {
                String what = switch (c.state()) {
                    case SENT -> "no acknowledgment within " + d.acknowledgment().toMinutes() + " minutes of sending";
                    case ACCEPTED -> "no decision within " + d.decisionBusinessDays() + " business day(s) of the acknowledgment";
                    default -> "no final decision within " + d.pendedBusinessDays() + " business day(s) of the pended response";
                };
                LOG.warn("claim {} for payer {} is OVERDUE: {} (waiting since {})", c.claimId(), p.id(), what, c.since());
                flagged += store.flagOverdue(List.of(c.key()), what);
            }
        }
        return flagged;
    }

    /**
     * The latest instant from which {@code days} business days (Monday to Friday) have passed by {@code t}:
     * something that happened before it is late. A weekend does not count: at any time of a weekend the
     * clock stands at the end of Friday, and something that happened on a weekend counts from Monday 00:00.
     */
    Instant minusBusinessDays(Instant t, int days) {
        ZonedDateTime z = t.atZone(zone);
        if (z.getDayOfWeek() == DayOfWeek.SATURDAY || z.getDayOfWeek() == DayOfWeek.SUNDAY) {
            z = z.with(TemporalAdjusters.previousOrSame(DayOfWeek.SATURDAY)).toLocalDate().atStartOfDay(zone);
        }
        int left = days;
        while (left > 0) {
            z = z.minusDays(1);
            if (z.getDayOfWeek() != DayOfWeek.SATURDAY && z.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return z.toInstant();
    }
}
