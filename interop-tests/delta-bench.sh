#!/bin/sh
# Delta sync benchmark (issue 11; figures in BENCHMARKS.md "Delta sync"). Builds interop-tests' test classes (and
# what they need) into target${SUFFIX}/, then runs org.c4j.interop.DeltaBench.
#   interop-tests/delta-bench.sh [docs=10000]
# Environment: SUFFIX (build-output suffix, default -dbench), JAVA_OPTS (extra JVM options, e.g. a profiler).
set -eu
cd "$(dirname "$0")/.."
SUFFIX=${SUFFIX--dbench}
OUT=interop-tests/target$SUFFIX
mvn -o -q -B -Dc4j.buildSuffix="$SUFFIX" -pl interop-tests -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target$SUFFIX/test-classpath.txt
CP="$OUT/test-classes:$(cat "$OUT/test-classpath.txt")"
OPENS="--add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED"
echo "load before: $(cat /proc/loadavg)"
java ${JAVA_OPTS:-} -Xms1g -Xmx2g $OPENS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" org.c4j.interop.DeltaBench "$@"
