#!/usr/bin/env bash
# Installs or upgrades the TanKy hub on a gateway (Raspberry Pi OS / Debian, systemd). Run as root:
#
#   sudo ./install.sh tanky-<version>-linux-arm64.tar.gz     # or the unpacked folder
#
# First install: creates the user 'tanky', /opt/tanky/<version>, /var/lib/tanky (data),
# /etc/tanky (config, never overwritten), /var/backups/tanky; installs the systemd unit,
# enables and starts the hub and waits for its health check.
# Upgrade: installs the new version beside the old one, takes a 'tanky-hub backup' with the
# running (old) hub, switches the /opt/tanky/current symlink, restarts, and on a failed health
# check switches back, restores the database from that backup (a newer schema would stop the
# old hub) and starts the old version again. The data directory is never deleted.
#
# Field broker: a first install runs the hub with Broker:Mode=External on Debian's mosquitto
# (installed with apt-get when missing). The hub keeps mosquitto's users and ACL in
# /var/lib/tanky-mosquitto (tanky:mosquitto, 2750) in step with its registry; the path unit
# tanky-mosquitto-reload.path reloads mosquitto when they change; /etc/mosquitto/conf.d/tanky.conf
# (listener and limits, root's) comes from 'tanky-hub broker mosquitto-conf'. A site whose
# appsettings.json says Embedded keeps the embedded broker; --broker embedded makes a new one so.
#
# Options:
#   --broker B        mosquitto (default) or embedded: the broker of a first install
#   --root DIR        install under DIR (dry run for tests: no user, no chown, no systemctl
#                     unless SYSTEMCTL is set); the unit and paths are the same below DIR
#   --health-url URL  health endpoint (default http://127.0.0.1:8080/health)
#   --keep N          installed versions to keep (default 3; 'current' and the previous always stay)
#   --tls MODE        local: make a local certificate authority and an HTTPS certificate for this
#                     gateway (make-cert.sh, in /etc/tanky/tls) and serve HTTPS; none: leave HTTP
#                     alone. Default: local on a first install unless appsettings.json already names
#                     a certificate (a real one), nothing on an upgrade (an existing local CA is kept)
#   --tls-names LIST  more names/addresses for the certificate (comma-separated), besides the host
#                     name and `hostname -I`
#   --https-port N    the HTTPS port (default 8443); plain HTTP stays on its port for devices and
#                     the CA download, console pages on it redirect to HTTPS (Http:RedirectToHttps)
# Environment: SYSTEMCTL (default systemctl, or nothing with --root), APT_GET (default apt-get,
# or nothing with --root), HEALTH_CMD (a command
# that exits 0 when the hub is healthy; default: curl the health URL), HEALTH_TIMEOUT (s, 60).
set -euo pipefail

root=""
health_url="http://127.0.0.1:8080/health"
keep=3
broker=mosquitto
source_arg=""
tls=auto
tls_names=""
https_port=8443
while [ $# -gt 0 ]; do
  case "$1" in
    --root) root="$(realpath -m "$2")"; shift 2 ;;
    --health-url) health_url="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    --broker) broker="$2"; shift 2 ;;
    --tls) tls="$2"; shift 2 ;;
    --tls-names) tls_names="$2"; shift 2 ;;
    --https-port) https_port="$2"; shift 2 ;;
    -h|--help) sed -n '2,37p' "$0"; exit 0 ;;
    -*) echo "unknown option: $1" >&2; exit 2 ;;
    *) source_arg="$1"; shift ;;
  esac
done
[ -n "$source_arg" ] || { echo "usage: install.sh [--root DIR] [--broker mosquitto|embedded] TREE|TARBALL" >&2; exit 2; }
case "$broker" in mosquitto|embedded) ;; *) echo "install.sh: --broker is mosquitto or embedded" >&2; exit 2 ;; esac
case "$tls" in auto|local|none) ;; *) echo "install.sh: --tls is local or none" >&2; exit 2 ;; esac
[[ "$https_port" =~ ^[0-9]+$ ]] || { echo "install.sh: --https-port is a number" >&2; exit 2; }

