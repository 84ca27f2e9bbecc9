package org.c4j.accounts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.c4j.accounts.internal.AccountJson;
import org.c4j.accounts.internal.CredentialCheck;
import org.c4j.accounts.internal.Credentials;
import org.c4j.accounts.internal.Paths;
import org.c4j.accounts.internal.Reply;
import org.c4j.socket.AuthDecision;
import org.c4j.socket.C4Exception;
import org.c4j.socket.PlainHttpHandler;
import org.c4j.socket.PlainHttpRequest;
import org.c4j.socket.PlainHttpResponse;
import org.c4j.socket.Principal;

/**
 * Sync Gateway's public {@code /{db}/_session} endpoint, served on the listener port through the transport's
 * {@link PlainHttpHandler} hook:
 * <ul>
 *   <li>{@code POST} with Basic credentials, a JSON body {@code {"name", "password"}} or a Bearer token creates a
 *       session and answers {@code Set-Cookie: SyncGatewaySession=<id>; Path=/<db>; Expires=<date>; HttpOnly}
 *       ({@code ; Secure} over TLS) with the user context JSON;</li>
 *   <li>{@code GET} answers the user context of whoever the request authenticates as (the guest's if enabled);</li>
 *   <li>{@code DELETE} deletes the cookie's session and clears the cookie.</li>
 * </ul>
 * The user context is Sync Gateway's {@code {"ok": true, "authentication_handlers": [...], "userCtx": {"name",
 * "channels": {channel: 1}}}} (c4j has no per-channel sequence to show, so every channel maps to 1). Other paths are
 * not this handler's (null, the transport answers 404).
 *
 * <p>Thread-safe (stateless; the stores are thread-safe).
 */
public final class PublicSessionEndpoint implements PlainHttpHandler {
    private static final DateTimeFormatter COOKIE_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final Function<String, AccountStore> stores;

    /** @param stores the account store of a database name, or null if it is not served (404) */
    public PublicSessionEndpoint(Function<String, AccountStore> stores) {
        this.stores = Objects.requireNonNull(stores, "stores");
    }

    @Override
    public PlainHttpResponse handle(PlainHttpRequest request) {
        List<String> seg = Paths.segments(request.path());
        if (seg == null || seg.size() < 2 || seg.size() > 3 || !seg.get(1).equals("_session")
                || seg.size() == 3 && !seg.get(2).isEmpty() || seg.get(0).isEmpty()) {
            return null;
        }
        String db = seg.get(0);
        AccountStore store = stores.apply(db);
        Reply reply;
        if (store == null) {
            reply = Reply.error(404, "no such database");
        } else {
            try {
                reply = switch (request.method()) {
                    case "POST" -> login(store, db, request);
                    case "GET" -> current(store, request);
                    case "DELETE" -> logout(store, db, request);
                    default -> Reply.methodNotAllowed("GET, POST, DELETE");
                };
            } catch (C4Exception e) {
                if (e.code() >= 400 && e.code() < 600) {
                    reply = Reply.error(e.code(), e.getMessage());
                } else {
                    throw e;
                }
            }
        }
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>(reply.headers());
        if (reply.body() != null) {
            headers.put("Content-Type", List.of("application/json"));
        }
        return new PlainHttpResponse(reply.status(), headers, reply.bodyBytes());
    }

    private Reply login(AccountStore store, String db, PlainHttpRequest rq) {
        Credentials c = Credentials.from(rq.header("Authorization"), List.of());
        Optional<Principal> who;
        if (rq.body().length > 0) {
            ObjectNode o = AccountJson.object(rq.body());
            String name = AccountJson.string(o, "name");
            String password = AccountJson.string(o, "password");
            if (name == null || password == null) {
                return Reply.error(400, "\"name\" and \"password\" are required");
            }
            who = store.checkPassword(name, password);
        } else if (c.bearer() != null || c.hasBasic()) {
            AuthDecision d = CredentialCheck.decide(store, c, List.of(), null);
            who = d instanceof AuthDecision.Accepted a ? Optional.of(a.principal()) : Optional.empty();
        } else {
            who = Optional.empty();
        }
        if (who.isEmpty() || who.get().isAnonymous()) {
            return unauthorized(store);
        }
        Session s = store.createSession(who.get().name(), null);
        String cookie = Session.COOKIE_NAME + "=" + s.id() + "; Path=/" + db + "; Expires="
                + COOKIE_DATE.format(s.expires()) + "; HttpOnly" + (rq.tls() ? "; Secure" : "");
        return Reply.json(200, userContext(who.get())).with("Set-Cookie", cookie);
    }

    private Reply current(AccountStore store, PlainHttpRequest rq) {
        Credentials c = Credentials.from(rq.header("Authorization"), rq.headerValues("Cookie"));
        AuthDecision d = CredentialCheck.decide(store, c, List.of(), null);
        if (d instanceof AuthDecision.Accepted a) {
            return Reply.json(200, userContext(a.principal()));
        }
        return unauthorized(store);
    }

    private Reply logout(AccountStore store, String db, PlainHttpRequest rq) {
        String id = Credentials.cookie(rq.headerValues("Cookie"), Session.COOKIE_NAME);
        if (id == null) {
            return Reply.error(400, "no session cookie: not logged in");
        }
        try {
            store.deleteSession(id);
        } catch (C4Exception e) {
            // already gone: logging out again is not an error
        }
        String clear = Session.COOKIE_NAME + "=; Path=/" + db + "; Expires=Thu, 1 Jan 1970 00:00:00 GMT; HttpOnly"
                + (rq.tls() ? "; Secure" : "");
        return Reply.json(200, AccountJson.MAPPER.createObjectNode()).with("Set-Cookie", clear);
    }

    private static Reply unauthorized(AccountStore store) {
        AuthDecision.Refused r = CredentialCheck.refuse(store, "login required");
        Reply reply = Reply.error(401, "Invalid login");
        for (String challenge : r.headers().get("WWW-Authenticate")) {
            reply = reply.with("WWW-Authenticate", challenge);
        }
        return reply;
    }

    private static ObjectNode userContext(Principal p) {
        ObjectNode o = AccountJson.MAPPER.createObjectNode();
        o.put("ok", true);
        o.putArray("authentication_handlers").add("default").add("cookie");
        ObjectNode ctx = o.putObject("userCtx");
        if (p.name() == null) {
            ctx.putNull("name");
        } else {
            ctx.put("name", p.name());
        }
        ObjectNode channels = ctx.putObject("channels");
        new java.util.TreeSet<>(p.channels()).forEach(ch -> channels.put(ch, 1));
        return o;
    }
}
