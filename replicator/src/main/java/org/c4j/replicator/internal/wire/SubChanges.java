package org.c4j.replicator.internal.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.c4j.replicator.internal.core.ReplTuning;
import org.c4j.socket.C4Exception;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.slf4j.LoggerFactory;

/**
 * A {@code subChanges} request: the puller asks the peer to send {@code changes} after {@code since}. Properties
 * as LiteCore 3.0's puller writes them, in its order; channels are sent as the Sync Gateway filter
 * {@code sync_gateway/bychannel} with a comma-separated {@code channels} parameter, other filters with their
 * parameters as extra properties; docIDs go in the body {@code {"docIDs":[...]}}.
 *
 * @param since        continue after this sequence; null = from the start
 * @param batch        most changes per message the puller wants (0 = unspecified)
 * @param versioning   {@code rev-trees}, or null when absent (LiteCore accepts absent as rev-trees)
 * @param revocations  ask Sync Gateway for revocation entries (LiteCore sets it while autoPurge is on, the default)
 * @param filter       a named filter, or null
 * @param filterParams parameters of {@code filter} (for {@link ReplWire#FILTER_BY_CHANNEL}: {@code channels})
 * @param docIds       only these documents, or null for all
 *
 * <p>Immutable; thread-safe.
 */
public record SubChanges(RemoteSequence since, boolean continuous, int batch, String versioning, boolean activeOnly,
                         boolean revocations, String filter, Map<String, String> filterParams, List<String> docIds) {
    /** Properties that are not filter parameters. */
    private static final Set<String> RESERVED = Set.of(ReplWire.PROFILE, ReplWire.COLLECTION, ReplWire.SINCE,
            ReplWire.CONTINUOUS, ReplWire.BATCH, ReplWire.VERSIONING, ReplWire.ACTIVE_ONLY, ReplWire.REVOCATIONS,
            ReplWire.FILTER);

    public SubChanges {
        filterParams = filterParams == null ? Map.of() : Map.copyOf(filterParams);
        docIds = docIds == null ? null : List.copyOf(docIds);
    }

    /**
     * The request LiteCore's puller makes: batch 200, rev-trees, revocations on; channels (if any) become the
     * by-channel filter.
     */
    public static SubChanges forPuller(RemoteSequence since, boolean continuous, boolean activeOnly,
                                       List<String> channels, List<String> docIds) {
        String filter = null;
        Map<String, String> params = Map.of();
        if (channels != null && !channels.isEmpty()) {
            filter = ReplWire.FILTER_BY_CHANNEL;
            params = Map.of(ReplWire.CHANNELS, String.join(",", channels));
        }
        return new SubChanges(since, continuous, ReplTuning.CHANGES_BATCH_SIZE, ReplWire.VERSIONING_REV_TREES,
                activeOnly, true, filter, params, docIds);
    }

    /** The channels of a by-channel filter; empty otherwise. */
    public List<String> channels() {
        String list = ReplWire.FILTER_BY_CHANNEL.equals(filter) ? filterParams.get(ReplWire.CHANNELS) : null;
        return list == null || list.isEmpty() ? List.of() : List.of(list.split(","));
    }

    /** Fresh and mutable (the caller may add {@code collection}). */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(ReplWire.PROFILE, ReplWire.SUB_CHANGES);
        if (since != null) {
            p.put(ReplWire.SINCE, since.toJson());
        }
        if (continuous) {
            p.put(ReplWire.CONTINUOUS, ReplWire.TRUE);
        }
        if (batch > 0) {
            p.put(ReplWire.BATCH, Integer.toString(batch));
        }
        if (versioning != null) {
            p.put(ReplWire.VERSIONING, versioning);
        }
        if (activeOnly) {
            p.put(ReplWire.ACTIVE_ONLY, ReplWire.TRUE);
        }
        if (revocations) {
            p.put(ReplWire.REVOCATIONS, ReplWire.TRUE);
        }
        if (filter != null) {
            p.put(ReplWire.FILTER, filter);
            filterParams.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> p.put(e.getKey(), e.getValue()));
        }
        return p;
    }

    /** The body: {@code {"docIDs":[...]}}, or empty. */
    public byte[] body() {
        if (docIds == null) {
            return new byte[0];
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("docIDs", docIds);
        return Json.write(root);
    }

    /**
     * Reads a received subChanges. Every property not known to the protocol is a filter parameter. A body that is
     * not empty must be a JSON object; its {@code docIDs}, if present, an array of strings (otherwise
     * {@code C4Exception(BLIP, 400)}).
     */
    public static SubChanges parse(Map<String, String> properties, byte[] body) {
        Map<String, String> params = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            if (!RESERVED.contains(k)) {
                params.put(k, v);
            }
        });
        String filter = properties.get(ReplWire.FILTER);
        return new SubChanges(RemoteSequence.fromJson(properties.get(ReplWire.SINCE)),
                ReplWire.parseBool(properties.get(ReplWire.CONTINUOUS), false),
                (int) ReplWire.parseLong(properties.get(ReplWire.BATCH), 0),
                properties.get(ReplWire.VERSIONING),
                ReplWire.parseBool(properties.get(ReplWire.ACTIVE_ONLY), false),
                ReplWire.parseBool(properties.get(ReplWire.REVOCATIONS), false),
                filter == null || filter.isEmpty() ? null : filter, filter == null ? Map.of() : params,
                docIdsOf(body));
    }

    /** LiteCore's passive pusher refuses any versioning but rev-trees (absent is fine). */
    public boolean versioningSupported() {
        return versioning == null || versioning.isEmpty() || ReplWire.VERSIONING_REV_TREES.equals(versioning);
    }

    private static List<String> docIdsOf(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        if (!(Json.parse(body, "'subChanges' body") instanceof Map<?, ?> root)) {
            throw Json.malformed("'subChanges' body", "not a JSON object");
        }
        Object ids = root.get("docIDs");
        if (ids == null) {
            return null;
        }
        if (!(ids instanceof List<?> list)) {
            throw Json.malformed("'subChanges' body", "'docIDs' is not an array");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw Json.malformed("'subChanges' body", "'docIDs' holds a non-string: " + o);
            }
            out.add(s);
        }
        return out;
    }

    /**
     * The subChanges LiteCore's puller sends, with {@code revocations} while auto-purge is on (the default, option
     * {@code autoPurge}), as LiteCore 3.0 does. Tombstones are skipped with the skipDeleted option, or on a first pull into an empty
     * collection (LiteCore: no checkpoint and an empty database). Channels become Sync Gateway's by-channel filter;
     * otherwise a named filter goes with its parameters.
     */
    public static SubChanges forPull(OptionsDict options, RemoteSequence since, boolean continuous, boolean firstPull) {
        boolean activeOnly = options.getBool(OptionKeys.SKIP_DELETED, false) || firstPull;
        List<String> channels = options.getStringList(OptionKeys.CHANNELS);
        String filter = options.getString(OptionKeys.FILTER);
        Map<String, String> params = new LinkedHashMap<>();
        if (channels != null && !channels.isEmpty()) {
            filter = ReplWire.FILTER_BY_CHANNEL;
            params.put(ReplWire.CHANNELS, String.join(",", channels));
        } else if (filter != null && options.getDict(OptionKeys.FILTER_PARAMS) != null) {
            OptionsDict given = options.getDict(OptionKeys.FILTER_PARAMS);
            given.keys().forEach(k -> params.put(k, String.valueOf(given.get(k))));
        }
        List<String> docIds = options.getStringList(OptionKeys.DOC_IDS);
        return new SubChanges(since, continuous, ReplTuning.CHANGES_BATCH_SIZE, ReplWire.VERSIONING_REV_TREES,
                activeOnly, options.getBool(OptionKeys.AUTO_PURGE, true), filter, params,
                docIds == null || docIds.isEmpty() ? null : docIds);
    }

    /**
     * Passive side: parses a peer's {@code subChanges} and checks that we can serve it (rev-tree versioning, no named
     * filter but Sync Gateway's by-channel one); otherwise answers the request with LiteCore's error and returns null.
     */
    public static SubChanges acceptOrRefuse(org.c4j.blip.IncomingMessage rq) {
        SubChanges sub;
        try {
            sub = parse(rq.properties(), rq.body());
        } catch (C4Exception e) {
            ReplWire.toBlipError(e).respondTo(rq);
            return null;
        }
        if (!sub.versioningSupported()) {
            ReplWire.INCOMPATIBLE_VERSIONING.respondTo(rq);
            return null;
        }
        if (sub.filter() != null && !ReplWire.FILTER_BY_CHANNEL.equals(sub.filter())) {
            LoggerFactory.getLogger(SubChanges.class).info("peer asked for filter '{}'", sub.filter());
            ReplWire.FILTER_UNSUPPORTED.respondTo(rq);
            return null;
        }
        return sub;
    }
}
