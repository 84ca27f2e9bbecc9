package org.c4j.cli;

import java.io.PrintStream;

import org.c4j.cli.internal.CommandIo;
import org.c4j.cli.internal.Commands;

import picocli.CommandLine;

/**
 * The {@code c4} command line, testable in-process: {@link #run} parses the arguments (picocli; the commands are
 * listed in {@code org.c4j.cli.internal.command.C4Command}), runs the command against the given streams and returns
 * the exit status instead of exiting — {@link #OK}, {@link #ERROR} (printed as {@code c4: <message>}) or
 * {@link #USAGE} (a wrong command line, printed with the command's synopsis). {@code c4 COMMAND --help} and
 * {@code c4 help COMMAND} print a command's help on {@code out}.
 *
 * <p>Not thread-safe: one {@code run} at a time per instance. The streams belong to the caller.
 */
public final class Cli {
    public static final int OK = CommandLine.ExitCode.OK;
    public static final int ERROR = CommandLine.ExitCode.SOFTWARE;
    public static final int USAGE = CommandLine.ExitCode.USAGE;

    private final PrintStream out;
    private final PrintStream err;
    private final StopSignal stop;
    private final java.util.function.UnaryOperator<String> env;

    /** A command line writing to {@code out} and {@code err}; long-running commands run until {@code stop} fires. */
    public Cli(PrintStream out, PrintStream err, StopSignal stop) {
        this(out, err, stop, System::getenv);
    }

    /** As above, reading environment variables (e.g. {@code C4_PASSWORD}) from {@code env} instead of the process. */
    public Cli(PrintStream out, PrintStream err, StopSignal stop, java.util.function.UnaryOperator<String> env) {
        this.out = out;
        this.err = err;
        this.stop = stop;
        this.env = env;
    }

    /** Runs one command and returns its exit status. */
    public int run(String... args) {
        CommandLine c4 = Commands.commandLine(new CommandIo(out, err, stop, env));
        try {
            return c4.execute(args);
        } finally {
            c4.getOut().flush();
            c4.getErr().flush();
            out.flush();
            err.flush();
        }
    }
}
