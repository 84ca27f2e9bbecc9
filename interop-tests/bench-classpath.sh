# Sourced by interop-tests' benchmark scripts (bench.sh, load-bench.sh), from the repository root: builds
# interop-tests' test classes and what they need into interop-tests/target$SUFFIX/ and sets OUT and CP (the
# classpath to run a benchmark class with). Offline first (fast, no network); online once when the local repository
# lacks something (a fresh machine has no maven-dependency-plugin, say). The offline attempt's output goes to
# $OUT/$BUILD_LOG; the online one shows its errors. SUFFIX must be set (each script has its own default).
OUT=interop-tests/target$SUFFIX
bench_build() {
  mvn -q -B "$@" -Dc4j.buildSuffix="$SUFFIX" -pl interop-tests -am test-compile dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile=target$SUFFIX/test-classpath.txt
}
mkdir -p "$OUT"
if ! bench_build -o >"$OUT/${BUILD_LOG:-bench-build.log}" 2>&1; then
  echo "$(basename "$0"): offline build failed (see $OUT/${BUILD_LOG:-bench-build.log}); building online" >&2
  bench_build
fi
CP="$OUT/test-classes:$(cat "$OUT/test-classpath.txt")"
