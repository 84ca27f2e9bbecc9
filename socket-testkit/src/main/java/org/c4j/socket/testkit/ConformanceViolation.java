package org.c4j.socket.testkit;

import java.util.Objects;

/**
 * A transport broke one {@link ConformanceRule}: thrown by {@link ConformanceChecks} (and so by
 * {@link TransportConformanceSuite}'s properties). The message names the rule, says what happened, and shows the
 * schedule that made it happen, including the schedule's seed; jqwik adds the seed of the run to reproduce it.
 * An {@link AssertionError}, so test frameworks report it as a failure rather than an error. Immutable.
 */
public final class ConformanceViolation extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final ConformanceRule rule;
    private final String detail;

    public ConformanceViolation(ConformanceRule rule, String detail, Object schedule) {
        super("violated " + Objects.requireNonNull(rule, "rule") + " (" + rule.text() + "): " + detail
                + (schedule == null ? "" : "\n  schedule: " + schedule));
        this.rule = rule;
        this.detail = detail;
    }

    /** The rule that was broken. */
    public ConformanceRule rule() {
        return rule;
    }

    /** What happened, without the rule's text and the schedule. */
    public String detail() {
        return detail;
    }
}
