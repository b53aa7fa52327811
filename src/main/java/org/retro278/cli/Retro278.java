package org.retro278.cli;

import org.retro278.x12.validation.UsageNodeOverride;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code java -jar target/retro278.jar <command>}. Names and exit codes are a contract
 * (docs/architecture): 0 success, 1 problems found in the data (some claims rejected, a file with errors),
 * 2 usage or configuration error, or an input refused as a whole.
 */
@Command(name = "retro278",
        mixinStandardHelpOptions = true,
        versionProvider = Retro278.Version.class,
        description = "Retrospective authorization adapter: claim files to X12 278 (005010X217) requests and back.",
        subcommands = {RunCommand.class, DemoCommand.class, ConvertCommand.class, ValidateCommand.class, ReadCommand.class,
                PasswordHashCommand.class, StatusCommand.class, ClaimCommand.class, ResubmitCommand.class, ReapplyCommand.class,
                PurgeCommand.class})
public final class Retro278 implements Runnable {

    /** Exit codes shared by every command. */
    public static final int OK = 0;
    public static final int PROBLEMS = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        routeJavaUtilLogging();
        System.exit(run(args));
    }

    /** StAEDI and some Camel parts log through java.util.logging; send that through SLF4J and logback.xml. */
    public static void routeJavaUtilLogging() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    /** Runs a command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        CommandLine cl = commandLine();
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Retro278());
        cl.setExitCodeExceptionMapper(e -> USAGE);
        cl.getCommandSpec().exitCodeOnInvalidInput(USAGE);
        cl.getCommandSpec().exitCodeOnExecutionException(USAGE);
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().exitCodeOnInvalidInput(USAGE);
            sub.getCommandSpec().exitCodeOnExecutionException(USAGE);
        }
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: run, demo, convert, validate, read, password-hash,"
                + " status, claim, resubmit, reapply, purge"
                + " (--help lists them)");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Retro278.class.getPackage().getImplementationVersion();
            return new String[] {"retro278 " + (v == null ? "(development build)" : v),
                    "StAEDI validator override " + (UsageNodeOverride.inEffect() ? "in effect" : "absent") + ": "
                            + UsageNodeOverride.status()};
        }
    }
}
