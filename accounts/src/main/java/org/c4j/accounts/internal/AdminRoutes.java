package org.c4j.accounts.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.c4j.accounts.AccountStore;
import org.c4j.accounts.Role;
import org.c4j.accounts.Session;
import org.c4j.accounts.User;
import org.c4j.accounts.UserSpec;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorDomain;

/**
 * The routes of Sync Gateway's admin API that c4j serves, from method, decoded path segments and body to a
 * {@link Reply}:
 * <pre>
 * GET|POST          /{db}/_user/                 list names | create (201, 409 if it exists)
 * GET|PUT|DELETE    /{db}/_user/{name}           show (never the password) | create 201 or replace 200 | delete
 * DELETE            /{db}/_user/{name}/_session  delete the user's sessions
 * GET|POST          /{db}/_role/                 as for users
 * GET|PUT|DELETE    /{db}/_role/{name}
 * POST              /{db}/_session               {"name", "ttl"} -> {"session_id", "expires", "cookie_name"}
 * GET|DELETE        /{db}/_session/{id}          show | delete (404 if unknown)
 * </pre>
 * Unknown paths and databases are 404, wrong methods 405 with {@code Allow}, bad bodies 400 with a reason; nothing
 * changes on any 4xx. Stateless; thread-safe.
 */
public final class AdminRoutes {
    private final Function<String, AccountStore> stores;

    public AdminRoutes(Function<String, AccountStore> stores) {
        this.stores = stores;
    }

    /** Routes one request. Errors of the stores become their status; nothing else is caught here. */
    public Reply route(String method, List<String> seg, byte[] body) {
        if (seg == null || seg.size() < 2 || seg.get(0).isEmpty()) {
            return Reply.error(404, "unknown path");
        }
        AccountStore store = stores.apply(seg.get(0));
        if (store == null) {
            return Reply.error(404, "no such database");
        }
        try {
            return switch (seg.get(1)) {
                case "_user" -> users(store, method, seg.subList(2, seg.size()), body);
                case "_role" -> roles(store, method, seg.subList(2, seg.size()), body);
                case "_session" -> sessions(store, method, seg.subList(2, seg.size()), body);
                default -> Reply.error(404, "unknown path");
            };
        } catch (C4Exception e) {
            if (e.domain() == ErrorDomain.WEBSOCKET && e.code() >= 400 && e.code() < 600) {
                return Reply.error(e.code(), e.getMessage());
            }
            throw e;
        }
    }

    private Reply users(AccountStore store, String method, List<String> rest, byte[] body) {
        if (isCollection(rest)) {
            return switch (method) {
                case "GET" -> Reply.json(200, names(store.userNames()));
                case "POST" -> {
                    UserSpec spec = AccountJson.userSpec(AccountJson.object(body), null);
                    store.createUser(spec);
                    yield Reply.empty(201);
                }
                default -> Reply.methodNotAllowed("GET, POST");
            };
        }
        String name = rest.get(0);
        if (rest.size() == 2 && rest.get(1).equals("_session")) {
            if (!method.equals("DELETE")) {
                return Reply.methodNotAllowed("DELETE");
            }
            store.deleteSessions(name);
            return Reply.empty(200);
        }
        if (rest.size() != 1) {
            return Reply.error(404, "unknown path");
        }
        return switch (method) {
            case "GET" -> {
                User u = store.user(name).orElseThrow(() -> notFound("no such user"));
                yield Reply.json(200, AccountJson.userJson(u, store.allChannels(u), AccountStore.allRoles(u)));
            }
            case "PUT" -> {
                UserSpec spec = AccountJson.userSpec(AccountJson.object(body), name);
                yield Reply.empty(store.putUser(spec) ? 201 : 200);
            }
            case "DELETE" -> {
                store.deleteUser(name);
                yield Reply.empty(200);
            }
            default -> Reply.methodNotAllowed("GET, PUT, DELETE");
        };
    }

    private Reply roles(AccountStore store, String method, List<String> rest, byte[] body) {
        if (isCollection(rest)) {
            return switch (method) {
                case "GET" -> Reply.json(200, names(store.roleNames()));
                case "POST" -> {
                    store.createRole(AccountJson.role(AccountJson.object(body), null));
                    yield Reply.empty(201);
                }
                default -> Reply.methodNotAllowed("GET, POST");
            };
        }
        if (rest.size() != 1) {
            return Reply.error(404, "unknown path");
        }
        String name = rest.get(0);
        return switch (method) {
            case "GET" -> {
                Role r = store.role(name).orElseThrow(() -> notFound("no such role"));
                java.util.Set<String> all = new java.util.TreeSet<>(r.adminChannels());
                yield Reply.json(200, AccountJson.roleJson(r, all));
            }
            case "PUT" -> Reply.empty(store.putRole(AccountJson.role(AccountJson.object(body), name)) ? 201 : 200);
            case "DELETE" -> {
                store.deleteRole(name);
                yield Reply.empty(200);
            }
            default -> Reply.methodNotAllowed("GET, PUT, DELETE");
        };
    }

    private Reply sessions(AccountStore store, String method, List<String> rest, byte[] body) {
        if (isCollection(rest)) {
            if (!method.equals("POST")) {
                return Reply.methodNotAllowed("POST");
            }
            Map.Entry<String, Long> rq = AccountJson.sessionRequest(AccountJson.object(body));
            Duration ttl = rq.getValue() < 0 ? null
                    : Duration.ofSeconds(Math.min(rq.getValue(), Tuning.MAX_SESSION_TTL.toSeconds() + 1));
            return Reply.json(200, sessionJson(store.createSession(rq.getKey(), ttl)));
        }
        if (rest.size() != 1) {
            return Reply.error(404, "unknown path");
        }
        String id = rest.get(0);
        return switch (method) {
            case "GET" -> {
                Session s = store.session(id).orElseThrow(() -> notFound("no such session"));
                ObjectNode o = AccountJson.MAPPER.createObjectNode();
                o.put("ok", true);
                o.putObject("userCtx").put("name", s.user());
                o.put("expires", s.expires().toString());
                yield Reply.json(200, o);
            }
            case "DELETE" -> {
                store.deleteSession(id);
                yield Reply.empty(200);
            }
            default -> Reply.methodNotAllowed("GET, DELETE");
        };
    }

    /** Sync Gateway's session JSON. */
    public static ObjectNode sessionJson(Session s) {
        ObjectNode o = AccountJson.MAPPER.createObjectNode();
        o.put("session_id", s.id());
        o.put("expires", s.expires().toString());
        o.put("cookie_name", Session.COOKIE_NAME);
        return o;
    }

    private static boolean isCollection(List<String> rest) {
        return rest.isEmpty() || rest.size() == 1 && rest.get(0).isEmpty();
    }

    private static ArrayNode names(List<String> names) {
        ArrayNode a = AccountJson.MAPPER.createArrayNode();
        names.forEach(a::add);
        return a;
    }

    private static C4Exception notFound(String message) {
        return new C4Exception(ErrorDomain.WEBSOCKET, 404, message);
    }
}
