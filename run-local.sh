#!/usr/bin/env bash
# Runs Countersign on this machine: a Kafka broker, PostgreSQL (embedded, or yours with --db-url) and the five
# services, with signing keys and tokens in .local/. Ctrl-C stops everything. See deploy/local/README.md.
#
#   ./run-local.sh                      build, then run everything
#   ./run-local.sh --no-build           run what was built last
#   ./run-local.sh --db-url postgresql://127.0.0.1:5432 --db-user postgres
#   ./run-local.sh --services action-registry,proposal-service
#   ./run-local.sh --help               all options (each also readable from an environment variable)
set -euo pipefail
cd "$(dirname "$0")"

build=1
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --help|-h) build=0; args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done

if [[ $build == 1 ]]; then
  echo "run-local: building (./mvnw -B -q install -DskipTests; --no-build skips this)..."
  ./mvnw -B -q install -DskipTests
fi
if [[ ! -f deploy/local/target/countersign-local.jar ]]; then
  echo "run-local: deploy/local/target/countersign-local.jar is missing; run without --no-build" >&2
  exit 1
fi
exec java -jar deploy/local/target/countersign-local.jar ${args[@]+"${args[@]}"}
