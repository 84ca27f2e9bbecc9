package org.c4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples run and do what they say. */
class ExamplesTest {
    @Test
    void embeddedDatabasesSyncThroughAListener(@TempDir Path dir) throws Exception {
        assertEquals("server 2, client 2", EmbeddedSync.run(dir));
    }

    @Test
    void aLoggedOutSessionIsRenewedByTheCredentialsProvider(@TempDir Path dir) throws Exception {
        assertEquals("client 1 doc(s), 1 session renewal(s)", SessionAuthSync.run(dir));
    }

    @Test
    void theCustomTcpTransportCarriesAReplication(@TempDir Path dir) throws Exception {
        assertEquals("server 400, client 400", TcpReplication.run(dir, 200));
    }
}
