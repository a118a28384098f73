#!/usr/bin/env bash
# The benchmark (not a timed test): wrk against a running stack, 64 connections, for
#   static    /static/portal.css served by nginx
#   health    /health, a worker route that touches nothing
#   login     /login, the sign-in page (a template, a pre-login cookie)
#   dashboard /dashboard of the signed-in demo user (session + counts + template)
# Each target runs BENCH_RUNS times (3) for BENCH_DURATION (10s) after a short warm-up; the
# median run (by req/s) is reported with its p50 and p99, then the dashboard/health ratio.
#
#   PORTAL_URL=http://127.0.0.1:8080 tests/bench/run.sh      (or: ./stack bench)
# Only ever aims at the local stack (127.0.0.1).
set -euo pipefail

URL=${PORTAL_URL:-http://127.0.0.1:8080}
URL=${URL%/}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
DURATION=${BENCH_DURATION:-10s}
RUNS=${BENCH_RUNS:-3}
EMAIL=${BENCH_EMAIL:-demo@ecs-portal.test}
PASSWORD=${BENCH_PASSWORD:-demo-portal-2026}

case $URL in
    http://127.*|http://localhost*|http://\[::1\]*) ;;
    *) echo "bench: refusing to load $URL (only the local stack)" >&2; exit 2 ;;
esac
command -v wrk >/dev/null || { echo "bench: wrk is not installed (apt-get install wrk)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---- sign in as the demo user with curl, keep the session cookie ---------------------------
jar=$tmp/cookies
page=$(curl -sS -c "$jar" "$URL/login")
csrf=$(printf '%s' "$page" | grep -o 'name="_csrf"[^>]*value="[^"]*"' | head -n 1 | sed 's/.*value="\([^"]*\)".*/\1/')
[ -n "$csrf" ] || { echo "bench: no _csrf on $URL/login" >&2; exit 1; }
code=$(curl -sS -b "$jar" -c "$jar" -o /dev/null -w '%{http_code}' \
    --data-urlencode "_csrf=$csrf" --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" \
    "$URL/login")
[ "$code" = 303 ] || { echo "bench: sign-in answered $code, not 303" >&2; exit 1; }
sid=$(awk '$6 == "portal_sid" {print $7}' "$jar" | tail -n 1)
[ -n "$sid" ] || { echo "bench: no portal_sid cookie after sign-in" >&2; exit 1; }
code=$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: portal_sid=$sid" "$URL/dashboard")
[ "$code" = 200 ] || { echo "bench: /dashboard with the session answered $code" >&2; exit 1; }

# ---- wrk ----------------------------------------------------------------------------------------
# to_ms VALUE: wrk's "1.23ms" / "850.00us" / "1.02s" in milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
        else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.3f", v * 60000 }
        else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
        else printf "%s", v }'
}

# run_wrk NAME PATH [HEADER]: prints "rps p50 p99 errors" of the median run.
run_wrk() {
    local name=$1 path=$2 header=${3:-} i out rps p50 p99 errs
    local hdr=()
    [ -n "$header" ] && hdr=(-H "$header")
    wrk -t"$THREADS" -c"$CONNECTIONS" -d2s "${hdr[@]}" "$URL$path" >/dev/null 2>&1 || true  # warm-up
    : >"$tmp/$name.runs"
    for i in $(seq 1 "$RUNS"); do
        out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${hdr[@]}" "$URL$path" 2>&1)
        printf '%s\n' "$out" >"$tmp/$name.$i.txt"
        rps=$(printf '%s\n' "$out" | awk '/^Requests\/sec:/ {print $2}')
        p50=$(to_ms "$(printf '%s\n' "$out" | awk '$1 == "50%" {print $2}')")
        p99=$(to_ms "$(printf '%s\n' "$out" | awk '$1 == "99%" {print $2}')")
        errs=$(printf '%s\n' "$out" | awk '/Non-2xx or 3xx responses:/ {n += $5} /Socket errors:/ {
                   for (i = 3; i <= NF; i++) { v = $i; gsub(/,/, "", v); if (v ~ /^[0-9]+$/) n += v } } END {print n + 0}')
        printf '%s %s %s %s\n' "${rps:-0}" "${p50:-0}" "${p99:-0}" "$errs" >>"$tmp/$name.runs"
        printf '  %-10s run %d: %10s req/s  p50 %8s ms  p99 %8s ms  errors %s\n' "$name" "$i" "${rps:-0}" "${p50:-?}" "${p99:-?}" "$errs" >&2
    done
    sort -n -k1,1 "$tmp/$name.runs" | awk -v n="$RUNS" 'NR == int((n + 1) / 2)'
}

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $RUNS runs per target (median shown), against $URL" >&2
declare -A RPS P50 P99 ERR
for target in static health login dashboard; do
    case $target in
        static) res=$(run_wrk static /static/portal.css) ;;
        health) res=$(run_wrk health /health) ;;
        login) res=$(run_wrk login /login) ;;
        dashboard) res=$(run_wrk dashboard /dashboard "Cookie: portal_sid=$sid") ;;
    esac
    read -r RPS[$target] P50[$target] P99[$target] ERR[$target] <<<"$res"
done

# The session must have lasted the whole run (an expired one would bench the redirect).
code=$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: portal_sid=$sid" "$URL/dashboard")
[ "$code" = 200 ] || echo "bench: WARNING: the session no longer reaches /dashboard ($code)" >&2

echo
printf '%-10s %12s %10s %10s %8s\n' target 'req/s' 'p50 ms' 'p99 ms' errors
for target in static health login dashboard; do
    printf '%-10s %12.0f %10.2f %10.2f %8s\n' "$target" "${RPS[$target]}" "${P50[$target]}" "${P99[$target]}" "${ERR[$target]}"
done
ratio=$(awk -v d="${RPS[dashboard]}" -v h="${RPS[health]}" 'BEGIN { if (h > 0) printf "%.2f", d / h; else print "n/a" }')
echo "dashboard/health throughput ratio: $ratio (aim: 0.50 or more; dashboard p99 aim: under 15 ms)"
