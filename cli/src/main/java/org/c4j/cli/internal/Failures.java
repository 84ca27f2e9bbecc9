package org.c4j.cli.internal;

import java.io.PrintStream;
import java.util.List;

import org.c4j.socket.C4Exception;

import picocli.CommandLine;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How a run that went wrong ends. A wrong command line (picocli's {@link ParameterException}, from parsing or thrown
 * by a command's own checks) prints {@code c4: <message>}, the command's synopsis and where to find its help, and
 * exits with {@link ExitCode#USAGE} (2). A command that failed for a reason the user should read
 * ({@link CommandException}, a {@link C4Exception} from the library, an interrupt) prints {@code c4: <message>} and
 * exits with {@link ExitCode#SOFTWARE} (1). Anything else is a bug: picocli prints its stack trace, status 1.
 *
 * <p>Stateless apart from the stream; thread-safe as {@link PrintStream} is.
 */
final class Failures implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
    private final PrintStream err;

    Failures(PrintStream err) {
        this.err = err;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        err.println("c4: " + message(e));
        CommandLine.Help help = command.getHelp();
        err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more.");
        return ExitCode.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) throws Exception {
        if (e instanceof CommandException || e instanceof C4Exception) {
            err.println("c4: " + e.getMessage());
            return ExitCode.SOFTWARE;
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            err.println("c4: interrupted");
            return ExitCode.SOFTWARE;
        }
        throw e;
    }

    /** The usage error in this command's words: picocli's own message where there is no shorter one. */
    static String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            if (u.isUnknownOption()) {
                return "unknown option " + arg;
            }
            return u.getCommandLine().getSubcommands().isEmpty() ? "unexpected argument '" + arg + "'"
                    : "unknown command '" + arg + "'";
        }
        List<String> unmatched = e.getCommandLine().getUnmatchedArguments();
        if (e instanceof MissingParameterException && !unmatched.isEmpty() && unmatched.get(0).startsWith("-")) {
            // "put DIR -x {}": the unknown option is the mistake, the argument it seems to miss only follows from it
            return "unknown option " + unmatched.get(0);
        }
        if (e instanceof MissingParameterException m && !m.getMissing().isEmpty()) {
            ArgSpec missing = m.getMissing().get(0);
            if (!(missing instanceof OptionSpec option)) {
                return "missing " + missing.paramLabel();
            }
            // picocli's two cases: "Missing required option: ..." and "Missing required parameter for option ..."
            boolean absent = String.valueOf(m.getMessage()).startsWith("Missing required option");
            return option.longestName() + (absent ? " is required" : " needs a value");
        }
        if (e instanceof OverwrittenOptionException o && o.getOverwritten() instanceof OptionSpec option) {
            return option.longestName() + " given twice";
        }
        String text = String.valueOf(e.getMessage());
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
