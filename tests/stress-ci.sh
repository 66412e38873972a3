#!/usr/bin/env bash
# The whole suite under load: runs .ci/run N times in a row (default 3) with two busy CPU hogs
# beside it at the same priority as the tests (Debian stress-ng --cpu 2, or two shell busy loops
# where stress-ng cannot be installed). The rerun is off: here a flake is a failure.
# The year-ahead suites run after the end-to-end suite at the tests' own priority
# (TANKY_CI_OVERLAP=0; see .ci/run). Prints each run's closing line and time; exits non-zero if any run failed.
#   tests/stress-ci.sh [RUNS]
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
logs=$(mktemp -d)

if ! command -v stress-ng >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends stress-ng) >/dev/null 2>&1 || true
fi

start_hogs() {
  if command -v stress-ng >/dev/null 2>&1; then
    stress-ng --cpu 2 --timeout 0 --quiet & hogs=$!
  else
    ( trap 'kill 0' TERM; while :; do :; done & while :; do :; done & wait ) & hogs=$!
  fi
}

stop_hogs() {
  kill "$hogs" 2>/dev/null
  wait "$hogs" 2>/dev/null
}

trap 'stop_hogs' EXIT
status=0
summary=()
for i in $(seq 1 "$runs"); do
  start_hogs
  t0=$(date +%s)
  TANKY_CI_RERUN=0 TANKY_CI_OVERLAP=0 bash .ci/run >"$logs/run-$i.log" 2>&1
  rc=$?
  stop_hogs
  line=$(grep -E '^Tests: [0-9]+ passed' "$logs/run-$i.log" | tail -1)
  summary+=("run $i: rc=$rc, $(( $(date +%s) - t0 )) s, ${line:-no closing line}, load: two CPU hogs")
  echo "${summary[-1]}"
  grep -E '^(FAILED|FLAKY \()' "$logs/run-$i.log" || true
  [ "$rc" -eq 0 ] || status=1
done
echo "Logs: $logs"
printf '%s\n' "${summary[@]}"
exit $status
