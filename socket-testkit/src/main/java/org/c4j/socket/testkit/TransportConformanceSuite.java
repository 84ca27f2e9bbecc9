package org.c4j.socket.testkit;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * The conformance suite as jqwik properties: extend it in a test class, return your transport from
 * {@link #createHarness()}, and every {@link ConformanceRule} is checked over random schedules.
 *
 * <pre>{@code
 * class MyTransportConformanceTest extends TransportConformanceSuite {
 *     protected TransportHarness createHarness() {
 *         return TransportHarness.of(new MySocketFactory(), new MyListenerTransport(0),
 *                 TransportTraits.http("my", MyTransport.RECEIVE_WINDOW));
 *     }
 * }
 * }</pre>
 *
 * <p>One harness serves each property (made before its first try, closed after its last). A failure is a
 * {@link ConformanceViolation} naming the rule, the schedule (with its seed) and the transport; jqwik prints the
 * run's seed ({@code @Property(seed = ...)} or {@code jqwik.seeds.whenfixed} reproduces it). Tries per property are
 * fixed below; together they take a few seconds to half a minute on a real transport over loopback.
 *
 * <p>Properties, providers and the lifecycle method are public, so subclasses in other packages and on the module
 * path run them.
 *
 * <p><b>Threading:</b> jqwik runs the properties one after another; each connection's callbacks come from the
 * transport's threads.
 */
public abstract class TransportConformanceSuite {
    private ConformanceChecks checks;

    /** A fresh, unstarted harness for the transport under test; called once per property. */
    protected abstract TransportHarness createHarness();

    /** The checks for this property's harness, made on first use. */
    protected final ConformanceChecks checks() {
        if (checks == null) {
            checks = new ConformanceChecks(createHarness());
        }
        return checks;
    }

    /** Closes this property's harness (jqwik calls it after the last try). */
    @AfterProperty
    public void closeHarness() {
        if (checks != null) {
            checks.close();
            checks = null;
        }
    }

    /** DATA_INTACT, WRITE_ACCOUNTING, CLOSE_HANDSHAKE, OPENS, HTTP_RESPONSE_BEFORE_OPENED and delivery rules. */
    @Property(tries = 25)
    public void burstsArriveIntactAndAreAccountedExactly(@ForAll("exchanges") ConformanceSchedules.Exchange s) {
        checks().exchange(s);
    }

    /** RECEIVE_WINDOW and FLOW_RESUMES. */
    @Property(tries = 8)
    public void receiveWindowIsHonouredAndFlowResumes(@ForAll("windows") ConformanceSchedules.Window s) {
        checks().receiveWindow(s);
    }

    /** CLOSED_ONCE, NOTHING_AFTER_CLOSED, CLOSE_HANDSHAKE, PEER_VANISH_IS_ERROR in every state, by either side. */
    @Property(tries = 40)
    public void closeInEveryStateEndsBothSidesOnce(@ForAll("closes") ConformanceSchedules.Close s) {
        checks().closeInState(s);
    }

    /** PEER_VANISH_IS_ERROR and CLOSED_ONCE when the link drops. */
    @Property(tries = 12)
    public void vanishingPeerEndsWithAnError(@ForAll("vanishes") ConformanceSchedules.Vanish s) {
        checks().peerVanishes(s);
    }

    /** REFUSED_OPEN_FAILS. */
    @Property(tries = 3)
    public void refusedConnectionFails(@ForAll boolean ignored) {
        checks().refusedOpen();
    }

    /** FAILED_OPEN_FAILS. */
    @Property(tries = 3)
    public void unservedDatabaseFails(@ForAll boolean ignored) {
        checks().unservedDatabase();
    }

    /** HEADERS_SENT and AUTH_HEADERS_BUILT. */
    @Property(tries = 15)
    public void headersAndAuthReachTheListener(@ForAll("options") ConformanceSchedules.Options s) {
        checks().options(s);
    }

    @Provide
    public Arbitrary<ConformanceSchedules.Exchange> exchanges() {
        return ConformanceSchedules.exchanges(checks().traits());
    }

    @Provide
    public Arbitrary<ConformanceSchedules.Window> windows() {
        return ConformanceSchedules.windows(checks().traits());
    }

    @Provide
    public Arbitrary<ConformanceSchedules.Close> closes() {
        return ConformanceSchedules.closes(checks().traits());
    }

    @Provide
    public Arbitrary<ConformanceSchedules.Vanish> vanishes() {
        return ConformanceSchedules.vanishes(checks().traits());
    }

    @Provide
    public Arbitrary<ConformanceSchedules.Options> options() {
        return ConformanceSchedules.options();
    }
}
