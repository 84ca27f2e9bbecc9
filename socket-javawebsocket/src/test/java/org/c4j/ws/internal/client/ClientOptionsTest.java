package org.c4j.ws.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.junit.jupiter.api.Test;

public class ClientOptionsTest {

    private static OptionsDict auth(Map<String, ?> auth) {
        return OptionsDict.builder().putDict(OptionKeys.AUTH, auth).build();
    }

    @Test
    void defaultsFollowLiteCore() {
        ClientOptions o = ClientOptions.parse(OptionsDict.EMPTY);
        assertEquals(List.of("BLIP_3+CBMobile_3"), o.protocols());
        assertEquals(Duration.ofMinutes(5), o.heartbeat());
        assertNull(o.networkInterface());
        assertFalse(o.challengeAuth());
        assertEquals(Map.of("User-Agent", "c4j"), o.headers(true));
    }

    @Test
    void readsProtocolsHeartbeatAndInterface() {
        ClientOptions o = ClientOptions.parse(OptionsDict.builder()
                .put(OptionKeys.WS_PROTOCOLS, "BLIP_3+CBMobile_3, BLIP_3+CBMobile_2")
                .put(OptionKeys.HEARTBEAT, 30L).put(OptionKeys.NETWORK_INTERFACE, "lo").build());
        assertEquals(List.of("BLIP_3+CBMobile_3", "BLIP_3+CBMobile_2"), o.protocols());
        assertEquals(Duration.ofSeconds(30), o.heartbeat());
        assertEquals("lo", o.networkInterface());
        assertEquals(Duration.ofMinutes(5),
                ClientOptions.parse(OptionsDict.builder().put(OptionKeys.HEARTBEAT, 0L).build()).heartbeat());
        assertEquals(Duration.ofMillis(1500),
                ClientOptions.parse(OptionsDict.builder().put(OptionKeys.HEARTBEAT, 1.5).build()).heartbeat());
    }

    @Test
    void basicIsPreemptiveUnlessChallengeAuth() {
        Map<String, Object> basic = Map.of(OptionKeys.AUTH_USERNAME, "Aladdin", OptionKeys.AUTH_PASSWORD,
                "open sesame");
        ClientOptions preemptive = ClientOptions.parse(auth(basic));
        assertFalse(preemptive.challengeAuth());
        assertEquals("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", preemptive.headers(true).get("authorization"));

        Map<String, Object> challenge = new java.util.HashMap<>(basic);
        challenge.put(OptionKeys.AUTH_CHALLENGE, true);
        ClientOptions held = ClientOptions.parse(auth(challenge));
        assertTrue(held.challengeAuth());
        assertNull(held.headers(false).get("Authorization"));
        assertEquals("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", held.headers(true).get("Authorization"));

        ClientOptions noPassword = ClientOptions.parse(auth(Map.of(OptionKeys.AUTH_USERNAME, "a",
                OptionKeys.AUTH_CHALLENGE, true)));
        assertFalse(noPassword.challengeAuth());
        assertNull(noPassword.headers(true).get("Authorization"));
    }

    @Test
    void sessionAndBearerAndCookiesAndHeaders() {
        ClientOptions session = ClientOptions.parse(OptionsDict.builder()
                .putDict(OptionKeys.AUTH, Map.of(OptionKeys.AUTH_TYPE, "Session", OptionKeys.AUTH_TOKEN, "abc"))
                .put(OptionKeys.COOKIES, "x=1")
                .putDict(OptionKeys.HEADERS, Map.of("cookie", "y=2", "X-A", "b", "user-agent", "me"))
                .build());
        Map<String, String> h = session.headers(true);
        assertEquals("SyncGatewaySession=abc; y=2; x=1", h.get("Cookie"));
        assertEquals("b", h.get("x-a"));
        assertEquals("me", h.get("User-Agent"));

        ClientOptions oidc = ClientOptions.parse(auth(Map.of(OptionKeys.AUTH_TYPE, "OpenID Connect",
                OptionKeys.AUTH_TOKEN, "t0k")));
        assertEquals("Bearer t0k", oidc.headers(false).get("Authorization"));
    }

    @Test
    void rejectsBadOptions() {
        for (OptionsDict bad : List.of(
                auth(Map.of(OptionKeys.AUTH_TYPE, "Session")),
                auth(Map.of(OptionKeys.AUTH_TYPE, "OpenID Connect", OptionKeys.AUTH_TOKEN, "")),
                auth(Map.of(OptionKeys.AUTH_TYPE, "Facebook", OptionKeys.AUTH_TOKEN, "x")),
                OptionsDict.builder().putDict(OptionKeys.HEADERS, Map.of("X", "a\r\nEvil: 1")).build(),
                OptionsDict.builder().put(OptionKeys.COOKIES, "a=1\nb").build(),
                OptionsDict.builder().put(OptionKeys.HEARTBEAT, "often").build(),
                OptionsDict.builder().putDict(OptionKeys.HEADERS, Map.of("X", 1L)).build())) {
            C4Exception e = assertThrows(C4Exception.class, () -> ClientOptions.parse(bad), bad::toString);
            assertEquals(ErrorCodes.LiteCore.INVALID_PARAMETER, e.code());
        }
    }
}
