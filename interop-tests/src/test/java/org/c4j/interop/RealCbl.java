package org.c4j.interop;

import org.c4j.bench.CblShim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Makes the real Couchbase Lite 3.0.0 (test peer) usable in this JVM: {@link CblShim} loads the ICU 54
 * compatibility shim that this module's build compiles from {@code src/native} into {@code <build dir>/native},
 * then initialises Couchbase Lite with its root and scratch directories under {@code <build dir>/cbl}, where the
 * build dir is this module's.
 *
 * <p>Why the shim is loaded first: CBL's {@code libLiteCore.so} names {@code libicuuc.so.54},
 * {@code libicui18n.so.54} and {@code libicudata.so.54} as needed libraries. Once libraries with those sonames
 * are loaded in the process, the dynamic loader satisfies the names from them instead of searching the disk.
 *
 * <p>Thread-safe and idempotent: call {@link #init()} from every test that touches CBL.
 */
public final class RealCbl {
    private RealCbl() { }

    /** Loads the shim and initialises Couchbase Lite once per JVM; later calls return at once. */
    public static void init() {
        try {
            CblShim.init(buildDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
}
