package org.c4j.bench;

import com.couchbase.lite.CouchbaseLite;
import com.couchbase.lite.Database;
import com.couchbase.lite.LogLevel;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes the real Couchbase Lite 3.0.0 usable in a JVM: loads the ICU 54 compatibility libraries the build
 * compiles (from {@code interop-tests/src/native}) into {@code <build dir>/native}, then initialises Couchbase Lite
 * with its root and scratch (native-library extraction) directories under {@code <build dir>/cbl}. Its
 * libLiteCore.so names the ICU 54 sonames; once libraries with those sonames are loaded, the dynamic loader uses
 * them. Used by the benchmarks and, with their own build directory, by the interop tests' {@code RealCbl}.
 * Thread-safe and idempotent: the first {@code init} in a JVM wins, later calls return at once.
 */
public final class CblShim {
    /** Overrides where the compiled shim libraries are looked for. */
    public static final String SHIM_DIR_PROPERTY = "c4j.icuShimDir";

    private static final List<String> SHIM_LIBRARIES = List.of("libicudata.so.54", "libicui18n.so.54", "libicuuc.so.54");

    private static boolean initialized;

    private CblShim() { }

    /** Loads the shim and initialises Couchbase Lite once per JVM, under this module's build directory. */
    public static void init() throws IOException {
        init(buildDir());
    }

    /**
     * Loads the shim from {@code <buildDir>/native} (or -D{@value #SHIM_DIR_PROPERTY}) and initialises Couchbase
     * Lite under {@code <buildDir>/cbl}, once per JVM.
     */
    public static synchronized void init(Path buildDir) throws IOException {
        if (initialized) {
            return;
        }
        Path shimDir = Path.of(System.getProperty(SHIM_DIR_PROPERTY, buildDir.resolve("native").toString()));
        for (String lib : SHIM_LIBRARIES) {
            Path file = shimDir.resolve(lib).toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("ICU shim library missing: " + file
                    + " (compiled by the Maven build from interop-tests/src/native; set -D" + SHIM_DIR_PROPERTY
                    + " to override)");
            }
            System.load(file.toString());
        }
        Path cblDir = buildDir.resolve("cbl");
        CouchbaseLite.init(false, Files.createDirectories(cblDir.resolve("root")).toFile(),
            Files.createDirectories(cblDir.resolve("scratch")).toFile());
        Database.log.getConsole().setLevel(LogLevel.WARNING);
        initialized = true;
    }

    /** This module's build directory: parent of target/classes, or of the shaded target/benchmarks.jar. */
    private static Path buildDir() {
        try {
            return Path.of(CblShim.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the build directory", e);
        }
    }
}
