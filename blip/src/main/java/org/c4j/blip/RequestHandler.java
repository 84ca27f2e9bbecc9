package org.c4j.blip;

/**
 * Handles complete incoming requests of one profile (see {@link BlipConnection#setRequestHandler}).
 *
 * <p>Called in the connection's serial order (on its executor, or on the transport's thread that brought the request
 * when the executor was idle): it must not block. Hand long work to another thread and reply later with
 * {@link IncomingMessage#respond} from any thread. If the handler throws before replying, the peer gets the error
 * reply BLIP 501.
 */
@FunctionalInterface
public interface RequestHandler {

    void handle(IncomingMessage request);
}
