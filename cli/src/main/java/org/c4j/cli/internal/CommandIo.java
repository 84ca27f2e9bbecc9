package org.c4j.cli.internal;

import java.io.PrintStream;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.c4j.cli.StopSignal;

/**
 * What a command works with besides its arguments: where it prints (results on {@code out}; progress, warnings and
 * errors on {@code err}), the signal that asks a long-running command ({@code serve}, {@code sync}) to stop, and the
 * environment variables it may read ({@code env}: name to value or null; {@link System#getenv} outside tests).
 * {@link CommandFactory} hands it to every command class that takes one in its constructor.
 *
 * <p>Immutable; the streams belong to the caller of {@link org.c4j.cli.Cli} and are as thread-safe as
 * {@link PrintStream}.
 */
public record CommandIo(PrintStream out, PrintStream err, StopSignal stop, UnaryOperator<String> env) {
    public CommandIo {
        Objects.requireNonNull(env, "env");
    }

    /** With the process's environment. */
    public CommandIo(PrintStream out, PrintStream err, StopSignal stop) {
        this(out, err, stop, System::getenv);
    }
}