opt="$root/opt/tanky"
data="$root/var/lib/tanky"
etc="$root/etc/tanky"
backups="$root/var/backups/tanky"
unit_dir="$root/etc/systemd/system"
mqdir="$root/var/lib/tanky-mosquitto"
mqconf="$root/etc/mosquitto/conf.d/tanky.conf"
if [ -n "$root" ]; then systemctl_cmd="${SYSTEMCTL:-}"; apt_cmd="${APT_GET:-}"; else systemctl_cmd="${SYSTEMCTL:-systemctl}"; apt_cmd="${APT_GET:-apt-get}"; fi
as_root=false
[ -z "$root" ] && [ "$(id -u)" -eq 0 ] && as_root=true
[ -z "$root" ] && ! $as_root && { echo "install.sh: run as root (or use --root DIR for a dry run)" >&2; exit 1; }

log() { echo "tanky-install: $*"; }
svc() { if [ -n "$systemctl_cmd" ]; then $systemctl_cmd "$@"; else log "(dry run) systemctl $*"; fi; }
# Runs a hub command as the service user, so files it creates in the data dir stay the hub's.
as_tanky() { if $as_root; then (cd / && runuser -u tanky -- "$@"); else "$@"; fi; }
# The same in /etc/tanky, so the command reads the site's appsettings.json as the service does.
as_tanky_etc() { if $as_root; then (cd "$etc" && runuser -u tanky -- "$@"); else (cd "$etc" && "$@"); fi; }

# 1. Unpack the release (a .tar.gz made by publish.sh, or its folder).
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
if [ -f "$source_arg" ]; then
  tar -C "$work" -xzf "$source_arg"
  tree=$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -1)
else
  tree="$source_arg"
fi
[ -x "$tree/bin/tanky-hub" ] && [ -f "$tree/VERSION" ] || { echo "install.sh: $source_arg is not a tanky release (bin/tanky-hub, VERSION)" >&2; exit 1; }
version=$(tr -dc 'A-Za-z0-9._+-' < "$tree/VERSION")
# The binary must run on this machine (wrong architecture, missing libraries) before anything changes.
"$tree/bin/tanky-hub" --version >/dev/null || { echo "install.sh: $tree/bin/tanky-hub does not run here" >&2; exit 1; }

# 2. User, groups and folders.
if $as_root; then
  for g in gpio i2c audio; do getent group "$g" >/dev/null || groupadd --system "$g"; done
  id tanky >/dev/null 2>&1 || useradd --system --no-create-home --home-dir "$data" --shell /usr/sbin/nologin --groups gpio,i2c,audio tanky
else
  log "(dry run) user tanky and groups gpio i2c audio"
fi
mkdir -p "$opt" "$data" "$etc" "$backups" "$unit_dir" "$data/schedules"
chmod 0750 "$data" "$etc" "$backups"
if $as_root; then chown tanky:tanky "$data" "$data/schedules" "$backups"; chown root:tanky "$etc"; fi
first_config=false
if [ ! -f "$etc/appsettings.json" ]; then
  first_config=true
  cp "$tree/deploy/appsettings.sample.json" "$etc/appsettings.json"
  chmod 0640 "$etc/appsettings.json"; $as_root && chown root:tanky "$etc/appsettings.json"
  if [ "$broker" = mosquitto ]; then
    # The field broker is Mosquitto; the embedded one stays for the demo, tests and small sites.
    sed -i "s|\"Mode\": \"Embedded\",|\"Mode\": \"External\",\n    \"External\": { \"SyncDirectory\": \"$mqdir\" },|" "$etc/appsettings.json"
    grep -q '"Mode": "External"' "$etc/appsettings.json" || { echo "install.sh: could not set Broker:Mode=External in $etc/appsettings.json" >&2; exit 1; }
  fi
  log "wrote $etc/appsettings.json (edit it: Hub:Site, Broker:BindAddress, Http:Urls, TLS)"
