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
# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"
sid=$(sign_in "$EMAIL" "$PASSWORD")

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
