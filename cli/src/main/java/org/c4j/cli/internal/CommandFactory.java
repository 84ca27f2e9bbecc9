package org.c4j.cli.internal;

import java.lang.reflect.Constructor;

import picocli.CommandLine;

/**
 * Makes picocli's command objects: a class with a constructor taking {@link CommandIo} gets the run's streams and
 * stop signal through it (so a command never reaches for {@code System.out}); anything else (mixins, picocli's own
 * {@code HelpCommand}) comes from picocli's default factory.
 *
 * <p>Immutable; thread-safe.
 */
final class CommandFactory implements CommandLine.IFactory {
    private final CommandIo io;

    CommandFactory(CommandIo io) {
        this.io = io;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        Constructor<K> withIo;
        try {
            withIo = cls.getDeclaredConstructor(CommandIo.class);
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(cls);
        }
        return withIo.newInstance(io);
    }
}
