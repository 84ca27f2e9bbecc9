package org.c4j.replicator.internal.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.c4j.Body;
import org.c4j.replicator.AccessGrant;
import org.c4j.replicator.SyncFunction;

/**
 * What the sync function decided for a document's current revision: the revision it was computed for, the document's
 * channels, the access it grants, and every channel it has been in (Sync Gateway's channel history without its
 * sequences: it tells a reader that a document left its channels). Stored as a local document's JSON
 * ({@code {"rev": .., "ch": [..], "gr": [{"n": .., "r": true, "ch": [..]}], "was": [..]}}). Immutable.
 */
record AccessEntry(String revId, Set<String> channels, List<AccessGrant> grants, Set<String> was) {
    AccessEntry {
        channels = Set.copyOf(channels);
        grants = List.copyOf(grants);
        Set<String> all = new java.util.HashSet<>(was);
        all.addAll(channels);
        was = Set.copyOf(all);
    }

    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rev", revId);
        m.put("ch", new ArrayList<>(channels));
        if (!grants.isEmpty()) {
            m.put("gr", grantsToList(grants));
        }
        if (!was.equals(channels)) {
            m.put("was", new ArrayList<>(was));
        }
        return Body.fromMap(m).toJson();
    }

    static AccessEntry fromJson(String json) {
        Map<String, Object> m = Body.fromJson(json).toMap();
        return new AccessEntry((String) m.get("rev"), SyncFunction.channelsProperty(m.get("ch")),
                grantsFromList(m.get("gr")), SyncFunction.channelsProperty(m.get("was")));
    }

    static List<Object> grantsToList(List<AccessGrant> grants) {
        List<Object> out = new ArrayList<>(grants.size());
        for (AccessGrant g : grants) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("n", g.name());
            d.put("r", g.role());
            d.put("ch", new ArrayList<>(g.channels()));
            out.add(d);
        }
        return out;
    }

    static List<AccessGrant> grantsFromList(Object value) {
        List<AccessGrant> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> d && d.get("n") instanceof String n && !n.isEmpty()) {
                    out.add(new AccessGrant(n, Boolean.TRUE.equals(d.get("r")),
                            SyncFunction.channelsProperty(d.get("ch"))));
                }
            }
        }
        return out;
    }
}
