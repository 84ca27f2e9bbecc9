package org.c4j.accounts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.c4j.accounts.Role;
import org.c4j.accounts.User;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;

/**
 * Users, roles and sessions on disk, in a directory the application names: {@code users.json}, {@code roles.json},
 * {@code sessions.json}. Each write goes to a temporary file (mode 0600 on POSIX file systems), is forced to disk and
 * atomically renamed over the old file, so a crash leaves either the old or the new file. The directory is made with
 * mode 0700. The only class of the module that touches files.
 *
 * <p>Not thread-safe: the {@code AccountStore} calls it under its lock.
 */
public final class AccountFiles {
    static final String USERS = "users.json";
    static final String ROLES = "roles.json";
    static final String SESSIONS = "sessions.json";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path dir;

    public AccountFiles(Path dir) {
        this.dir = dir;
        try {
            if (POSIX) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw io("cannot create the accounts directory", e);
        }
    }

    public Map<String, StoredUser> loadUsers() {
        Map<String, StoredUser> out = new LinkedHashMap<>();
        for (JsonNode n : load(USERS)) {
            ObjectNode o = (ObjectNode) n;
            User u = new User(o.get("name").textValue(), AccountJson.string(o, "email"),
                    o.path("disabled").booleanValue(), AccountJson.strings(o, "admin_channels"),
                    AccountJson.strings(o, "admin_roles"), AccountJson.strings(o, "jwt_roles"),
                    AccountJson.strings(o, "jwt_channels"), o.hasNonNull("password_hash"));
            out.put(u.name(), new StoredUser(u, AccountJson.string(o, "password_hash")));
        }
        return out;
    }

    public Map<String, Role> loadRoles() {
        Map<String, Role> out = new LinkedHashMap<>();
        for (JsonNode n : load(ROLES)) {
            ObjectNode o = (ObjectNode) n;
            Role r = new Role(o.get("name").textValue(), AccountJson.strings(o, "admin_channels"));
            out.put(r.name(), r);
        }
        return out;
    }

    public Map<String, StoredSession> loadSessions() {
        Map<String, StoredSession> out = new LinkedHashMap<>();
        for (JsonNode n : load(SESSIONS)) {
            StoredSession s = new StoredSession(n.get("id_sha256").textValue(), n.get("user").textValue(),
                    Instant.parse(n.get("expires").textValue()), Duration.ofSeconds(n.get("ttl").longValue()));
            out.put(s.idHash(), s);
        }
        return out;
    }

    public void saveUsers(Collection<StoredUser> users) {
        ArrayNode a = AccountJson.MAPPER.createArrayNode();
        for (StoredUser su : users) {
            User u = su.user();
            ObjectNode o = a.addObject();
            o.put("name", u.name());
            if (u.email() != null) {
                o.put("email", u.email());
            }
            o.put("disabled", u.disabled());
            o.set("admin_channels", AccountJson.array(u.adminChannels()));
            o.set("admin_roles", AccountJson.array(u.adminRoles()));
            o.set("jwt_roles", AccountJson.array(u.jwtRoles()));
            o.set("jwt_channels", AccountJson.array(u.jwtChannels()));
            if (su.passwordHash() != null) {
                o.put("password_hash", su.passwordHash());
            }
        }
        save(USERS, a);
    }

    public void saveRoles(Collection<Role> roles) {
        ArrayNode a = AccountJson.MAPPER.createArrayNode();
        for (Role r : roles) {
            ObjectNode o = a.addObject();
            o.put("name", r.name());
            o.set("admin_channels", AccountJson.array(r.adminChannels()));
        }
        save(ROLES, a);
    }

    public void saveSessions(Collection<StoredSession> sessions) {
        ArrayNode a = AccountJson.MAPPER.createArrayNode();
        for (StoredSession s : sessions) {
            ObjectNode o = a.addObject();
            o.put("id_sha256", s.idHash());
            o.put("user", s.user());
            o.put("expires", s.expires().toString());
            o.put("ttl", s.ttl().toSeconds());
        }
        save(SESSIONS, a);
    }

    private ArrayNode load(String name) {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            return AccountJson.MAPPER.createArrayNode();
        }
        try {
            JsonNode n = AccountJson.MAPPER.readTree(file.toFile());
            if (n == null || !n.isArray()) {
                throw new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.CORRUPT_DATA,
                        name + " in the accounts directory is not a JSON array");
            }
            return (ArrayNode) n;
        } catch (IOException e) {
            throw new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.CORRUPT_DATA,
                    name + " in the accounts directory is unreadable", e);
        }
    }

    private void save(String name, JsonNode content) {
        Path tmp = dir.resolve(name + ".tmp");
        Path file = dir.resolve(name);
        try {
            Files.deleteIfExists(tmp);
            if (POSIX) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(tmp);
            }
            try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.WRITE));
                 OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                AccountJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(
                        new NonClosing(out), content);
                out.flush();
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw io("cannot write " + name, e);
        }
    }

    private static C4Exception io(String message, IOException e) {
        return new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.IO_ERROR,
                message + ": " + e.getClass().getSimpleName(), e);
    }

    /** Keeps Jackson from closing the channel before it is forced. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