fi
external=false
grep -q '"Mode": *"External"' "$etc/appsettings.json" && external=true

# 2a. HTTPS. Browsers give the microphone (push-to-talk) only to secure pages, so a phone needs
# https:// and a certificate it trusts: a local CA the phone installs once from the console's
# page /certificate (served over plain HTTP too). A real certificate in appsettings.json wins.
tls_dir="$etc/tls"
real_cert=false
grep -o '"CertificateFile": *"[^"]*"' "$etc/appsettings.json" | grep -vq "\"$tls_dir/hub.pem\"" && real_cert=true
if [ "$tls" = auto ]; then
  if $first_config && ! $real_cert; then tls=local
  elif [ -f "$tls_dir/hub.pem" ]; then tls=keep
  else tls=none; fi
fi
if [ "$tls" = local ] || [ "$tls" = keep ]; then
  group=tanky; $as_root || group=none
  renew=(); [ "$tls" = local ] && [ -n "$tls_names" ] && renew=(--renew)
  bash "$tree/deploy/make-cert.sh" --dir "$tls_dir" --group "$group" --names "$tls_names" "${renew[@]}"
fi
if [ "$tls" = local ] && ! grep -q '"CaCertificateFile"' "$etc/appsettings.json"; then
  # Plain HTTP on every address too (devices, the CA download), console pages redirected to HTTPS.
  sed -i -E "s|\"Urls\": *\"http://[^:\"]+:([0-9]+)\"(,?)|\"Urls\": \"http://*:\\1;https://*:$https_port\",\n    \"CertificateFile\": \"$tls_dir/hub.pem\",\n    \"CaCertificateFile\": \"$tls_dir/ca.crt\",\n    \"RedirectToHttps\": true\\2|" "$etc/appsettings.json"
  grep -q '"CaCertificateFile"' "$etc/appsettings.json" || { echo "install.sh: could not add HTTPS to Http in $etc/appsettings.json (its Urls is not a single http:// address); see operations.md" >&2; exit 1; }
  log "HTTPS on port $https_port with $tls_dir/hub.pem; phones install the CA from http://$(hostname -s 2>/dev/null || hostname):<http port>/certificate"
fi

# 2b. Mosquitto (External mode): the package, and the directory the hub keeps its users and ACL in.
if $external; then
  if dpkg-query -W -f='${Status}' mosquitto 2>/dev/null | grep -q "install ok installed"; then
    :
  elif [ -n "$apt_cmd" ]; then
    DEBIAN_FRONTEND=noninteractive $apt_cmd install -y -qq --no-install-recommends mosquitto
  else
    log "(dry run) apt-get install mosquitto"
  fi
  mkdir -p "$mqdir" "$(dirname "$mqconf")"
  # setgid: files the hub writes get group mosquitto, which reads them after dropping root.
  chmod 2750 "$mqdir"
  if $as_root; then chown tanky:mosquitto "$mqdir"; fi
fi

# 3. The new version, side by side with the old one.
target="$opt/$version"
previous=""
[ -L "$opt/current" ] && previous=$(readlink "$opt/current")
if [ "$previous" = "$version" ]; then
  log "version $version is already installed and current; nothing to do"
  exit 0
fi
rm -rf "$target" && cp -a "$tree" "$target.new" && mv "$target.new" "$target"
$as_root && chown -R root:root "$target"
install -m 0644 "$tree/deploy/tanky-hub.service" "$unit_dir/tanky-hub.service"
if $external; then
  install -m 0644 "$tree/deploy/tanky-mosquitto-reload.path" "$tree/deploy/tanky-mosquitto-reload.service" "$unit_dir/"
  mkdir -p "$unit_dir/mosquitto.service.d"
  install -m 0644 "$tree/deploy/mosquitto-tanky.conf" "$unit_dir/mosquitto.service.d/tanky.conf"
