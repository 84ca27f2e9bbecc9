#!/bin/sh
# Replication benchmark (issue 4; figures in BENCHMARKS.md). Builds interop-tests' test classes (and what they need)
# into target${SUFFIX}/, then runs org.c4j.interop.ReplicationBench, then the 256 MiB heap check in its own JVM.
#   interop-tests/bench.sh [docs=100000] [warmupDocs=5000] [scenarios=all|c4j-push,...]
# Each scenario is warmed up right before it is measured (1-10 rounds of warmupDocs, until the JIT is nearly idle).
# Environment: SUFFIX (build-output suffix, default -rbench), HEAP_DOCS (default 1000000; 0 skips the heap check),
#   BENCH_JAVA_OPTS (extra JVM options of the benchmark, e.g. -Dc4j.bench.compression=always|adaptive|never, or the
#   diagnostics -Dc4j.bench.frameTrace=<file>, -Dc4j.bench.cblLog=<dir>: see ReplicationBench's class comment).
# Scenario cbl-push-null (not in all): CBL pushing to a peer that stores nothing and answers at once (its ceiling).
set -eu
cd "$(dirname "$0")/.."
SUFFIX=${SUFFIX--rbench}
HEAP_DOCS=${HEAP_DOCS-1000000}
BUILD_LOG=bench-build.log . interop-tests/bench-classpath.sh
echo "load before: $(cat /proc/loadavg)"
java -Xms1g -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn ${BENCH_JAVA_OPTS:-} -cp "$CP" org.c4j.interop.ReplicationBench "$@"
if [ "$HEAP_DOCS" != 0 ]; then
  echo "load before heap check: $(cat /proc/loadavg)"
  java -Xmx256m -Xlog:gc:file="$OUT/heapcheck-gc.log" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
      -cp "$CP" org.c4j.interop.ReplicationBench heap "$HEAP_DOCS"
  echo "GC log: $OUT/heapcheck-gc.log (max heap after GC: $(grep -o -- '->[0-9]*M' "$OUT/heapcheck-gc.log" | tr -d '>M-' | sort -n | tail -1) MiB)"
fi
