package org.c4j.interop;

import com.couchbase.lite.CouchbaseLite;
import com.couchbase.lite.Database;
import com.couchbase.lite.LogLevel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes the real Couchbase Lite 3.0.0 (test peer) usable in this JVM: loads the ICU 54 compatibility shim that
 * the build compiles from {@code src/native} into {@code <build dir>/native}, then initialises Couchbase Lite with
 * its root and scratch (native-library extraction) directories under {@code <build dir>/cbl}.
 *
 * <p>Why the shim is loaded first: CBL's {@code libLiteCore.so} names {@code libicuuc.so.54},
 * {@code libicui18n.so.54} and {@code libicudata.so.54} as needed libraries. Once libraries with those sonames
 * are loaded in the process, the dynamic loader satisfies the names from them instead of searching the disk.
 *
 * <p>Thread-safe and idempotent: call {@link #init()} from every test that touches CBL.
 */
public final class RealCbl {
    /** Overrides where the compiled shim libraries are looked for. */
    public static final String SHIM_DIR_PROPERTY = "c4j.icuShimDir";

    /** Load order does not matter to the loader; the empty libraries go first so the forwarding one is last. */
    private static final List<String> SHIM_LIBRARIES = List.of("libicudata.so.54", "libicui18n.so.54", "libicuuc.so.54");

    private static boolean initialized;

    private RealCbl() { }

    /** Loads the shim and initialises Couchbase Lite once per JVM; later calls return at once. */
    public static synchronized void init() {
        if (initialized) {
            return;
        }
        Path buildDir = buildDir();
        Path shimDir = Path.of(System.getProperty(SHIM_DIR_PROPERTY, buildDir.resolve("native").toString()));
        for (String lib : SHIM_LIBRARIES) {
            Path file = shimDir.resolve(lib).toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("ICU shim library missing: " + file
                    + " (the build compiles it with src/native/build.sh; set -D" + SHIM_DIR_PROPERTY + " to override)");
            }
            System.load(file.toString());
        }
        Path cblDir = buildDir.resolve("cbl");
        Path rootDir = createDirectories(cblDir.resolve("root"));
        Path scratchDir = createDirectories(cblDir.resolve("scratch"));
        CouchbaseLite.init(false, rootDir.toFile(), scratchDir.toFile());
        Database.log.getConsole().setLevel(LogLevel.WARNING);
        initialized = true;
    }

    /** The module's build output directory (parent of the directory this class was loaded from). */
    static Path buildDir() {
        try {
            Path classes = Path.of(RealCbl.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the build directory", e);
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
