package org.c4j.interop;

import com.couchbase.lite.Blob;
import com.couchbase.lite.Database;
import com.couchbase.lite.DatabaseConfiguration;
import com.couchbase.lite.Document;
import com.couchbase.lite.MutableDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Proves the real Couchbase Lite 3.0.0 loads here (through the ICU shim) and stores documents and blobs. */
class RealCblSmokeTest {
    private static final int DOCS = 100;

    @TempDir
    Path dir;

    @Test
    void savesReadsAndStoresBlobs() throws Exception {
        RealCbl.init();
        Database db = new Database("smoke", new DatabaseConfiguration().setDirectory(dir.toString()));
        try {
            db.inBatch(() -> {
                for (int i = 0; i < DOCS; i++) {
                    MutableDocument doc = new MutableDocument("doc-" + i);
                    doc.setInt("n", i);
                    doc.setString("name", "name " + i);
                    db.save(doc);
                }
            });
            assertEquals(DOCS, db.getCount());
            for (int i = 0; i < DOCS; i++) {
                Document doc = db.getDocument("doc-" + i);
                assertNotNull(doc, "doc-" + i);
                assertEquals(i, doc.getInt("n"));
                assertEquals("name " + i, doc.getString("name"));
            }

            byte[] content = "blob content \u00e9\u4e2d".getBytes(StandardCharsets.UTF_8);
            MutableDocument withBlob = new MutableDocument("with-blob");
            withBlob.setBlob("attachment", new Blob("text/plain", content));
            db.save(withBlob);
            Blob stored = db.getDocument("with-blob").getBlob("attachment");
            assertNotNull(stored);
            assertEquals("text/plain", stored.getContentType());
            assertEquals(content.length, stored.length());
            assertArrayEquals(content, stored.getContent());
        } finally {
            db.close();
        }
    }
}
