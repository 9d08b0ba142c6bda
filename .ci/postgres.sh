#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for segmentation-io's PostgreSQL test and prints the variables it reads:
#
#   eval "$(bash .ci/postgres.sh)"      # start; exports SEGMENTATION_PG_URL, _USER, _PASSWORD, _DATA
#   bash .ci/postgres.sh stop           # stop the server started above and delete its folder
#
# The cluster lives in a temporary folder, listens on 127.0.0.1 only (a free port) and runs as the postgres user
# when this script runs as root. Debian's server binaries (/usr/lib/postgresql/<version>/bin) are used; when they
# are missing and this runs as root, the postgresql package is installed with apt-get.
#
# It FAILS SOFT: when anything is missing or goes wrong it says why on stderr, prints no export line and exits 0,
# so the test skips (with its reason) instead of breaking the build. Only export lines go to stdout.
set -u

say() { echo "postgres.sh: $*" >&2; }
give_up() { say "$* - the PostgreSQL test will be skipped"; exit 0; }

as_owner() {
    # runs a command as the cluster's owner: postgres when we are root (the server refuses to run as root)
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

find_bin() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
        if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ]; then
            echo "$d"
            return 0
        fi
    done
    return 1
}

if [ "${1:-}" = stop ]; then
    data="${SEGMENTATION_PG_DATA:-}"
    if [ -z "$data" ] || [ ! -d "$data" ]; then
        exit 0
    fi
    bin="$(find_bin)" || exit 0
    as_owner "$bin/pg_ctl" -D "$data/cluster" -m fast -w stop >/dev/null 2>&1 || say "could not stop the server in $data"
    rm -rf "$data"
    say "stopped the server in $data"
    exit 0
fi

bin="$(find_bin)"
if [ -z "$bin" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "no PostgreSQL server binaries in /usr/lib/postgresql: installing the postgresql package"
        export DEBIAN_FRONTEND=noninteractive
        { timeout 300 apt-get install -y -q --no-install-recommends postgresql \
            || { timeout 300 apt-get update -q && timeout 300 apt-get install -y -q --no-install-recommends postgresql; }
        } >&2 || give_up "apt-get could not install postgresql"
        bin="$(find_bin)" || give_up "postgresql was installed but /usr/lib/postgresql/*/bin/initdb is still missing"
    else
        give_up "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin (and not root to install them)"
    fi
fi
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || give_up "there is no postgres user to run the server as"
    command -v runuser >/dev/null 2>&1 || give_up "runuser is missing"
fi

data="$(mktemp -d /tmp/segmentation-pg.XXXXXX)" || give_up "cannot create a temporary folder"
cleanup_failed() { as_owner "$bin/pg_ctl" -D "$data/cluster" -m immediate stop >/dev/null 2>&1; rm -rf "$data"; }
chmod 700 "$data"
password="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
printf '%s\n' "$password" > "$data/pwfile"
if [ "$(id -u)" = 0 ]; then
    chown -R postgres: "$data" || { cleanup_failed; give_up "cannot give $data to the postgres user"; }
fi

user=segmentation
if ! as_owner "$bin/initdb" -D "$data/cluster" -U "$user" --pwfile="$data/pwfile" -E UTF8 --locale=C \
        --auth-local=trust --auth-host=scram-sha-256 >"$data/initdb.log" 2>&1; then
    tail -5 "$data/initdb.log" >&2
    cleanup_failed
    give_up "initdb failed"
fi

# a free loopback port: the first of a range that nothing listens on
port=""
for p in $(seq 55432 55499); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
        port=$p
        break
    fi
done
[ -n "$port" ] || { cleanup_failed; give_up "no free port in 55432-55499"; }

if ! as_owner "$bin/pg_ctl" -D "$data/cluster" -l "$data/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null 2>&1; then
    tail -5 "$data/server.log" >&2 2>/dev/null
    cleanup_failed
    give_up "the server did not start"
fi
if ! as_owner "$bin/createdb" -h "$data" -p "$port" -U "$user" segmentation >/dev/null 2>"$data/createdb.log"; then
    cat "$data/createdb.log" >&2
    cleanup_failed
    give_up "createdb failed"
fi

say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $data"
echo "export SEGMENTATION_PG_URL='jdbc:postgresql://127.0.0.1:$port/segmentation'"
echo "export SEGMENTATION_PG_USER='$user'"
echo "export SEGMENTATION_PG_PASSWORD='$password'"
echo "export SEGMENTATION_PG_DATA='$data'"
exit 0
