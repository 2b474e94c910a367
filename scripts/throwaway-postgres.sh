#!/usr/bin/env bash
# Throwaway PostgreSQL for tests: a private cluster in a fresh temporary folder,
# listening on 127.0.0.1 only, trust auth, fsync off. Nothing here is for real data.
#
# Usage:
#   eval "$(scripts/throwaway-postgres.sh)"        # start (or reuse $THROWAWAY_PG_DIR if it runs)
#   cargo test ...                                  # uses $TEST_DATABASE_URL
#   scripts/throwaway-postgres.sh stop              # stops $THROWAWAY_PG_DIR and deletes it
#   scripts/throwaway-postgres.sh stop DIR          # stops the instance in DIR
#   scripts/throwaway-postgres.sh stop-all          # stops every /tmp/throwaway-pg.* instance
#   scripts/throwaway-postgres.sh status [DIR]
#   scripts/throwaway-postgres.sh stop-when-gone PID DIR   # waits for PID to exit, then stops DIR
#
# `start` prints only shell assignments on stdout (progress goes to stderr):
#   export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:PORT/returndesk_test
#   export THROWAWAY_PG_DIR=/tmp/throwaway-pg.XXXXXX
# Env: THROWAWAY_PG_DB (database name, default returndesk_test),
#      THROWAWAY_PG_FRESH=1 (always start a new instance even if $THROWAWAY_PG_DIR runs),
#      THROWAWAY_PG_STOP_WITH=PID (stop and delete the new instance once process PID ends:
#      a `cargo test` binary that started its own server leaves none behind).
#
# Works on a bare Debian: installs the `postgresql` package when no initdb is found.
# initdb refuses to run as root, so as root the cluster belongs to the `postgres`
# system user (created when missing); as any other user it belongs to that user.
set -euo pipefail

DB_NAME="${THROWAWAY_PG_DB:-returndesk_test}"
PREFIX="${TMPDIR:-/tmp}/throwaway-pg."

log() { printf 'throwaway-postgres: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

find_bindir() {
    local d
    if [[ -n "${PG_BINDIR:-}" && -x "${PG_BINDIR}/initdb" ]]; then echo "$PG_BINDIR"; return 0; fi
    # Newest Debian server first (/usr/lib/postgresql/<major>/bin), then PATH.
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5 -rn); do
        if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then echo "$d"; return 0; fi
    done
    if command -v initdb >/dev/null 2>&1; then
        d="$(dirname "$(readlink -f "$(command -v initdb)")")"
        if [[ -x "$d/pg_ctl" ]]; then echo "$d"; return 0; fi
    fi
    return 1
}

ensure_server_installed() {
    local bindir
    if bindir="$(find_bindir)"; then echo "$bindir"; return 0; fi
    [[ $EUID -eq 0 ]] || die "PostgreSQL server not found and not root: install Debian's 'postgresql' package"
    log "installing Debian's postgresql (initdb not found)..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # The package's own 'main' cluster is not used by this script.
    apt-get install -y -qq --no-install-recommends postgresql >&2
    bindir="$(find_bindir)" || die "postgresql installed but initdb still not found"
    echo "$bindir"
}

# Who owns and runs the cluster.
RUN_AS=""
setup_user() {
    if [[ $EUID -eq 0 ]]; then
        RUN_AS=postgres
        if ! id -u "$RUN_AS" >/dev/null 2>&1; then
            log "creating system user $RUN_AS"
            useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash "$RUN_AS" >&2 \
                || die "could not create user $RUN_AS"
        fi
    fi
}

as_owner() {
    # Run from inside the instance folder so the owner can always read the cwd.
    if [[ -n "$RUN_AS" ]]; then
        (cd "$INSTANCE" && runuser -u "$RUN_AS" -- "$@")
    else
        (cd "$INSTANCE" && "$@")
    fi
}

instance_port() { cat "$1/port" 2>/dev/null || true; }

is_running() {
    # pg_ctl refuses to run as root, so look at the postmaster's pid and port directly.
    local dir="$1" pid port
    [[ -f "$dir/data/postmaster.pid" ]] || return 1
    pid="$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null)" || return 1
    port="$(instance_port "$dir")"
    [[ -n "$pid" && -n "$port" ]] && kill -0 "$pid" 2>/dev/null && port_in_use "$port"
}

print_env() {
    local dir="$1" port
    port="$(instance_port "$dir")"
    echo "export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:${port}/${DB_NAME}"
    echo "export THROWAWAY_PG_DIR=${dir}"
    echo "# stop with: $0 stop ${dir}"
}

port_in_use() {
    # A successful TCP connect means something is listening.
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

random_port() { echo $(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 )); }

