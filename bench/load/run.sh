#!/usr/bin/env bash
# Puts the same load on four TLS 1.3 servers on this machine and prints LoadTool's report for each:
# the workbook's blocking TlsServer, the workbook's NioTlsServer, the JDK's SSLServerSocket, and
# nginx (Debian nginx-light, OpenSSL). Then holds 1,000 idle connections on each and reports the
# server's resident memory per connection.
#
#   bench/load/run.sh [CLIENTS] [CONNECTIONS] [HELD] [WARMUP]     (defaults 50 500 1000 200)
#
# Needs: the modules compiled (mvn -o -q -pl bench -am compile), openssl, nginx (apt-get install
# nginx-light). Every server is started here and stopped before the next one starts.
set -u
cd "$(dirname "$0")/../.."
CLIENTS=${1:-50}
CONNECTIONS=${2:-500}
HELD=${3:-1000}
WARMUP=${4:-200}
WORK=$(mktemp -d /tmp/tlsworkbook-load.XXXXXX)
trap 'kill "${SERVER_PID:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

SERVERS=${SERVERS:-"blocking nio jdk nginx"}   # a subset re-runs only those
if [ -z "${LOAD_CLASSPATH:-}" ]; then
    mvn -o -q -B -pl bench -am compile dependency:build-classpath -Dmdep.outputFile=target/load-classpath.txt \
        -Dmdep.includeScope=runtime >/dev/null
    LOAD_CLASSPATH="$(ls -d "$PWD"/*/target/classes | paste -sd:):$(cat ./*/target/load-classpath.txt | tr '\n' ':')"
fi
CP=$LOAD_CLASSPATH
JAVA_SERVER=(java -XX:+UseSerialGC -Xms64m -Xmx1g -cp "$CP")
LOAD=(java -cp "$CP" dev.tlsworkbook.bench.LoadTool 127.0.0.1)

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$WORK/key.pem" -out "$WORK/cert.pem" \
    -subj /CN=localhost -days 2 2>/dev/null

wait_port() {
    for _ in $(seq 1 1200); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "server on port $1 did not start" >&2
    exit 1
}

PORT=44301
demo() { # PORT OPTIONS…: starts the chapter 4 demo server
    "${JAVA_SERVER[@]}" dev.tlsworkbook.engine.demo.HandshakeDemo server --port "$1" --quiet \
        --cert "$WORK/cert.pem" --key "$WORK/key.pem" --max-connections 5000 --handshake-timeout 120 "${@:2}" >"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    wait_port "$1"
}

for KIND in blocking nio; do
    case " $SERVERS " in *" $KIND "*) ;; *) continue ;; esac
    OPT=(); [ "$KIND" = nio ] && OPT=(--nio)
    # --www answers one request per connection; the echo runs on a second server for the held connections.
    demo $PORT --www "${OPT[@]}"
    echo "=== workbook $KIND TlsServer"
    "${LOAD[@]}" $PORT --clients "$CLIENTS" --connections "$WARMUP" --mode http >/dev/null || true
    "${LOAD[@]}" $PORT --clients "$CLIENTS" --connections "$CONNECTIONS" --mode http --pid $SERVER_PID | tr '\r' '\n' | tail -5
    kill $SERVER_PID; wait $SERVER_PID 2>/dev/null || true
    PORT=$((PORT + 1))
    demo $PORT "${OPT[@]}"
    "${LOAD[@]}" $PORT --clients "$CLIENTS" --connections "$WARMUP" --mode echo >/dev/null || true
    "${LOAD[@]}" $PORT --clients "$HELD" --hold --mode echo --pid $SERVER_PID | tr '\r' '\n' | tail -2
    kill $SERVER_PID; wait $SERVER_PID 2>/dev/null || true
    PORT=$((PORT + 1))
done

if [[ " $SERVERS " == *" jdk "* ]]; then
"${JAVA_SERVER[@]}" dev.tlsworkbook.bench.JdkTlsServer $PORT "$WORK/cert.pem" "$WORK/key.pem" --www >"$WORK/server.log" 2>&1 &
SERVER_PID=$!; wait_port $PORT
echo "=== JDK SSLServerSocket"
"${LOAD[@]}" $PORT --clients "$CLIENTS" --connections "$WARMUP" --mode http >/dev/null || true
"${LOAD[@]}" $PORT --clients "$CLIENTS" --connections "$CONNECTIONS" --mode http --pid $SERVER_PID | tr '\r' '\n' | tail -5
kill $SERVER_PID; wait $SERVER_PID 2>/dev/null || true
PORT=$((PORT + 1))
"${JAVA_SERVER[@]}" dev.tlsworkbook.bench.JdkTlsServer $PORT "$WORK/cert.pem" "$WORK/key.pem" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!; wait_port $PORT
"${LOAD[@]}" $PORT --clients "$CLIENTS" --connections "$WARMUP" --mode echo >/dev/null || true
"${LOAD[@]}" $PORT --clients "$HELD" --hold --mode echo --pid $SERVER_PID | tr '\r' '\n' | tail -2
kill $SERVER_PID; wait $SERVER_PID 2>/dev/null || true
PORT=$((PORT + 1))
fi

# nginx: one worker process (the machine has two cores, shared with the load tool), TLS 1.3 only,
# a fixed page. It has no echo: its held connections complete the handshake and stay idle
# (--mode handshake), as nginx waits for a request.
if [[ " $SERVERS " == *" nginx "* ]]; then
cat >"$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
daemon off;
events { worker_connections 4096; }
http {
    access_log off;
    server {
        listen 127.0.0.1:$PORT ssl;
        ssl_certificate $WORK/cert.pem;
        ssl_certificate_key $WORK/key.pem;
        ssl_protocols TLSv1.3;
        keepalive_timeout 120s;
        client_header_timeout 120s;
        location / { return 200 "nginx\n"; }
    }
}
CONF
nginx -c "$WORK/nginx.conf" -p "$WORK" &
SERVER_PID=$!; wait_port $PORT
sleep 0.5
WORKER=$(pgrep -P $SERVER_PID | head -1)
echo "=== nginx (worker pid $WORKER)"
"${LOAD[@]}" $PORT --clients "$CLIENTS" --connections "$WARMUP" --mode http >/dev/null || true
"${LOAD[@]}" $PORT --clients "$CLIENTS" --connections "$CONNECTIONS" --mode http --pid "$WORKER" | tr '\r' '\n' | tail -5
"${LOAD[@]}" $PORT --clients "$HELD" --hold --mode handshake --pid "$WORKER" | tr '\r' '\n' | tail -2
kill $SERVER_PID; wait $SERVER_PID 2>/dev/null || true
fi
