package org.c4j.cli.internal.command;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.c4j.accounts.User;
import org.c4j.accounts.UserSpec;
import org.c4j.cli.internal.CommandException;
import org.c4j.cli.internal.CommandIo;
import org.c4j.socket.C4Exception;

import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code user add|rm|ls|passwd}: the users of a database's accounts ({@code DIR/accounts}, Sync Gateway's model)
 * while no server runs on DIR; a running {@code serve --admin-port} takes the admin REST API instead.
 *
 * <p>Not thread-safe: picocli makes one per run.
 */
@Command(name = "user", synopsisSubcommandLabel = "add|rm|ls|passwd",
        description = {"Manage the users that may replicate with DIR when it is served (kept in DIR/accounts)."},
        subcommands = {UserCommand.Add.class, UserCommand.Rm.class, UserCommand.Ls.class, UserCommand.Passwd.class})
public final class UserCommand implements Callable<Integer> {
    private final CommandIo io;

    public UserCommand(CommandIo io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        io.err().println("c4: user needs a subcommand: add, rm, ls or passwd");
        return ExitCode.USAGE;
    }

    static Set<String> list(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        if (values != null) {
            for (String v : values) {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            }
        }
        return out;
    }

    static CommandException failure(C4Exception e) {
        return new CommandException(e.getMessage());
    }

    /** {@code user add DIR NAME}: a new user with a password, channels and roles. */
    @Command(name = "add", description = {"Add a user (password from --password-file, $C4_PASSWORD, --password "
            + "or a prompt)."})
    public static final class Add implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "the database directory")
        Path dir;
        @Parameters(index = "1", paramLabel = "NAME", description = "the user name")
        String name;
        @Option(names = "--channels", paramLabel = "A,B", split = ",", description = "channels the user may read")
        List<String> channels;
        @Option(names = "--roles", paramLabel = "R", split = ",", description = "roles the user has")
        List<String> roles;
        @Option(names = "--email", paramLabel = "E", description = "the user's e-mail address")
        String email;
        @Mixin
        PasswordSource password;
        private final CommandIo io;

        public Add(CommandIo io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            String pw = password.read(io);
            try (AccountsDir accounts = AccountsDir.open(dir)) {
                accounts.store().createUser(new UserSpec(name, pw, email, false, list(channels), list(roles)));
            } catch (C4Exception e) {
                throw failure(e);
            }
            return ExitCode.OK;
        }
    }

    /** {@code user rm DIR NAME}. */
    @Command(name = "rm", description = {"Delete a user and its sessions."})
    public static final class Rm implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "the database directory")
        Path dir;
        @Parameters(index = "1", paramLabel = "NAME", description = "the user name")
        String name;

        @Override
        public Integer call() {
            try (AccountsDir accounts = AccountsDir.open(dir)) {
                accounts.store().deleteUser(name);
            } catch (C4Exception e) {
                throw failure(e);
            }
            return ExitCode.OK;
        }
    }

    /** {@code user ls DIR}: one user a line: name, then its channels and roles. */
    @Command(name = "ls", description = {"List the users: NAME<TAB>channels<TAB>roles[<TAB>disabled], one a line."})
    public static final class Ls implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "the database directory")
        Path dir;
        private final CommandIo io;

        public Ls(CommandIo io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            try (AccountsDir accounts = AccountsDir.open(dir)) {
                for (String n : accounts.store().userNames()) {
                    User u = accounts.store().user(n).orElseThrow();
                    io.out().println(n + "\t" + String.join(",", new java.util.TreeSet<>(u.adminChannels())) + "\t"
                            + String.join(",", new java.util.TreeSet<>(u.adminRoles()))
                            + (u.disabled() ? "\tdisabled" : ""));
                }
            } catch (C4Exception e) {
                throw failure(e);
            }
            return ExitCode.OK;
        }
    }

    /** {@code user passwd DIR NAME}: a new password, other settings kept. */
    @Command(name = "passwd", description = {"Change a user's password."})
    public static final class Passwd implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "the database directory")
        Path dir;
        @Parameters(index = "1", paramLabel = "NAME", description = "the user name")
        String name;
        @Mixin
        PasswordSource password;
        private final CommandIo io;

        public Passwd(CommandIo io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            String pw = password.read(io);
            try (AccountsDir accounts = AccountsDir.open(dir)) {
                User u = accounts.store().user(name).filter(x -> !x.name().equals("GUEST"))
                        .orElseThrow(() -> new CommandException("no such user: " + name));
                accounts.store().putUser(new UserSpec(u.name(), pw, u.email(), u.disabled(), u.adminChannels(),
                        u.adminRoles()));
            } catch (C4Exception e) {
                throw failure(e);
            }
            return ExitCode.OK;
        }
    }
}
