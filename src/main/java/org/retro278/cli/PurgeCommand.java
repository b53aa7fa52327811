package org.retro278.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import org.retro278.config.ConfigurationException;
import org.retro278.config.RuntimeSettings;
import org.retro278.retention.Retention;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code purge}: retention by hand, as run does it on its schedule: claim files whose every claim is final and older
 * than the retention period are reduced to PHI-free tombstones (duplicates are still caught), and retro278's local
 * copies of them go.
 */
@Command(name = "purge", header = "Remove final claims older than the retention period, keeping PHI-free tombstones.",
        description = {"Claim files whose every claim is final (decided, except PENDED; rejected locally, by the gateway or by"
                + " the payer) and unchanged for DAYS days lose what they carried (requests, names, member ids, dates of"
                + " service, reasons, the payer's details, file names); a tombstone of ids, states, control numbers, dates"
                + " and hashes stays, so a file or claim dropped again is still a duplicate. Their status files go from the"
                + " work directory, and so do archived response files, quarantined claim files and spool leftovers older"
                + " than DAYS days.",
                "Reads the same installation as run (--config, --work, retro278.store.*) and works while run is running.",
                "Exit 0: purged. 1: nothing was due. 2: usage or configuration error."})
public final class PurgeCommand extends StoreCommand {

    @Mixin
    AsOf asOf = new AsOf();

    @Option(names = "--older-than", paramLabel = "DAYS",
            description = "Keep what changed in the last DAYS days (1-36500; default: retro278.retention.days, 2190).")
    Integer days;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = err();
        Clock clock = asOf.clock("purge", err);
        if (clock == null) {
            return Retro278.USAGE;
        }
        RuntimeSettings settings;
        try {
            settings = installed.settings();
        } catch (ConfigurationException e) {
            err.println("purge: configuration: " + e.getMessage());
            return Retro278.USAGE;
        }
        if (days == null && !settings.retention().enabled()) {
            err.println("purge: retro278.retention.days is off: say --older-than DAYS");
            return Retro278.USAGE;
        }
        if (days != null && (days < 1 || days > 36_500)) {
            err.println("purge: --older-than " + days + " is not from 1 to 36500 days");
            return Retro278.USAGE;
        }
        Duration period = days != null ? Duration.ofDays(days) : settings.retention().period();
        try {
            return withStore(clock, store -> shown(new Retention(store, installed.workDir(settings), clock, period).purge(), period));
        } catch (IOException e) {
            err.println("purge: the work directory could not be cleaned (" + e.getClass().getSimpleName() + ")");
            return Retro278.USAGE;
        }
    }

    private int shown(Retention.Purged p, Duration period) {
        out().printf("purged %d claim file(s) and %d claim(s) final for more than %d day(s) (tombstones kept); %d local"
                + " cop(ies) removed%n", p.files(), p.claims(), period.toDays(), p.localCopies());
        out().flush();
        return p.files() + p.localCopies() == 0 ? Retro278.PROBLEMS : Retro278.OK;
    }
}
