package org.c4j.replicator.internal.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The replication messages of the captured Couchbase Lite 3.0 sessions ({@code vectors/*.decoded.jsonl} at the repository root),
 * one per complete BLIP message, each reply paired with the request it answers.
 */
public final class ReplVectors {
    private ReplVectors() {
    }

    /**
     * One message. {@code profile} is the request's Profile (for a reply: its request's); {@code request} is the
     * request a reply answers (null for requests).
     */
    record Msg(String file, int conn, String dir, long num, String type, Map<String, String> props, String body,
               long bodyLen, boolean noReply, String profile, Msg request) {
        boolean isRequest() {
            return type.equals("MSG");
        }

        boolean isError() {
            return type.equals("ERR");
        }

        /** The decoded file cuts bodies to 400 characters and shows binary ones as hex: only some are whole. */
        boolean complete() {
            return body != null && body.getBytes(StandardCharsets.UTF_8).length == bodyLen;
        }

        byte[] bodyBytes() {
            return body.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return file + " conn " + conn + " " + dir + " " + type + "#" + num + " " + profile;
        }
    }

    static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("vectors");
            if (Files.isRegularFile(candidate.resolve("README.md")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                    return candidate;
                }
            }
        throw new IllegalStateException("no vectors/ directory at the repository root above " + Path.of("").toAbsolutePath());
    }

    /** Every complete message of every capture, in capture order. */
    static List<Msg> all() {
        List<Msg> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".decoded.jsonl")).sorted().toList()) {
                out.addAll(read(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The messages of one profile (requests, or replies to that profile's requests). */
    static List<Msg> of(String profile, boolean requests) {
        return all().stream().filter(m -> profile.equals(m.profile()) && m.isRequest() == requests).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Msg> read(Path file) throws IOException {
        String name = file.getFileName().toString();
        Map<String, Msg> requests = new HashMap<>();
        List<Msg> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            Map<String, Object> o = (Map<String, Object>) Json.parse(line.getBytes(StandardCharsets.UTF_8), "vector");
            if (!o.containsKey("props")) {
                continue;   // connection events, ACKs and non-final frames
            }
            int conn = ((Long) o.get("conn")).intValue();
            String dir = (String) o.get("dir");
            long num = (Long) o.get("num");
            String type = (String) o.get("type");
            Map<String, String> props = new LinkedHashMap<>();
            ((Map<String, Object>) o.get("props")).forEach((k, v) -> props.put(k, (String) v));
            String body = (String) o.get("body");
            long bodyLen = (Long) o.get("body_len");
            boolean noReply = Boolean.TRUE.equals(o.get("noreply"));
            Msg m;
            if (type.equals("MSG")) {
                m = new Msg(name, conn, dir, num, type, props, body, bodyLen, noReply, props.get("Profile"), null);
                requests.put(conn + dir + num, m);
            } else {
                String requestDir = dir.equals("c2s") ? "s2c" : "c2s";
                Msg rq = requests.get(conn + requestDir + num);
                m = new Msg(name, conn, dir, num, type, props, body, bodyLen, noReply,
                        rq == null ? null : rq.profile(), rq);
            }
            out.add(m);
        }
        return out;
    }
}
