#!/usr/bin/env bash
# Makes the gateway's local certificate authority and its HTTPS server certificate (openssl).
# Called by install.sh when no real certificate is configured; can be run by hand to add a name:
#
#   sudo /opt/tanky/current/deploy/make-cert.sh --dir /etc/tanky/tls --names "loa.tanky.lan,10.0.0.5"
#
# Writes into DIR:
#   ca.crt   the CA certificate (public; phones install it from the console page /certificate)
#   ca.key   the CA private key, mode 0600, owner root: only this script reads it (re-issuing)
#   hub.crt  the server certificate, signed by the CA
#   hub.pem  hub.crt + its private key (the hub's Http:CertificateFile), mode 0640, group --group
# An existing CA is kept (phones that trust it keep working); the server certificate is re-issued
# when --renew is given or when it is missing.
#
# Names in the certificate (subjectAltName): the host name and its .local/.lan forms, 'localhost',
# every IPv4 address of `hostname -I`, 127.0.0.1, and --names (comma-separated names or addresses).
# The CA carries name constraints: it can vouch only for those names, .local/.lan names and
# private or loopback IPv4 addresses, so a phone that trusts it trusts nothing on the Internet
# through it even if its key were stolen.
#
# Options: --dir DIR (required), --names LIST, --group G (default tanky; none: no chown),
#          --renew, --days N (server certificate, default 825: Apple's limit), --hostname H and
#          --addresses "A B" (instead of `hostname`/`hostname -I`, for tests).
# Nothing secret is printed: only file names and the certificate's names and fingerprint.
set -euo pipefail

dir="" names="" group=tanky renew=false days=825 host="" addresses="" addresses_set=false
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --names) names="$2"; shift 2 ;;
    --group) group="$2"; shift 2 ;;
    --renew) renew=true; shift ;;
    --days) days="$2"; shift 2 ;;
    --hostname) host="$2"; shift 2 ;;
    --addresses) addresses="$2"; addresses_set=true; shift 2 ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "make-cert.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$dir" ] || { echo "usage: make-cert.sh --dir DIR [--names LIST] [--group G] [--renew]" >&2; exit 2; }
command -v openssl >/dev/null || { echo "make-cert.sh: openssl is missing (apt-get install openssl)" >&2; exit 1; }
[ -n "$host" ] || host=$(hostname -s 2>/dev/null || hostname)
$addresses_set || addresses=$(hostname -I 2>/dev/null || true)
case "$host" in *[!A-Za-z0-9.-]*|"") echo "make-cert.sh: host name '$host' is not a DNS name" >&2; exit 1 ;; esac

is_ipv4() { [[ "$1" =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}$ ]]; }
is_ip() { is_ipv4 "$1" || [[ "$1" == *:* ]]; }

# The subjectAltName list, without duplicates: DNS:… and IP:… entries.
sans=() seen=" "
add() { case "$seen" in *" $1 "*) ;; *) sans+=("$1"); seen="$seen$1 " ;; esac; }
add "DNS:$host"; add "DNS:$host.local"; add "DNS:$host.lan"; add "DNS:localhost"; add "IP:127.0.0.1"
for a in $addresses; do is_ipv4 "$a" && add "IP:$a"; done
IFS=',' read -r -a extra <<< "$names"
for n in "${extra[@]}"; do
  n="${n// /}"; [ -n "$n" ] || continue
  if is_ip "$n"; then add "IP:$n"
  elif [[ "$n" =~ ^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$ ]]; then add "DNS:$n"
  else echo "make-cert.sh: '$n' is neither a DNS name nor an IP address" >&2; exit 2
  fi
done
san_list=$(IFS=,; echo "${sans[*]}")

mkdir -p "$dir"
chmod 0750 "$dir"
umask 077
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

# 1. The CA, once. Its constraints: the DNS names above, .local/.lan, private and loopback IPv4,
# and any other address given now (an IPv6 address exactly).
if [ ! -f "$dir/ca.key" ] || [ ! -f "$dir/ca.crt" ]; then
  constraints="permitted;DNS:local,permitted;DNS:lan"
  for s in "${sans[@]}"; do
    case "$s" in
      DNS:*.local|DNS:*.lan) ;;
      DNS:*) constraints="$constraints,permitted;$s" ;;
    esac
  done
  for net in 10.0.0.0/255.0.0.0 172.16.0.0/255.240.0.0 192.168.0.0/255.255.0.0 127.0.0.0/255.0.0.0 100.64.0.0/255.192.0.0; do
    constraints="$constraints,permitted;IP:$net"
  done
  for s in "${sans[@]}"; do
    case "$s" in
      IP:*:*) constraints="$constraints,permitted;$s/ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" ;;
      IP:*) constraints="$constraints,permitted;$s/255.255.255.255" ;;
    esac
  done
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/ca.key" 2>/dev/null
  cat > "$work/ca.cnf" <<EOF
[req]
distinguished_name = dn
prompt = no
x509_extensions = ca
[dn]
CN = TanKy $host CA (truyen thanh xa)
O = TanKy
[ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
nameConstraints = critical, $constraints
EOF
  openssl req -x509 -new -key "$work/ca.key" -sha256 -days 3650 -config "$work/ca.cnf" -out "$work/ca.crt"
  install -m 0600 "$work/ca.key" "$dir/ca.key"
  install -m 0644 "$work/ca.crt" "$dir/ca.crt"
  echo "make-cert: new certificate authority $dir/ca.crt"
  renew=true
fi

# 2. The server certificate, signed by the CA.
if $renew || [ ! -f "$dir/hub.pem" ]; then
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/hub.key" 2>/dev/null
  cat > "$work/hub.cnf" <<EOF
[req]
distinguished_name = dn
prompt = no
[dn]
CN = $host
O = TanKy
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = $san_list
EOF
  openssl req -new -key "$work/hub.key" -config "$work/hub.cnf" -out "$work/hub.csr"
  openssl x509 -req -in "$work/hub.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -CAserial "$work/ca.srl" \
    -sha256 -days "$days" -extfile "$work/hub.cnf" -extensions server -out "$work/hub.crt" 2>/dev/null
  cat "$work/hub.crt" "$dir/ca.crt" "$work/hub.key" > "$work/hub.pem"
  install -m 0644 "$work/hub.crt" "$dir/hub.crt"
  install -m 0640 "$work/hub.pem" "$dir/hub.pem"
  echo "make-cert: server certificate $dir/hub.pem for $san_list"
fi

if [ "$group" != none ]; then
  chown root:"$group" "$dir" "$dir/hub.pem" "$dir/hub.crt" "$dir/ca.crt"
  chown root:root "$dir/ca.key"
fi
echo "make-cert: CA fingerprint $(openssl x509 -in "$dir/ca.crt" -noout -fingerprint -sha256 | cut -d= -f2)"
