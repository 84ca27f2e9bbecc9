package org.c4j.socket.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;

/**
 * The request headers a client transport builds from the options dictionary, for the loopback factory: the
 * {@code headers} entries, {@code Authorization: Basic} (user:password, base64) or {@code Bearer} (OpenID Connect)
 * from {@code auth}, and one {@code Cookie} header joining the session cookie ({@code auth} type Session) and the
 * {@code cookies} option. Pure; thread-safe.
 */
public final class RequestHeaders {
    private RequestHeaders() {
    }

    /** A mutable, case-insensitive map of the headers {@code options} asks for (empty for null). */
    public static Map<String, List<String>> of(OptionsDict options) {
        Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (options == null) {
            return out;
        }
        List<String> cookies = new ArrayList<>();
        OptionsDict extra = options.getDict(OptionKeys.HEADERS);
        if (extra != null) {
            for (String name : extra.keys()) {
                String value = extra.getString(name, "");
                if (name.equalsIgnoreCase("Cookie")) {
                    cookies.add(value);
                } else {
                    out.put(name, List.of(value));
                }
            }
        }
        OptionsDict auth = options.getDict(OptionKeys.AUTH);
        if (auth != null) {
            String type = auth.getString(OptionKeys.AUTH_TYPE, OptionKeys.AUTH_TYPE_BASIC);
            String token = auth.getString(OptionKeys.AUTH_TOKEN);
            switch (type) {
                case OptionKeys.AUTH_TYPE_BASIC -> {
                    String user = auth.getString(OptionKeys.AUTH_USERNAME);
                    String password = auth.getString(OptionKeys.AUTH_PASSWORD);
                    if (user != null && password != null) {
                        out.put("Authorization", List.of("Basic " + Base64.getEncoder()
                                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))));
                    }
                }
                case OptionKeys.AUTH_TYPE_SESSION -> {
                    if (token != null) {
                        cookies.add(0, OptionKeys.DEFAULT_SESSION_COOKIE_NAME + "=" + token);
                    }
                }
                case OptionKeys.AUTH_TYPE_OPENID_CONNECT -> {
                    if (token != null) {
                        out.put("Authorization", List.of("Bearer " + token));
                    }
                }
                default -> {
                }
            }
        }
        String cookieOption = options.getString(OptionKeys.COOKIES);
        if (cookieOption != null && !cookieOption.isBlank()) {
            cookies.add(cookieOption.trim());
        }
        if (!cookies.isEmpty()) {
            out.put("Cookie", List.of(String.join("; ", cookies)));
        }
        return out;
    }
}
