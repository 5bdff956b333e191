#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store tests, on a free loopback port.
#
#   scripts/test-postgres.sh start [DIR] [tls]
#                                          # creates (or restarts) the cluster in DIR (default: a new temp folder)
#                                          # and prints its URL: postgres://typebar:PASSWORD@127.0.0.1:PORT/postgres;
#                                          # with tls, the server also offers TLS, its certificate (for localhost and
#                                          # 127.0.0.1) signed by a CA made for it, DIR/tls/ca.crt (needs openssl)
#   scripts/test-postgres.sh stop DIR      # stops it, keeping its data (start DIR brings it back on the same port)
#   scripts/test-postgres.sh destroy DIR   # stops it and removes DIR
#   scripts/test-postgres.sh kill DIR      # stops it as a crash would (pg_ctl stop -m immediate: no shutdown, the
#                                          # next start recovers from the write-ahead log)
#   scripts/test-postgres.sh pause DIR     # freezes the server and every process of it (SIGSTOP): connections stay
#                                          # open and new ones are accepted by the kernel, but nothing answers
#   scripts/test-postgres.sh resume DIR    # lets a paused server run again (SIGCONT)
#
# initdb refuses to run as root, so as root the server runs as `nobody`, in a folder that user owns.
# Needs Debian's postgresql package (initdb and pg_ctl under /usr/lib/postgresql/VERSION/bin); exits 3 without it.
set -euo pipefail

command="${1:-}"
dir="${2:-}"
tls="${3:-}"

bindir=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then bindir="$candidate"; break; fi
done
if [ -z "$bindir" ] && command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    bindir="$(pg_config --bindir)"
fi

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u nobody -- "$@"
    else
        "$@"
    fi
}

# Runs a command with no file descriptors but the standard three: the server it starts outlives this script, and
# must not hold open anything of the caller's (a test runner watches its children's descriptors to see them exit).
without_inherited_files() {
    (
        for fd in /proc/$BASHPID/fd/*; do
            fd="${fd##*/}"
            if [ "$fd" -gt 2 ] 2>/dev/null; then eval "exec $fd>&-" 2>/dev/null || true; fi
        done
        "$@"
    )
}

free_port() {
    local port
    # Outside the kernel's ephemeral range (the ports it gives outgoing connections): while a cluster is down,
    # clients that keep connecting to its port can be given that very port as their own and connect to themselves,
    # and the restarted server then finds its port taken. Below the range when there is room, else above it.
    local low=32768 high=60999 first=20000 span
    if [ -r /proc/sys/net/ipv4/ip_local_port_range ]; then read -r low high </proc/sys/net/ipv4/ip_local_port_range; fi
    if [ "$low" -ge 12000 ]; then
        first=$((low - 10000)); span=10000
    elif [ "$high" -le 55535 ]; then
        first=$((high + 1)); span=$((65535 - high))
    else
        span=40000
    fi
    for _ in $(seq 1 200); do
        port=$((first + RANDOM % span))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
    done
    echo "test-postgres: no free port found" >&2
    exit 1
}

case "$command" in
start)
    if [ -z "$bindir" ]; then
        echo "test-postgres: PostgreSQL server binaries are missing (apt-get install postgresql)" >&2
        exit 3
    fi
    if [ -z "$dir" ]; then dir="$(mktemp -d "${TMPDIR:-/tmp}/typebar-pg.XXXXXX")"; fi
    mkdir -p "$dir"
    chmod 0755 "$dir"
    if [ "$(id -u)" -eq 0 ] && ! runuser -u nobody -- test -x "$dir"; then
        echo "test-postgres: the user nobody cannot reach $dir: use a folder whose parents others may enter" >&2
        exit 1
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/password"
        free_port >"$dir/port"
        mkdir -p "$dir/socket"
        if [ "$(id -u)" -eq 0 ]; then chown -R nobody "$dir"; fi
        as_owner "$bindir/initdb" -D "$dir/data" -U typebar --pwfile="$dir/password" \
            --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C </dev/null >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    settings="-c listen_addresses=127.0.0.1 -p $(cat "$dir/port") -c unix_socket_directories=$dir/socket -c max_connections=100 -c shared_preload_libraries=pg_stat_statements"
    if [ "$tls" = tls ] && [ ! -f "$dir/tls/server.crt" ]; then
        mkdir -p "$dir/tls"
        (
            cd "$dir/tls"
            curve=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
            openssl req -x509 "${curve[@]}" -days 3 -subj "/CN=typebar test CA" -keyout ca.key -out ca.crt
            openssl req "${curve[@]}" -subj "/CN=localhost" -keyout server.key -out server.csr
            printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >server.ext
            openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3 -extfile server.ext -out server.crt
        ) >"$dir/tls.log" 2>&1 || { cat "$dir/tls.log" >&2; exit 1; }
        chmod 0600 "$dir/tls/server.key"
        chmod 0644 "$dir/tls/ca.crt"
        if [ "$(id -u)" -eq 0 ]; then chown -R nobody "$dir/tls"; fi
    fi
    if [ -f "$dir/tls/server.crt" ]; then
        settings="$settings -c ssl=on -c ssl_cert_file=$dir/tls/server.crt -c ssl_key_file=$dir/tls/server.key"
    fi
    without_inherited_files as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 180 \
        -o "$settings" \
        start </dev/null >"$dir/pg_ctl.log" 2>&1 || { cat "$dir/pg_ctl.log" "$dir/server.log" >&2; exit 1; }
    echo "postgres://typebar:$(cat "$dir/password")@127.0.0.1:$(cat "$dir/port")/postgres"
    ;;
stop|destroy)
    if [ -z "$dir" ]; then echo "usage: $0 $command DIR" >&2; exit 2; fi
    if [ -n "$bindir" ] && [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop </dev/null >/dev/null 2>&1 || true
    fi
    if [ "$command" = destroy ]; then rm -rf "$dir"; fi
    ;;
kill)
    if [ -z "$dir" ]; then echo "usage: $0 kill DIR" >&2; exit 2; fi
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop </dev/null >/dev/null 2>&1
    ;;
pause|resume)
    if [ -z "$dir" ]; then echo "usage: $0 $command DIR" >&2; exit 2; fi
    postmaster=$(head -1 "$dir/data/postmaster.pid")
    signal=STOP
    [ "$command" = resume ] && signal=CONT
    # The postmaster and its children (backends, checkpointer, writers), each by its id.
    for pid in "$postmaster" $(ps -o pid= --ppid "$postmaster"); do kill -s "$signal" "$pid"; done
    ;;
*)
    echo "usage: $0 start [DIR] [tls] | stop DIR | destroy DIR | kill DIR | pause DIR | resume DIR" >&2
    exit 2
    ;;
esac
