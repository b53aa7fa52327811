package org.retro278.cli;

import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.retro278.runtime.Adapter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code run}: the adapter, until it is stopped. SIGTERM or Ctrl-C stop it cleanly: the routes finish what
 * they are doing, the store closes, and the command exits 0. With the default configuration it starts the
 * embedded SFTP server that the shipped practices and payers use.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Run the adapter until it is stopped.",
        description = {"Takes claim files from the practices' SFTP drop folders, sends 278 requests to the payers' SFTP"
                + " gateways exactly once, reads their answers back and writes the practices' status files.",
                "With the default configuration the embedded SFTP server hosts both sides and simulated payers answer.",
                "SIGTERM or Ctrl-C stops it cleanly (exit 0)."})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Installation installation = new Installation();

    @Mixin
    AdapterLaunch launch = new AdapterLaunch();

    @Mixin
    WorkDirectory work = new WorkDirectory();

    @Option(names = "--sftp-port", paramLabel = "PORT", description = "Port of the embedded SFTP server (0: any free port).")
    Integer sftpPort;

    @Option(names = "--as-of", paramLabel = AsOf.LABEL,
            description = {"Run as though it were this moment, the clock running on from there: retro windows, deadlines,",
                    "envelopes and the store's time stamps all follow it. For acceptance tests on fixed data; never in production."})
    String asOf;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LocalDateTime moment;
        try {
            moment = asOf == null ? null : AsOf.parse(asOf);
        } catch (DateTimeParseException e) {
            err.println("run: --as-of '" + asOf + "' is not " + AsOf.LABEL);
            return Retro278.USAGE;
        }
        StopSignal stop = StopSignal.install();
        Adapter adapter = launch.start(installation, work.dir, sftpPort, AsOf.runningFrom(moment, ZoneId.systemDefault()));
        if (adapter == null) {
            return Retro278.USAGE;
        }
        // a stop that does not come through the signals (System.exit elsewhere, a hang-up) still closes the store
        Thread hook = new Thread(adapter::close, "retro278-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (adapter.embeddedServer() != null) {
            out.printf("retro278 is running; embedded SFTP server on %s:%d (Ctrl-C stops)%n",
                    adapter.embeddedServer().host(), adapter.embeddedServer().port());
        } else {
            out.println("retro278 is running (Ctrl-C stops)");
        }
        out.flush();
        String signal = stop.await();
        out.println("retro278: " + signal + " received, stopping");
        out.flush();
        Runtime.getRuntime().removeShutdownHook(hook);
        adapter.close();
        return Retro278.OK;
    }
}
