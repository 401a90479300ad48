package lab.performance.observatory.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code observatory} command. Exit codes: 0 success, 1 targets missed or a regression, 2 bad input, 3 infrastructure failure. */
@Command(name = "observatory", mixinStandardHelpOptions = true, version = "observatory 0.1.0",
        description = "How fast is this streaming pipeline, really - and did my last change make it slower?",
        subcommands = {RunCommand.class, ReportCommand.class, RunsCommand.class, CompareCommand.class, BaselineCommand.class,
                HistoryCommand.class, PlanCommand.class, RecordCommand.class, ValidateCommand.class, PrometheusCommand.class, ApiCommand.class, ChaosCommand.class, SoakCommand.class, AbCommand.class, CeilingCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the run completed but missed its targets or regressed against its baseline", "2:bad input (one line says what to fix)",
                "3:infrastructure failure"})
public final class ObservatoryCli implements Runnable {

    final Console console;

    ObservatoryCli(Console console) {
        this.console = console;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "name a command: run, chaos, report, runs, compare, baseline, history, plan, record, validate, prometheus or api");
    }

    public static void main(String[] args) {
        System.exit(execute(Console.system(), args));
    }

    static int execute(Console console, String... args) {
        CommandLine cli = new CommandLine(new ObservatoryCli(console));
        PrintStream err = System.err;
        cli.setParameterExceptionHandler((ex, arguments) -> {
            err.println("observatory: " + ex.getMessage() + " (see observatory " + commandName(ex.getCommandLine()) + "--help)");
            return CliException.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parsed) -> {
            console.endProgress();
            if (ex instanceof CliException cli1) {
                err.println("observatory: " + cli1.getMessage());
                return cli1.exitCode();
            }
            err.println("observatory: unexpected failure: " + ex);
            ex.printStackTrace(err);
            return CliException.INFRASTRUCTURE;
        });
        return cli.execute(args);
    }

    private static String commandName(CommandLine command) {
        return command.getParent() == null ? "" : command.getCommandName() + " ";
    }

    /** The project directory: set by bin/observatory, else the working directory. */
    static Path home() {
        String home = System.getProperty("observatory.home");
        return (home == null || home.isBlank() ? Path.of("") : Path.of(home)).toAbsolutePath();
    }
}
