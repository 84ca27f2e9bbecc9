package org.c4j.cli.internal.command;

import java.util.concurrent.Callable;

import org.c4j.cli.internal.CommandIo;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code help [COMMAND]}: the help of {@code c4}, or of one of its commands, on stdout (the same text as
 * {@code c4 COMMAND --help}). picocli's own help command is not used: it brings a second {@code -h} option that
 * clashes with the one every command inherits from {@link C4Command}.
 *
 * <p>Not thread-safe: picocli makes one per run.
 */
@Command(name = "help", description = {"Show the help of c4, or of COMMAND."})
public final class HelpCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "COMMAND", description = "the command to explain")
    String command;

    @Spec
    CommandSpec spec;

    private final CommandIo io;

    public HelpCommand(CommandIo io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        CommandLine c4 = spec.parent().commandLine();
        CommandLine target = command == null ? c4 : c4.getSubcommands().get(command);
        if (target == null) {
            throw new ParameterException(spec.commandLine(), "unknown command '" + command + "'");
        }
        target.usage(io.out());
        return ExitCode.OK;
    }
}
