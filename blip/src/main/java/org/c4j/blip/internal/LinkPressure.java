package org.c4j.blip.internal;

/**
 * The {@code CompressionPolicy.ADAPTIVE} decision: is the link, not the CPU, what holds the sender back? A pure
 * state machine fed one sample per outgoing message as it starts: the socket's backlog (bytes written to it that it
 * has not yet handed to the operating system) and how many bytes the connection has written in all so far.
 *
 * <p>The link is <b>behind</b> once the backlog stayed at or above {@code high} at every sample while at least
 * {@code window} more bytes were written; it stays behind while the backlog stays at or above {@code low}, and the
 * first sample below {@code low} starts over. The window is counted in bytes written, never in time, and is larger
 * than what the sender ever keeps unwritten ({@code maxUnwrittenBytes}): a stretch in which some thread (the
 * transport's writer, or the connection's own executor) did not get a CPU can leave at most that much queued, and the
 * first sample after it runs sees the queue drained; only a link that keeps taking bytes more slowly than they are
 * written keeps the backlog up for a whole window.
 *
 * <p>Not thread-safe: owned by the connection's {@link Sender}.
 */
public final class LinkPressure {

    /** Where the link stands; changes only in {@link #sample}. */
    public enum State {
        /** The last sample's backlog was below {@code high} (or, once behind, below {@code low}). */
        KEEPING_UP,
        /** Every sample since {@code since} bytes were written was at or above {@code high}; not a window yet. */
        BACKING_UP,
        /** The backlog stayed up for a whole window: compress. */
        BEHIND
    }

    private final long high;
    private final long low;
    private final long window;
    private State state = State.KEEPING_UP;
    /** Bytes written at the first sample of the current run at or above {@code high}. */
    private long since;

    /**
     * @param high   backlog that starts a run (bytes)
     * @param low    backlog below which a link that was behind is keeping up again; at most {@code high}
     * @param window bytes written during a run before the link counts as behind
     */
    public LinkPressure(long high, long low, long window) {
        if (low < 0 || low > high || window < 0) {
            throw new IllegalArgumentException("need 0 <= low <= high and window >= 0: " + low + ", " + high
                    + ", " + window);
        }
        this.high = high;
        this.low = low;
        this.window = window;
    }

    /** The defaults for a sender that keeps at most {@code maxUnwritten} bytes unwritten (see {@link BlipTuning}). */
    public static LinkPressure forMaxUnwritten(long maxUnwritten) {
        return new LinkPressure(maxUnwritten / BlipTuning.LINK_HIGH_DIVISOR, maxUnwritten / BlipTuning.LINK_LOW_DIVISOR,
                maxUnwritten * BlipTuning.LINK_WINDOW_FACTOR);
    }

    /**
     * Takes one sample and says whether the link is behind now.
     *
     * @param backlog      bytes the socket has not yet handed on (never negative)
     * @param bytesWritten bytes written in all so far (never decreasing)
     */
    public boolean sample(long backlog, long bytesWritten) {
        state = switch (state) {
            case KEEPING_UP -> backlog >= high ? startRun(bytesWritten) : State.KEEPING_UP;
            case BACKING_UP -> backlog < high ? State.KEEPING_UP : runLongEnough(bytesWritten);
            case BEHIND -> backlog < low ? State.KEEPING_UP : State.BEHIND;
        };
        return state == State.BEHIND;
    }

    public State state() {
        return state;
    }

    private State startRun(long bytesWritten) {
        since = bytesWritten;
        return runLongEnough(bytesWritten);
    }

    private State runLongEnough(long bytesWritten) {
        return bytesWritten - since >= window ? State.BEHIND : State.BACKING_UP;
    }

    @Override
    public String toString() {
        return "LinkPressure{" + state + ", high=" + high + ", low=" + low + ", window=" + window + "}";
    }
}
