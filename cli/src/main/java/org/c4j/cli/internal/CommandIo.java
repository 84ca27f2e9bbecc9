package org.c4j.cli.internal;

import java.io.PrintStream;

import org.c4j.cli.StopSignal;

/**
 * What a command works with besides its arguments: where it prints (results on {@code out}; progress, warnings and
 * errors on {@code err}) and the signal that asks a long-running command ({@code serve}, {@code sync}) to stop.
 * {@link CommandFactory} hands it to every command class that takes one in its constructor.
 *
 * <p>Immutable; the streams belong to the caller of {@link org.c4j.cli.Cli} and are as thread-safe as
 * {@link PrintStream}.
 */
public record CommandIo(PrintStream out, PrintStream err, StopSignal stop) {
}
