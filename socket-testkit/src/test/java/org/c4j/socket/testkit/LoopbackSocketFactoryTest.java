package org.c4j.socket.testkit;

import static org.c4j.socket.testkit.Fixture.msg;
import static org.c4j.socket.testkit.Fixture.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.IncomingRequest;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.SocketAcceptor;
import org.c4j.socket.testkit.RecordingDelegate.Event;
import org.junit.jupiter.api.Test;

class LoopbackSocketFactoryTest {
    private final ManualScheduler clock = new ManualScheduler();
    private final List<IncomingRequest> requests = new CopyOnWriteArrayList<>();
    private final List<RecordingDelegate> servers = new CopyOnWriteArrayList<>();

    private LoopbackSocketFactory factory(LoopbackConfig.Builder config) {
        return new LoopbackSocketFactory(config.scheduler(clock).build(), (socket, request) -> {
            requests.add(request);
            RecordingDelegate d = RecordingDelegate.autoReleasing(socket);
            servers.add(d);
            socket.open(d);
        });
    }

    @Test
    void connectsTheClientToTheAcceptorWithTheRequest() {
        LoopbackSocketFactory factory = factory(LoopbackConfig.builder());
        OptionsDict options = OptionsDict.of(Map.of(OptionKeys.WS_PROTOCOLS, "BLIP_3+CBMobile_2,BLIP_3+CBMobile_3"));
        C4Socket client = factory.create(URI.create("ws://localhost:4984/travel-sample/_blipsync"), options);
        RecordingDelegate clientEvents = new RecordingDelegate();
        assertEquals(List.of(), requests, "nothing is accepted before the client opens");
        client.open(clientEvents);
        clock.runDue();
        assertEquals(1, requests.size());
        IncomingRequest request = requests.get(0);
        assertEquals("/travel-sample/_blipsync", request.path());
        assertEquals("travel-sample", request.database());
        assertEquals("BLIP_3+CBMobile_2", request.subprotocol());
        assertEquals(List.of("BLIP_3+CBMobile_2"), request.headers().get("Sec-WebSocket-Protocol"));
        Event.HttpResponse response = (Event.HttpResponse) clientEvents.events().get(0);
        assertEquals(List.of("BLIP_3+CBMobile_2"), response.headers().get("Sec-WebSocket-Protocol"));

        client.write(msg("hello"));
        clock.runDue();
        assertEquals(List.of("hello"), texts(servers.get(0)));
        assertSame(client, factory.lastPair().client());
        assertEquals(0, factory.lastPair().outstandingBytes(Side.CLIENT), "the acceptor's delegate released it");
    }

    @Test
    void defaultsTheSubprotocol() {
        LoopbackSocketFactory factory = factory(LoopbackConfig.builder());
        factory.create(URI.create("ws://h/db"), OptionsDict.EMPTY).open(new RecordingDelegate());
        factory.create(URI.create("ws://h/db2/_blipsync"), null).open(new RecordingDelegate());
        clock.runDue();
        assertEquals(List.of("db", "db2"), requests.stream().map(IncomingRequest::database).toList());
        assertTrue(requests.stream().allMatch(r -> r.subprotocol().equals("BLIP_3+CBMobile_3")));
        assertEquals(2, factory.pairs().size());
    }

    @Test
    void rejectsAnAddressWithoutDatabase() {
        LoopbackSocketFactory factory = factory(LoopbackConfig.builder());
        for (String uri : List.of("ws://host", "ws://host/", "mailto:x@y")) {
            C4Exception e = assertThrows(C4Exception.class, () -> factory.create(URI.create(uri), OptionsDict.EMPTY));
            assertTrue(e.is(ErrorDomain.NETWORK, ErrorCodes.Network.INVALID_URL), e::toString);
        }
        assertThrows(IllegalStateException.class, factory::lastPair);
    }

    @Test
    void refusedConnectionsNeverReachTheAcceptor() {
        LoopbackSocketFactory factory = factory(LoopbackConfig.builder().refuseOpen());
        RecordingDelegate client = new RecordingDelegate();
        factory.create(URI.create("ws://h/db"), OptionsDict.EMPTY).open(client);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(), requests);
        assertTrue(client.closeError().is(ErrorDomain.NETWORK, ErrorCodes.Network.CONNECTION_REFUSED));
    }

    @Test
    void aDatabaseTheAcceptorDoesNotServeGets404() {
        SocketAcceptor onlyDb = new SocketAcceptor() {
            @Override
            public void accept(C4Socket socket, IncomingRequest request) {
                requests.add(request);
            }

            @Override
            public boolean servesDatabase(String database) {
                return database.equals("db");
            }
        };
        LoopbackSocketFactory factory = new LoopbackSocketFactory(
                LoopbackConfig.builder().scheduler(clock).build(), onlyDb);
        RecordingDelegate client = new RecordingDelegate();
        factory.create(URI.create("ws://h/other/_blipsync"), OptionsDict.EMPTY).open(client);
        clock.runDue();
        assertEquals(List.of(), requests);
        assertEquals(List.of(new Event.HttpResponse(404, Map.of()), new Event.Closed(client.closeError())),
                client.events());
        assertTrue(client.closeError().is(ErrorDomain.WEBSOCKET, ErrorCodes.WebSocket.HTTP_NOT_FOUND));
        assertEquals(List.of(), client.violations());
        factory.create(URI.create("ws://h/db/_blipsync"), OptionsDict.EMPTY).open(new RecordingDelegate());
        clock.runDue();
        assertEquals(1, requests.size());
    }

    @Test
    void anAcceptorThatThrowsResetsTheConnection() {
        LoopbackSocketFactory factory = new LoopbackSocketFactory(LoopbackConfig.builder().scheduler(clock).build(),
                (socket, request) -> {
                    throw new IllegalStateException("acceptor failure (expected by the test)");
                });
        RecordingDelegate client = new RecordingDelegate();
        factory.create(URI.create("ws://h/db"), OptionsDict.EMPTY).open(client);
        clock.runDue();
        assertEquals(List.of(new Event.Closed(client.closeError())), client.events());
        assertTrue(client.closeError().is(ErrorDomain.NETWORK, ErrorCodes.Network.CONNECTION_RESET));
    }
}
