#!/usr/bin/env bash
# Publishes tanky-hub and tanky-sim, self-contained, for the gateway (linux-arm64: Raspberry Pi
# OS 64-bit) and for x64 servers/test machines (linux-x64). Both programs go into one folder
# per RID: the hub starts tanky-sim beside its own binary (gateway speaker) and the two share
# the same runtime files, so one tree is ~70 MB smaller than two.
#
#   hub/deploy/publish.sh [--rid linux-arm64|linux-x64]... [--single-file] [--out DIR]
#
# Output: DIR/tanky-<version>-<rid>/ (bin/ with both programs, deploy/ with the unit,
# install.sh and a sample appsettings.json) and DIR/tanky-<version>-<rid>.tar.gz.
# Not trimmed: ASP.NET Core, Dapper and System.CommandLine use reflection that trimming breaks.
# ReadyToRun: precompiled code, so a Pi does not JIT at start (the first programme load and
# validation drops from ~250 to ~100 ms, see performance.md) at the cost of larger files.
set -euo pipefail
cd "$(dirname "$0")/../.."

rids=()
single_file=false
out=hub/deploy/out
while [ $# -gt 0 ]; do
  case "$1" in
    --rid) rids+=("$2"); shift 2 ;;
    --single-file) single_file=true; shift ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ ${#rids[@]} -eq 0 ] && rids=(linux-arm64 linux-x64)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
version=$(git describe --tags --always --dirty 2>/dev/null || date -u +%Y%m%d%H%M)
mkdir -p "$out"
for rid in "${rids[@]}"; do
  tree="$out/tanky-$version-$rid"
  rm -rf "$tree" && mkdir -p "$tree/bin" "$tree/deploy"
  for project in hub/TanKy.Hub/TanKy.Hub.csproj device-firmware-sim/TanKy.DeviceSim/TanKy.DeviceSim.csproj; do
    # NU1603 (Iot.Device.Bindings' dependency versions, see shared/STACK.md) is noise here.
    dotnet publish "$project" -c Release -r "$rid" --self-contained true -nologo -v q \
      -p:PublishTrimmed=false -p:PublishReadyToRun=true -p:PublishSingleFile="$single_file" -p:IncludeNativeLibrariesForSelfExtract=true \
      -p:DebugType=none -o "$tree/bin" | { grep -v NU1603 || true; }
  done
  cp hub/deploy/tanky-hub.service hub/deploy/install.sh hub/deploy/make-cert.sh hub/deploy/tanky-mosquitto-reload.path hub/deploy/tanky-mosquitto-reload.service hub/deploy/mosquitto-tanky.conf "$tree/deploy/"
  cp hub/TanKy.Hub/appsettings.json "$tree/deploy/appsettings.sample.json"
  echo "$version" > "$tree/VERSION"
  tar -C "$out" -czf "$tree.tar.gz" "$(basename "$tree")"
  printf '%s: %s (%s files), archive %s\n' "$rid" "$(du -sh "$tree" | cut -f1)" "$(find "$tree" -type f | wc -l)" "$(du -sh "$tree.tar.gz" | cut -f1)"
done