cmd_start() {
    if [[ -z "${THROWAWAY_PG_FRESH:-}" && -n "${THROWAWAY_PG_DIR:-}" ]] && is_running "$THROWAWAY_PG_DIR"; then
        log "reusing running instance $THROWAWAY_PG_DIR"
        print_env "$THROWAWAY_PG_DIR"
        return 0
    fi

    local bindir
    bindir="$(ensure_server_installed)"
    setup_user

    INSTANCE="$(mktemp -d "${PREFIX}XXXXXX")"
    trap 'cleanup_failed' EXIT
    mkdir -p "$INSTANCE/sock"
    echo "$bindir" >"$INSTANCE/bindir"
    chmod 755 "$INSTANCE"
    [[ -n "$RUN_AS" ]] && chown -R "$RUN_AS:" "$INSTANCE"

    log "initdb in $INSTANCE/data ($bindir)"
    as_owner "$bindir/initdb" -D "$INSTANCE/data" -U postgres --auth=trust \
        -E UTF8 --locale=C --no-sync --no-instructions >"$INSTANCE/initdb.log" 2>&1 \
        || { cat "$INSTANCE/initdb.log" >&2; die "initdb failed"; }

    local port attempt started=""
    for attempt in 1 2 3 4 5 6 7 8; do
        port="$(random_port)"
        port_in_use "$port" && continue
        if as_owner "$bindir/pg_ctl" -D "$INSTANCE/data" -l "$INSTANCE/server.log" -w -t 15 \
            -o "-p $port -c listen_addresses=127.0.0.1 -k $INSTANCE/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null 2>&1; then
            started=1
            break
        fi
        log "port $port failed (attempt $attempt), retrying"
        as_owner "$bindir/pg_ctl" -D "$INSTANCE/data" -m immediate stop >/dev/null 2>&1 || true
    done
    [[ -n "$started" ]] || { tail -n 20 "$INSTANCE/server.log" >&2 || true; die "server did not start"; }
    echo "$port" >"$INSTANCE/port"

    as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DB_NAME" \
        || die "createdb $DB_NAME failed"

    trap - EXIT
    if [[ -n "${THROWAWAY_PG_STOP_WITH:-}" ]]; then
        setsid bash "$0" stop-when-gone "$THROWAWAY_PG_STOP_WITH" "$INSTANCE" </dev/null >/dev/null 2>&1 &
    fi
    log "running on 127.0.0.1:$port, database $DB_NAME, folder $INSTANCE"
    print_env "$INSTANCE"
}

cleanup_failed() {
    local rc=$?
    if [[ $rc -ne 0 && -n "${INSTANCE:-}" && -d "$INSTANCE" ]]; then
        stop_dir "$INSTANCE" || true
    fi
}

stop_dir() {
    local dir="$1" bindir
    [[ -n "$dir" ]] || die "stop: no folder given and THROWAWAY_PG_DIR is not set"
    case "$dir" in "$PREFIX"*|/tmp/throwaway-pg.*) ;; *) die "stop: $dir is not a throwaway-pg folder";; esac
    if [[ ! -d "$dir" ]]; then log "$dir: already gone"; return 0; fi
    if [[ -d "$dir/data" ]] && bindir="$(cat "$dir/bindir" 2>/dev/null)"; then
        INSTANCE="$dir"
        if [[ $EUID -eq 0 ]] && id -u postgres >/dev/null 2>&1 && [[ "$(stat -c %U "$dir/data")" == postgres ]]; then
            RUN_AS=postgres
        fi
        as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 15 stop >/dev/null 2>&1 \
            || as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf -- "$dir"
    log "stopped and removed $dir"
}

cmd_status() {
    local dir="${1:-${THROWAWAY_PG_DIR:-}}"
    [[ -n "$dir" ]] || die "status: no folder given and THROWAWAY_PG_DIR is not set"
    if is_running "$dir"; then
        log "$dir: running on 127.0.0.1:$(instance_port "$dir")"
        print_env "$dir"
    else
        log "$dir: not running"; return 1
    fi
}

case "${1:-start}" in
    start) cmd_start ;;
    stop) stop_dir "${2:-${THROWAWAY_PG_DIR:-}}" ;;
    stop-all)
        shopt -s nullglob
        for d in "$PREFIX"*; do stop_dir "$d"; done ;;
    status) cmd_status "${2:-}" ;;
    stop-when-gone)
        [[ -n "${2:-}" && -n "${3:-}" ]] || die "stop-when-gone PID DIR"
        while kill -0 "$2" 2>/dev/null; do sleep 2; done
        stop_dir "$3" ;;
    -h|--help|help) sed -n '2,20p' "$0" ;;
    *) die "unknown command '$1' (start | stop [DIR] | stop-all | status [DIR])" ;;
esac
