#!/usr/bin/env bash
# Runs every Fieldlink test on a fresh Debian machine: installs what the tests need, starts a throwaway
# PostgreSQL on a free port, runs `dotnet test` on the solution, stops PostgreSQL and removes its files, and
# exits with dotnet test's status. Extra arguments go to dotnet test, e.g. ./test.sh --filter Sqlite.
# Run as root, or as a user who may sudo.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# The postgres user runs from / because it may not be allowed into the checkout.
if [[ $(id -u) -eq 0 ]]; then
    sudo=()
    as_postgres() { (cd / && runuser -u postgres -- "$@"); }
elif command -v sudo >/dev/null; then
    sudo=(sudo)
    as_postgres() { (cd / && sudo -u postgres -- "$@"); }
else
    echo "test.sh: run as root, or install sudo: the tests need packages and a server run as the postgres user." >&2
    exit 1
fi

if ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
    echo "test.sh: the .NET 10 SDK is missing. Install it (https://learn.microsoft.com/dotnet/core/install/linux-debian) and run ./test.sh again." >&2
    exit 1
fi

# The newest installed PostgreSQL's bin directory; Debian keeps each version's server binaries off the PATH.
postgres_bin() {
    local dir
    dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
    [[ -n $dir && -x $dir/initdb ]] && echo "$dir"
}

missing=()
postgres_bin >/dev/null || missing+=(postgresql)
# Mosquitto's tests run the broker and the command-line clients; mosquitto lives in /usr/sbin, off a user's PATH.
command -v mosquitto >/dev/null || [[ -x /usr/sbin/mosquitto ]] || missing+=(mosquitto)
command -v mosquitto_pub >/dev/null || missing+=(mosquitto-clients)
# The browser tests (tests/Fieldlink.Web.Tests) drive Debian's Chromium; Playwright never downloads a browser.
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
if ((${#missing[@]} > 0)); then
    echo "test.sh: installing ${missing[*]}"
    "${sudo[@]}" apt-get update -q </dev/null
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
fi
pg_bin=$(postgres_bin) || { echo "test.sh: no PostgreSQL server found under /usr/lib/postgresql/<version>/bin." >&2; exit 1; }

# Named without "fieldlink": these paths are on the command lines of PostgreSQL and dotnet test, and a
# `pkill -f fieldlink` meant for a running server would stop them too (dotnet test then exits 0, silently).
pg_dir=$(mktemp -d -t test-postgres.XXXXXX)
results=$(mktemp -d -t test-results.XXXXXX)
cleanup() {
    if [[ -f $pg_dir/data/postmaster.pid ]]; then
        as_postgres "$pg_bin/pg_ctl" stop -D "$pg_dir/data" -m immediate -w >/dev/null 2>&1 || true
    fi
    "${sudo[@]}" rm -rf "$pg_dir" || true
    rm -rf "$results" || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"${sudo[@]}" chown postgres: "$pg_dir"
as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C --no-sync >"$results/initdb.log" \
    || { cat "$results/initdb.log" >&2; exit 1; }

# Whether something listens on the port, read from the kernel's tables so a bare machine needs no extra tool.
listening() {
    { cat /proc/net/tcp /proc/net/tcp6 2>/dev/null || true; } |
        awk -v port="$(printf '%04X' "$1")" '$4 == "0A" && $2 ~ (":" port "$") { found = 1 } END { exit !found }'
}

# Another process can take a port between the check and the start, so a failed start tries another one.
# The ports come from below Linux's ephemeral range, where outgoing connections take theirs.
port=
for _ in 1 2 3 4 5; do
    candidate=$((20000 + RANDOM % 12000))
    listening "$candidate" && continue
    if as_postgres "$pg_bin/pg_ctl" start -D "$pg_dir/data" -l "$pg_dir/postgres.log" -w -t 60 -o \
        "-c listen_addresses=127.0.0.1 -p $candidate -k '$pg_dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        >/dev/null; then
        port=$candidate
        break
    fi
done
if [[ -z $port ]]; then
    echo "test.sh: PostgreSQL did not start:" >&2
    "${sudo[@]}" cat "$pg_dir/postgres.log" >&2 || true
    exit 1
fi
# pg_ctl -w has waited for the server through its socket; this says it also takes connections over TCP.
"$pg_bin/pg_isready" -h 127.0.0.1 -p "$port"

export FIELDLINK_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# MSBuild's worker processes end with the build instead of lingering for the next one.
export MSBUILDDISABLENODEREUSE=1

status=0
if dotnet restore Fieldlink.slnx; then
    dotnet test Fieldlink.slnx --no-restore --logger "console;verbosity=normal" --logger trx --results-directory "$results" "$@" || status=$?
else
    status=$?
fi

mapfile -t trx < <(find "$results" -name '*.trx')

# The tests that failed, each with the start of its message and stack, so the end of the output names them
# even when the console log above is cut.
if ((${#trx[@]} > 0)); then
    awk '
        function unescape(s) {
            gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s); gsub(/&apos;/, "\047", s)
            gsub(/&#xD;/, "", s); gsub(/&#xA;/, "\n", s); gsub(/&amp;/, "\\&", s)
            return s
        }
        /<UnitTestResult / {
            failed = $0 ~ /outcome="(Failed|Error|Timeout|Aborted)"/
            if (failed) {
                name = $0; sub(/.*testName="/, "", name); sub(/".*/, "", name)
                printf "\nFAILED %s\n", unescape(name)
                failures++
            }
            inmsg = 0; instack = 0
        }
        failed && /<Message>/ { inmsg = 1; lines = 0 }
        failed && /<StackTrace>/ { instack = 1; lines = 0 }
        (inmsg || instack) && lines < (inmsg ? 20 : 8) {
            line = $0; gsub(/<\/?(Message|StackTrace)>/, "", line)
            print "  " unescape(line); lines++
        }
        /<\/Message>/ { inmsg = 0 }
        /<\/StackTrace>/ { instack = 0 }
        /<\/UnitTestResult>/ { failed = 0 }
        END { if (failures > 0) printf "\n%d failed test(s), listed above\n", failures }
    ' "${trx[@]}"
fi
# One line for people and CI to read: the counters of every test project's TRX file, added up.
if ((${#trx[@]} == 0)); then
    # No results is never a pass, even when dotnet test says so.
    echo "test.sh: dotnet test wrote no results; see its output above." >&2
    echo "0 passed, 0 failed"
    ((status != 0)) || status=1
else
    awk '
        /<Counters / {
            for (i = 1; i <= NF; i++) {
                if (split($i, pair, "=") == 2) {
                    gsub(/[^0-9]/, "", pair[2])
                    count[pair[1]] += pair[2]
                }
            }
        }
        END {
            line = sprintf("%d passed, %d failed", count["passed"], count["failed"] + count["error"] + count["timeout"] + count["aborted"])
            if (count["notExecuted"] > 0) line = line sprintf(", %d skipped", count["notExecuted"])
            print line
        }' "${trx[@]}"
fi
if ((status != 0)); then
    echo "test.sh: dotnet test exited with status $status (a build error, a failed test or a crashed test host; see above)." >&2
fi
exit "$status"
