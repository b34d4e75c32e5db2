#!/usr/bin/env bash
# Runs the whole test suite. Installs what the tests need and this machine lacks (as root, through
# apt); otherwise stops and names the package. A missing prerequisite fails the run, never skips.
set -euo pipefail
cd "$(dirname "$0")"

. deploy/scripts/prerequisites.sh
mapfile -t missing < <(missing_product_packages)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
# systemd-analyze and systemd-sysusers check deploy/systemd offline (no systemd need run).
{ command -v systemd-analyze && command -v systemd-sysusers; } >/dev/null 2>&1 || missing+=(systemd)
install_missing "The tests" "${missing[@]}"

# kubectl renders the Kubernetes manifests for their tests: required in CI, skipped elsewhere.
if ! command -v kubectl >/dev/null 2>&1; then
  if [ -n "${CI:-}" ]; then
    echo "CI needs kubectl to render deploy/k8s (https://kubernetes.io/docs/tasks/tools/)." >&2
    exit 1
  fi
  echo "kubectl is missing: the tests of deploy/k8s will be skipped." >&2
fi

java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${java_major%%.*}" -lt 17 ]; then
  echo "The build needs Java 17 or newer; java here is ${java_major}." >&2
  exit 1
fi

# The encoder's tests use the machine's PostgreSQL (user postgres, trust) and create their databases.
if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -q -h "${OPTIMIZARR_DB_HOST:-127.0.0.1}" -p "${OPTIMIZARR_DB_PORT:-5432}"; then
  echo "The tests need PostgreSQL at ${OPTIMIZARR_DB_HOST:-127.0.0.1}:${OPTIMIZARR_DB_PORT:-5432} (user postgres); start it first." >&2
  exit 1
fi

exec ./mvnw -B verify "$@"
