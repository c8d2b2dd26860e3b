#!/usr/bin/env bash
# The HTTP load generator (docs/benchmarks.md). Every argument goes to LoadGenerator as is:
#   scripts/load.sh --start pg --modes batch,closed,rate
#   scripts/load.sh --start none --url http://127.0.0.1:8080 --pid 1234 --token "$OP" --modes rate
#   scripts/load.sh --help
# --start pg|h2 runs the packaged builds: ./mvnw -B -DskipTests package first.
# The generator runs as plain java on the test classpath (not through exec:exec: the Quarkus
# plugin re-parses Maven's command line and refuses a -D value holding these options).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/load.classpath >&2
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/load.classpath)" \
  com.userautomations.bench.load.LoadGenerator "$@"
