package org.retro278.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import org.retro278.build.TransactionSetValidator;
import org.retro278.build.X12Checks;
import org.retro278.config.ConfigurationException;
import org.retro278.convert.ConversionSummary;
import org.retro278.convert.Converter;
import org.retro278.mapping.ClaimFileReader;
import org.retro278.mapping.ClaimFileRefusedException;
import org.retro278.mapping.ClaimLayout;
import org.retro278.rules.ClaimRules;
import org.retro278.x12.control.FileControlNumbers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code convert}: one claim file to one validated 278 interchange per payer, offline.
 */
@Command(name = "convert", header = "Convert a claim file into validated X12 278 requests, offline.",
        description = {"Writes one validated 005010X217 interchange per payer (*.x12) and a rejection report"
                + " (*.rejections.csv) into the output directory.",
                "Exit 0: every claim converted. 1: some claims rejected (the others are written)."
                + " 2: usage or configuration error, or the file was refused as a whole."})
public final class ConvertCommand extends Subcommand {

    @Mixin
    Installation installation = new Installation();

    @Option(names = "--claims", required = true, paramLabel = "FILE", description = "The claim file.")
    Path claims;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the interchanges and the report go.")
    Path out;

    @Option(names = "--as-of", paramLabel = AsOf.LABEL,
            description = {"Process as of this date (and time): retro windows count to it, no date may lie after it, and",
                    "the envelopes carry it. Without it: now. With a date alone the time is 00:00, so output is reproducible."})
    String asOf;

    @Option(names = "--state", paramLabel = "DIR", defaultValue = "work/state",
            description = "Where the control-number counter is kept (default: ${DEFAULT-VALUE}).")
    Path state;

    @Option(names = "--layout", paramLabel = "NAME", defaultValue = "default",
            description = "The claim layout: a mapping file mappings/NAME.xml (default: ${DEFAULT-VALUE}).")
    String layout;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads that build and validate (default: one per core).")
    Integer threads;

    @Option(names = "--skip-validation-for-benchmark", hidden = true,
            description = "Measure what validation costs: writes unvalidated output. Never for anything that is sent.")
    boolean skipValidation;

    @Override
    public Integer call() {
        PrintWriter err = err();
        PrintWriter outw = out();
        LocalDateTime created;
        try {
            created = AsOf.orNow(asOf, Clock.systemDefaultZone());
        } catch (DateTimeParseException e) {
            err.println("convert: --as-of '" + asOf + "' is not " + AsOf.LABEL);
            return Retro278.USAGE;
        }
        if (!Files.isRegularFile(claims)) {
            err.println("convert: claim file not found: " + claims);
            return Retro278.USAGE;
        }
        Installation.Loaded config;
        try {
            config = installation.load();
        } catch (ConfigurationException e) {
            err.println("convert: configuration: " + e.getMessage());
            return Retro278.USAGE;
        }
        ClaimFileReader reader;
        try {
            reader = new ClaimFileReader(ClaimLayout.load(installation.mappings, layout));
        } catch (ConfigurationException e) {
            err.println("convert: layout: " + e.getMessage());
            return Retro278.USAGE;
        }
        try (reader) {
            ClaimRules rules = new ClaimRules(config.payers(), X12Checks.facts(), reader.layout().datePattern(),
                    created.toLocalDate());
            var numbers = new FileControlNumbers(state.resolve("control-numbers.properties"));
            if (skipValidation) {
                err.println("convert: WARNING: validation is off (benchmark mode); do not send this output");
            }
            Converter converter = new Converter(rules, numbers, config.submitter().traceOriginator(),
                    skipValidation ? TransactionSetValidator.NONE : X12Checks.transactionSets(),
                    X12Checks.envelopes(), created, threads == null ? Runtime.getRuntime().availableProcessors() : threads);
            ConversionSummary s = converter.convert(reader, claims, out);
            for (var p : s.interchanges()) {
                outw.printf("wrote %s (%d request(s))%n", p.file(), p.transactionSets());
            }
            outw.printf("%d claim(s) read from %d row(s): %d converted, %d rejected%n", s.claims(), s.rows(), s.converted(), s.rejected());
            if (s.read().unreadableLines() > 0) {
                outw.printf("%d line(s) are not valid CSV: each is in the rejection report with the claim it shows%n",
                        s.read().unreadableLines());
            }
            outw.printf("rejection report: %s%n", s.report());
            outw.flush();
            return s.rejected() > 0 ? Retro278.PROBLEMS : Retro278.OK;
        } catch (ClaimFileRefusedException e) {
            err.println("convert: " + claims + " refused: " + e.getMessage());
            return Retro278.USAGE;
        } catch (IOException e) {
            err.println("convert: " + e.getMessage());
            return Retro278.USAGE;
        }
    }
}
