package org.c4j;

import java.util.Objects;

/**
 * One document to save with {@link Collection#saveAll}: what {@link Collection#save} takes — the document ID, the
 * parent revision (null for a new document, or to re-create a deleted one) and the body, given either as a
 * {@link Body} or as JSON text still to parse. A body given as JSON is parsed by {@code saveAll}, possibly on
 * another thread and overlapped with storing the documents before it; a text that isn't a JSON object fails that
 * save as {@link Body#fromJson(String)} would.
 *
 * <p>Immutable; thread-safe.
 */
public final class SaveRequest {
    private final String docId;
    private final String parentRevId;
    private final Body body;
    private final String json;

    private SaveRequest(String docId, String parentRevId, Body body, String json) {
        this.docId = docId;
        this.parentRevId = parentRevId;
        this.body = body;
        this.json = json;
    }

    /** Saves {@code body} as a child of {@code parentRevId} (null: a new document). */
    public static SaveRequest of(String docId, String parentRevId, Body body) {
        return new SaveRequest(docId, parentRevId, Objects.requireNonNull(body, "body"), null);
    }

    /** Saves the JSON object {@code json} as a child of {@code parentRevId} (null: a new document). */
    public static SaveRequest ofJson(String docId, String parentRevId, String json) {
        return new SaveRequest(docId, parentRevId, null, Objects.requireNonNull(json, "json"));
    }

    public String docId() {
        return docId;
    }

    /** The parent revision's ID, or null. */
    public String parentRevId() {
        return parentRevId;
    }

    /** The body, parsing the JSON if it was given as text (each call parses again). */
    Body body() {
        return body != null ? body : Body.fromJson(json);
    }

    @Override
    public String toString() {
        return "SaveRequest{" + docId + (parentRevId == null ? "" : " on " + parentRevId) + "}";
    }
}
