package org.c4j.blip.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Loads the captured Couchbase Lite 3.0 wire vectors from {@code vectors/} at the repository root. */
final class Vectors {
    private Vectors() {
    }

    /** One captured frame and what it should decode to. */
    record VectorFrame(String file, int conn, String dir, int seq, byte[] wire, JsonNode expected) {
        String stream() {
            return file + " conn " + conn + " " + dir;
        }

        @Override
        public String toString() {
            return stream() + " seq " + seq;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Walks up from the working directory to the repository root's {@code vectors/} directory. */
    static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("vectors");
            if (Files.isRegularFile(candidate.resolve("README.md")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no vectors/ directory at the repository root above " + Path.of("").toAbsolutePath());
    }

    /** Base names of every capture (files {@code <name>.jsonl} with a {@code <name>.decoded.jsonl}). */
    static List<String> names() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".decoded.jsonl"))
                    .map(n -> n.substring(0, n.length() - ".decoded.jsonl".length()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The frames of one capture, in capture order, each paired with its decoded expectation. */
    static List<VectorFrame> frames(String name) {
        List<String> raw = lines(name + ".jsonl");
        List<String> decoded = lines(name + ".decoded.jsonl");
        if (raw.size() != decoded.size()) {
            throw new IllegalStateException(name + ": " + raw.size() + " raw lines vs " + decoded.size() + " decoded");
        }
        List<VectorFrame> frames = new ArrayList<>();
        try {
            for (int i = 0; i < raw.size(); i++) {
                JsonNode r = JSON.readTree(raw.get(i));
                if (!r.has("hex")) {
                    continue;
                }
                JsonNode d = JSON.readTree(decoded.get(i));
                if (d.get("seq").asInt() != r.get("seq").asInt() || d.get("conn").asInt() != r.get("conn").asInt()) {
                    throw new IllegalStateException(name + " line " + i + ": raw and decoded lines out of step");
                }
                frames.add(new VectorFrame(name, r.get("conn").asInt(), r.get("dir").asText(), r.get("seq").asInt(),
                        HexFormat.of().parseHex(r.get("hex").asText()), d));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return frames;
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(dir().resolve(file)).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
