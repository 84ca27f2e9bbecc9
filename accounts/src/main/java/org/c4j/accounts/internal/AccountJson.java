package org.c4j.accounts.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.c4j.accounts.Role;
import org.c4j.accounts.User;
import org.c4j.accounts.UserSpec;

/**
 * Sync Gateway's JSON for users, roles and sessions on the admin API, parsed strictly: a body must be one JSON object
 * with known fields of the right types, or the call fails with a 400 whose message names the problem (never echoing
 * input, which may hold a password). Read-only fields that a GET shows ({@code all_channels}, {@code roles},
 * {@code jwt_roles}, {@code jwt_channels}) are accepted and ignored so a GET body can be PUT back. Stateless;
 * thread-safe.
 */
public final class AccountJson {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Set<String> USER_FIELDS = Set.of("name", "password", "admin_channels", "admin_roles", "email",
            "disabled");
    private static final Set<String> USER_READ_ONLY = Set.of("all_channels", "roles", "jwt_roles", "jwt_channels",
            "jwt_issuer", "jwt_last_updated");
    private static final Set<String> ROLE_FIELDS = Set.of("name", "admin_channels");
    private static final Set<String> ROLE_READ_ONLY = Set.of("all_channels");
    private static final Set<String> SESSION_FIELDS = Set.of("name", "ttl");

    private AccountJson() {
    }

    /** Parses a body that must be a JSON object (400 otherwise, with the position of the error). */
    public static ObjectNode object(byte[] body) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw Names.bad("malformed JSON" + (at == null ? "" : " at line " + at.getLineNr() + " column "
                    + at.getColumnNr()));
        } catch (IOException e) {
            throw Names.bad("unreadable JSON body");
        }
        if (node == null || node.isMissingNode()) {
            throw Names.bad("the request body must be a JSON object (it is empty)");
        }
        if (!node.isObject()) {
            throw Names.bad("the request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /**
     * A user body. {@code pathName} is the name in the URL (null for POST); a body name must match it.
     */
    public static UserSpec userSpec(ObjectNode o, String pathName) {
        checkFields(o, USER_FIELDS, USER_READ_ONLY);
        String name = name(o, pathName, "user");
        return new UserSpec(Names.principal(name, "user"), string(o, "password"), string(o, "email"),
                bool(o, "disabled"), Names.channels(strings(o, "admin_channels")),
                Names.roles(strings(o, "admin_roles")));
    }

    /** A role body, as {@link #userSpec}. */
    public static Role role(ObjectNode o, String pathName) {
        checkFields(o, ROLE_FIELDS, ROLE_READ_ONLY);
        String name = name(o, pathName, "role");
        return new Role(Names.principal(name, "role"), Names.channels(strings(o, "admin_channels")));
    }

    /** An admin session request {@code {"name": user, "ttl": seconds}}: the name and the ttl (or -1 if absent). */
    public static Map.Entry<String, Long> sessionRequest(ObjectNode o) {
        checkFields(o, SESSION_FIELDS, Set.of());
        String name = string(o, "name");
        if (name == null) {
            throw Names.bad("\"name\" is required");
        }
        JsonNode ttl = o.get("ttl");
        long seconds = -1;
        if (ttl != null && !ttl.isNull()) {
            if (!ttl.isIntegralNumber() || !ttl.canConvertToLong() || ttl.asLong() <= 0) {
                throw Names.bad("\"ttl\" must be a positive number of seconds");
            }
            seconds = ttl.asLong();
        }
        return Map.entry(name, seconds);
    }

    /** The admin GET view of a user (never the password or hash). */
    public static ObjectNode userJson(User u, Set<String> allChannels, Set<String> allRoles) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", u.name());
        if (u.email() != null) {
            o.put("email", u.email());
        }
        o.set("admin_channels", array(u.adminChannels()));
        o.set("all_channels", array(allChannels));
        o.set("admin_roles", array(u.adminRoles()));
        o.set("roles", array(allRoles));
        if (!u.jwtRoles().isEmpty()) {
            o.set("jwt_roles", array(u.jwtRoles()));
        }
        if (!u.jwtChannels().isEmpty()) {
            o.set("jwt_channels", array(u.jwtChannels()));
        }
        o.put("disabled", u.disabled());
        return o;
    }

    /** The admin GET view of a role. */
    public static ObjectNode roleJson(Role r, Set<String> allChannels) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", r.name());
        o.set("admin_channels", array(r.adminChannels()));
        o.set("all_channels", array(allChannels));
        return o;
    }

    public static ArrayNode array(Set<String> values) {
        ArrayNode a = MAPPER.createArrayNode();
        new TreeSet<>(values).forEach(a::add);
        return a;
    }

    private static void checkFields(ObjectNode o, Set<String> known, Set<String> ignored) {
        Iterator<String> names = o.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!known.contains(f) && !ignored.contains(f)) {
                throw Names.bad("unknown field \"" + printable(f) + "\"");
            }
        }
    }

    private static String name(ObjectNode o, String pathName, String what) {
        String name = string(o, "name");
        if (pathName != null) {
            if (name != null && !name.equals(pathName)) {
                throw Names.bad("the " + what + " name in the body differs from the one in the URL");
            }
            return pathName;
        }
        return name;
    }

    public static String string(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw Names.bad("\"" + field + "\" must be a string");
        }
        return v.textValue();
    }

    private static boolean bool(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw Names.bad("\"" + field + "\" must be true or false");
        }
        return v.booleanValue();
    }

    public static Set<String> strings(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return Set.of();
        }
        if (!v.isArray()) {
            throw Names.bad("\"" + field + "\" must be an array of strings");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw Names.bad("\"" + field + "\" must be an array of strings");
            }
            out.add(e.textValue());
        }
        return out;
    }

    /** A field name fit for an error message: bounded, control characters replaced. */
    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
