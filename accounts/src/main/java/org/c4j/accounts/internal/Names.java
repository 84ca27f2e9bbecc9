package org.c4j.accounts.internal;

import java.util.Set;
import java.util.regex.Pattern;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorDomain;

/** Validation of user, role and channel names (Sync Gateway's rules, bounded). Stateless; thread-safe. */
public final class Names {
    /** Sync Gateway's channel name characters, plus its wildcard {@code *} and public channel {@code !}. */
    private static final Pattern CHANNEL = Pattern.compile("[-+=/_.@\\p{L}\\p{Nd}]+|\\*|!");

    private Names() {
    }

    /** A user or role name: non-empty, bounded, without {@code / : , `} or control characters (400 otherwise). */
    public static String principal(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw bad(what + " name is missing");
        }
        if (name.length() > Tuning.MAX_NAME_CHARS) {
            throw bad(what + " name is longer than " + Tuning.MAX_NAME_CHARS + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || "/:,`".indexOf(c) >= 0) {
                throw bad("invalid " + what + " name (no / : , ` or control characters)");
            }
        }
        return name;
    }

    /** Checks every channel name (400 on the first bad one). */
    public static Set<String> channels(Set<String> channels) {
        for (String c : channels) {
            if (c == null || c.length() > Tuning.MAX_NAME_CHARS || !CHANNEL.matcher(c).matches()) {
                throw bad("invalid channel name");
            }
        }
        return channels;
    }

    /** Checks every role name. */
    public static Set<String> roles(Set<String> roles) {
        for (String r : roles) {
            principal(r, "role");
        }
        return roles;
    }

    public static C4Exception bad(String message) {
        return new C4Exception(ErrorDomain.WEBSOCKET, 400, message);
    }
}