fi
svc daemon-reload

switch_to() { ln -sfn "$1" "$opt/current.tmp" && mv -Tf "$opt/current.tmp" "$opt/current"; }

# Mosquitto's config from the site's settings (written by the hub as tanky, installed as root's:
# a hub that could write it could make Mosquitto load a plugin as root), the users and ACL from
# the registry, then a restart so Mosquitto reads them. Runs after the switch: the CLI migrates
# the database, which an upgrade does only after its backup.
setup_mosquitto() {
  $external || return 0
  local tmp; tmp=$(mktemp -d)
  if $as_root; then chown tanky "$tmp" || return 1; fi
  as_tanky_etc "$opt/current/bin/tanky-hub" broker mosquitto-conf --out "$tmp/tanky.conf" --sync-dir "$mqdir" --data-dir "$data" || return 1
  install -m 0644 "$tmp/tanky.conf" "$mqconf" || return 1
  rm -rf "$tmp"
  as_tanky_etc "$opt/current/bin/tanky-hub" broker sync-mosquitto --sync-dir "$mqdir" --data-dir "$data" || return 1
  svc enable --now tanky-mosquitto-reload.path || return 1
  svc enable mosquitto.service || return 1
  svc restart mosquitto.service || return 1
  log "mosquitto: $mqconf, users and ACL in $mqdir (kept in step by the hub)"
}

healthy() {
  local deadline=$(( $(date +%s) + ${HEALTH_TIMEOUT:-60} ))
  while [ "$(date +%s)" -le "$deadline" ]; do
    if [ -n "${HEALTH_CMD:-}" ]; then
      bash -c "$HEALTH_CMD" >/dev/null 2>&1 && return 0
    elif command -v curl >/dev/null; then
      curl -fsS --max-time 5 "$health_url" 2>/dev/null | grep -q '"ok"' && return 0
    else
      wget -qO- -T 5 "$health_url" 2>/dev/null | grep -q '"ok"' && return 0
    fi
    sleep 2
  done
  return 1
}

# 4. First install: switch, enable, start.
if [ -z "$previous" ]; then
  switch_to "$version"
  setup_mosquitto || { echo "install.sh: $version installed but setting up mosquitto failed (see above)" >&2; exit 1; }
  svc enable --now tanky-hub.service
  if healthy; then log "installed $version; the hub is healthy"; exit 0; fi
  echo "install.sh: $version installed but the health check failed: journalctl -u tanky-hub -n 100" >&2
  exit 1
fi

# 5. Upgrade: back up with the running (old) hub, switch, restart, check; roll back on failure.
backup="$backups/pre-upgrade-$previous-to-$version-$(date -u +%Y%m%d-%H%M%S).tar.gz"
as_tanky "$opt/$previous/bin/tanky-hub" backup "$backup" --no-archive --data-dir "$data"
log "backup before the upgrade: $backup"
switch_to "$version"
started=false
if setup_mosquitto; then svc restart tanky-hub.service && started=true; fi
if $started && healthy; then
  log "upgraded $previous -> $version; the hub is healthy"
  # Old versions beyond --keep go; the previous one always stays for a manual rollback.
  find "$opt" -mindepth 1 -maxdepth 1 -type d ! -name "$version" ! -name "$previous" -printf '%T@ %p\n' \
    | sort -rn | tail -n +"$((keep - 1))" | cut -d' ' -f2- | xargs -r rm -rf
  exit 0
fi

echo "install.sh: $version failed its health check; rolling back to $previous" >&2
svc stop tanky-hub.service
switch_to "$previous"
as_tanky "$opt/$previous/bin/tanky-hub" restore "$backup" --database-only --data-dir "$data"
svc start tanky-hub.service
if healthy; then
  echo "install.sh: rolled back to $previous (healthy); $version stays in $target for diagnosis" >&2
else
  echo "install.sh: rolled back to $previous but it is not healthy either: journalctl -u tanky-hub -n 100" >&2
fi
exit 1
