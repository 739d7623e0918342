#!/usr/bin/env bash
# Records the TLS 1.2 vectors in this directory: OpenSSL's s_client talking to OpenSSL's s_server,
# and our client with a known X25519 key talking to s_server, over loopback through
# RecordingProxy.java, which writes every record that passes; OpenSSL writes its key log
# (CLIENT_RANDOM <client_random> <master_secret>). Run from anywhere; it compiles the workbook
# (mvn compile, nothing installed) for OurClient.java. See README.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=localhost -days 30 \
    -keyout "$work/ec-key.pem" -out "$work/ec-cert.pem" 2>/dev/null
openssl req -x509 -newkey rsa:2048 -sha256 -nodes -subj /CN=localhost -days 30 \
    -keyout "$work/rsa-key.pem" -out "$work/rsa-cert.pem" 2>/dev/null

# wait_for FILE REGEX: prints the first match of REGEX's group 1 once FILE holds it
wait_for() {
    for _ in $(seq 100); do
        if value=$(sed -nE "s/$2/\\1/p" "$1" | head -1) && [ -n "$value" ]; then
            echo "$value"
            return
        fi
        sleep 0.1
    done
    echo "timed out waiting for $2 in $1" >&2
    exit 1
}

# run NAME CIPHER GROUPS CERT_KIND  (RFC 8422 §5.1.1: an ECDSA certificate's curve must be among the groups)
run() {
    local name=$1 cipher=$2 group=$3 kind=$4
    openssl s_server -accept 127.0.0.1:0 -tls1_2 -naccept 1 -rev \
        -cert "$work/$kind-cert.pem" -key "$work/$kind-key.pem" >"$work/$name.s_server" 2>&1 &
    local server=$!
    local port
    port=$(wait_for "$work/$name.s_server" '^ACCEPT [^:]*:([0-9]+)$')
    java "$here/RecordingProxy.java" "$port" "$here/$name.records" >"$work/$name.proxy" 2>&1 &
    local proxy=$!
    local proxy_port
    proxy_port=$(wait_for "$work/$name.proxy" '^PROXY ([0-9]+)$')
    rm -f "$here/$name.keys"
    (printf 'hello over tls 1.2\n'; sleep 1) | openssl s_client -connect "127.0.0.1:$proxy_port" -tls1_2 \
        -cipher "$cipher" -groups "$group" -servername localhost -keylogfile "$here/$name.keys" \
        >"$here/$name.s_client" 2>&1
    wait "$proxy"
    wait "$server"
}

# run_ours NAME PRIVATE_KEY: our client (OurClient.java, ECDHE-ECDSA-AES128-GCM-SHA256, X25519) against s_server
run_ours() {
    local name=$1 private_key=$2
    openssl s_server -accept 127.0.0.1:0 -tls1_2 -naccept 1 -rev -keylogfile "$here/$name.keys" \
        -cert "$work/ec-cert.pem" -key "$work/ec-key.pem" >"$work/$name.s_server" 2>&1 &
    local server=$!
    local port
    port=$(wait_for "$work/$name.s_server" '^ACCEPT [^:]*:([0-9]+)$')
    java "$here/RecordingProxy.java" "$port" "$here/$name.records" >"$work/$name.proxy" 2>&1 &
    local proxy=$!
    local proxy_port
    proxy_port=$(wait_for "$work/$name.proxy" '^PROXY ([0-9]+)$')
    java -cp "$classpath" "$here/OurClient.java" "$proxy_port" "$private_key" >"$here/$name.client" 2>&1
    wait "$proxy"
    wait "$server"
}

root=$(cd "$here/../../../../../.." && pwd)
(cd "$root" && mvn -q -B -pl chapter05-tls12-compat -am compile dependency:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile="$work/classpath")
classpath=$(echo "$root"/chapter0{1..5}-*/target/classes | tr " " :)
classpath="$classpath:$(tr ':' '\n' <"$work/classpath" | grep -v '/dev/tlsworkbook/' | paste -sd:)"

run ecdhe-ecdsa-aes128-gcm-sha256 ECDHE-ECDSA-AES128-GCM-SHA256 X25519:P-256 ec
run ecdhe-rsa-aes256-gcm-sha384 ECDHE-RSA-AES256-GCM-SHA384 P-384 rsa
run ecdhe-ecdsa-chacha20-poly1305 ECDHE-ECDSA-CHACHA20-POLY1305 P-256 ec
# RFC 7748 §6.1: Alice's private key, so the pre-master secret is X25519(Alice, server share).
run_ours ours-ecdhe-ecdsa-aes128-gcm-sha256 77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a
{ openssl version; java -version 2>&1 | head -1; } >"$here/versions"
