package org.c4j.bench;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An A/B of the save path on a shared machine: one round of {@link SaveCpuProbe} (100,000 documents) from each of
 * several builds in turn, in one JVM, alternating the order every round, so that the builds see the same load
 * minute by minute. Each build's {@code org.c4j} classes are loaded from its own benchmarks jar by their own
 * class loader; everything else (LMDB, JNR) is shared from this process's class path, as it is the same library.
 *
 * <p>Run: {@code java --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED
 * -cp A.jar org.c4j.bench.AbSaveCpuProbe ROUNDS DURABLE A.jar B.jar ...}; prints every round and the median and
 * minimum, over the rounds after the first third (warm-up), of CPU and wall time per document. A jar may be named
 * {@code X.jar@saveAll} to run {@link SaveCpuProbe}'s {@code saveAll} mode from it; the process CPU (JIT, GC and
 * helper threads included) is printed where the probe reports it.
 */
public final class AbSaveCpuProbe {
    private static final Pattern ROUND = Pattern.compile("round 1: ([0-9.]+) us CPU/doc, ([0-9.]+) us wall/doc");
    private static final Pattern PROCESS = Pattern.compile("([0-9.]+) us process CPU/doc");

    private AbSaveCpuProbe() {
    }

    /** Loads {@code org.c4j.*} from its own jar first; delegates every other class. */
    private static final class BuildLoader extends URLClassLoader {
        BuildLoader(URL jar, ClassLoader parent) {
            super(new URL[] {jar}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("org.c4j.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        String durable = args[1];
        int n = args.length - 2;
        Method[] probes = new Method[n];
        String[] modes = new String[n];
        for (int i = 0; i < n; i++) {
            String[] jarAndMode = args[2 + i].split("@", 2);
            modes[i] = jarAndMode.length > 1 ? jarAndMode[1] : "save";
            URL jar = new File(jarAndMode[0]).toURI().toURL();
            ClassLoader loader = new BuildLoader(jar, AbSaveCpuProbe.class.getClassLoader());
            probes[i] = loader.loadClass(SaveCpuProbe.class.getName()).getMethod("main", String[].class);
        }
        double[][] cpu = new double[n][rounds];
        double[][] wall = new double[n][rounds];
        double[][] proc = new double[n][rounds];
        PrintStream out = System.out;
        for (int r = 0; r < rounds; r++) {
            for (int j = 0; j < n; j++) {
                int k = r % 2 == 0 ? j : n - 1 - j;
                ByteArrayOutputStream captured = new ByteArrayOutputStream();
                System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
                try {
                    probes[k].invoke(null, (Object) (modes[k].equals("save") ? new String[] {"1", durable}
                            : new String[] {"1", durable, modes[k]}));
                } finally {
                    System.setOut(out);
                }
                Matcher m = ROUND.matcher(captured.toString(StandardCharsets.UTF_8));
                if (!m.find()) {
                    throw new IllegalStateException("unexpected probe output: " + captured);
                }
                cpu[k][r] = Double.parseDouble(m.group(1));
                wall[k][r] = Double.parseDouble(m.group(2));
                Matcher pm = PROCESS.matcher(captured.toString(StandardCharsets.UTF_8));
                proc[k][r] = pm.find() ? Double.parseDouble(pm.group(1)) : Double.NaN;
                out.printf(Locale.ROOT, "round %d %s: %.2f us CPU/doc, %.2f us wall/doc, %.2f process (load %s)%n",
                        r + 1, args[2 + k], cpu[k][r], wall[k][r], proc[k][r], load());
            }
        }
        for (int k = 0; k < n; k++) {
            double[] c = Arrays.copyOfRange(cpu[k], rounds / 3, rounds);
            double[] w = Arrays.copyOfRange(wall[k], rounds / 3, rounds);
            double[] p = Arrays.copyOfRange(proc[k], rounds / 3, rounds);
            Arrays.sort(c);
            Arrays.sort(w);
            Arrays.sort(p);
            out.printf(Locale.ROOT, "%s: rounds %d..%d: median %.2f us CPU/doc (min %.2f), median %.2f us wall/doc"
                    + " (min %.2f), median %.2f us process CPU/doc%n", args[2 + k], rounds / 3 + 1, rounds,
                    c[c.length / 2], c[0], w[w.length / 2], w[0], p[p.length / 2]);
        }
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
