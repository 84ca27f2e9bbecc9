#!/bin/sh
# Load benchmark (issue 9; figures in BENCHMARKS.md, "Limits and load"). Builds interop-tests' test classes (and what
# they need) into target${SUFFIX}/ as bench.sh does, then runs org.c4j.interop.load.LoadBench with a GC log:
#   interop-tests/load-bench.sh [clients=100] [cblClients=15] [seconds=60] [rate=0.5] [ws|wss]
# rate is documents per second per client (the listener's own writer saves at the same rate).
# Environment: SUFFIX (build-output suffix, default -rbench), LOAD_JAVA_OPTS (extra JVM options, default -Xmx1g).
set -eu
cd "$(dirname "$0")/.."
SUFFIX=${SUFFIX--rbench}
BUILD_LOG=load-build.log . interop-tests/bench-classpath.sh
echo "load before: $(cat /proc/loadavg)"
status=0
java ${LOAD_JAVA_OPTS:--Xmx1g} -Xlog:gc:file="$OUT/load-gc.log" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$CP" org.c4j.interop.load.LoadBench "$@" || status=$?
echo "load after: $(cat /proc/loadavg)"
echo "GC log: $OUT/load-gc.log (max heap after GC: $(grep -o -- '->[0-9]*M' "$OUT/load-gc.log" | tr -d '>M-' | sort -n | tail -1) MiB)"
exit $status
