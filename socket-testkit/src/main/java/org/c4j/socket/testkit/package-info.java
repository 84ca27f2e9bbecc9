/**
 * Test kit for the c4j socket SPI.
 *
 * <ul>
 * <li>{@link org.c4j.socket.testkit.LoopbackPair}: two connected in-memory
 * {@link org.c4j.socket.C4Socket}s with latency, jitter, bounded buffers with back-pressure, the WebSocket close
 * handshake, and injected faults, configured by {@link org.c4j.socket.testkit.LoopbackConfig}.</li>
 * <li>{@link org.c4j.socket.testkit.LoopbackSocketFactory}: a {@link org.c4j.socket.SocketFactory} that connects
 * each client socket to a {@link org.c4j.socket.SocketAcceptor} in the same JVM.</li>
 * <li>{@link org.c4j.socket.testkit.RecordingDelegate}: a {@link org.c4j.socket.SocketDelegate} that records
 * events, waits for them and checks the SPI's delivery rules.</li>
 * <li>The transport conformance suite: {@link org.c4j.socket.testkit.TransportConformanceSuite} (extend it, return
 * a {@link org.c4j.socket.testkit.TransportHarness}) checks every {@link org.c4j.socket.testkit.ConformanceRule}
 * of the {@link org.c4j.socket.C4Socket} contract over random schedules
 * ({@link org.c4j.socket.testkit.ConformanceSchedules}); {@link org.c4j.socket.testkit.ConformanceChecks} runs one
 * schedule from any test; a failure is a {@link org.c4j.socket.testkit.ConformanceViolation} naming the rule.</li>
 * </ul>
 *
 * <pre>{@code
 * class MyTransportConformanceTest extends TransportConformanceSuite {
 *     protected TransportHarness createHarness() {
 *         return TransportHarness.of(new MySocketFactory(), new MyListenerTransport(0),
 *                 TransportTraits.http("ws", MY_RECEIVE_WINDOW));
 *     }
 * }
 * }</pre>
 *
 * <pre>{@code
 * LoopbackPair pair = LoopbackPair.create(LoopbackConfig.builder()
 *         .latency(Duration.ofMillis(5)).bufferBytes(64 * 1024).build());
 * RecordingDelegate server = RecordingDelegate.autoReleasing(pair.server());
 * pair.server().open(server);
 * pair.client().open(myEngine);              // the engine under test
 * ...
 * assertTrue(server.awaitClosed(Duration.ofSeconds(5)));
 * assertEquals(List.of(), server.violations());
 * }</pre>
 */
package org.c4j.socket.testkit;
