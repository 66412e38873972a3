#!/usr/bin/env bash
# Command 1: the hub (embedded MQTT broker + SQLite + HTTP API) with the simulated commune of
# Tân Kỳ attached: 12 hamlets, 51 devices. Ctrl-C stops everything cleanly.
# Data lives in ./data (override with TANKY_DEMO_DATA); a second run reuses it.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${TANKY_DEMO_DATA:-./data}
telemetry=${TANKY_DEMO_TELEMETRY:-10}

echo "Đang biên dịch / building (Release)…"
dotnet build TanKy.Iot.sln -c Release -nologo -v q >/dev/null
hub=hub/TanKy.Hub/bin/Release/net10.0/tanky-hub
sim=device-firmware-sim/TanKy.DeviceSim/bin/Release/net10.0/tanky-sim

"$hub" demo --provision-only --data-dir "$data"
"$hub" run --Hub:DataDir="$data" --Hub:StatusLogInterval=00:00:20 "$@" &
hub_pid=$!
sim_pid=""
cleanup() {
  [ -n "$sim_pid" ] && kill -TERM "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null
  kill -TERM "$hub_pid" 2>/dev/null && wait "$hub_pid" 2>/dev/null
}
trap cleanup EXIT INT TERM

for _ in $(seq 1 100); do
  curl -fs http://127.0.0.1:8080/health >/dev/null 2>&1 && break
  kill -0 "$hub_pid" 2>/dev/null || { echo "hub failed to start"; exit 1; }
  sleep 0.2
done
echo "Hub: MQTT 127.0.0.1:1883, HTTP http://127.0.0.1:8080 (token: $data/demo-admin.token)"
"$sim" run --fleet "$data/demo-fleet.json" --telemetry-interval "$telemetry" &
sim_pid=$!
wait "$hub_pid"
