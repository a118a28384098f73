#!/usr/bin/env bash
# The main pages at scale (a benchmark, not a timed test). Fills the bench database with
# `portalctl generate --seed $BENCH_SEED --register $BENCH_REGISTER` (3,000 companies, the
# largest, GEN000000, with 5,000 employees), signs in as that company's super user and runs
# wrk (64 connections, the median of $BENCH_RUNS runs) on each page, with the bare worker
# route (/health) and a static file in the same run: each page is given as a ratio to
# /health. Then the SQL round trips of one view of each page (the worker log's sql=N), and
# the workers' memory before and after $BENCH_RSS_REQUESTS mixed requests.
# Needs the environment ./stack bench exports. Only ever aims at the local stack.
#
#   BENCH_REGISTER=1000000 ./stack bench      the same pages with a register of a million
set -euo pipefail

URL=${PORTAL_URL:?run through ./stack bench}
URL=${URL%/}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
DURATION=${BENCH_DURATION:-10s}
RUNS=${BENCH_RUNS:-3}
SEED=${BENCH_SEED:-1}
REGISTER=${BENCH_REGISTER:-200000}
RSS_REQUESTS=${BENCH_RSS_REQUESTS:-1000000}
TARGETS=${BENCH_TARGETS:-static health dashboard current later search expiring employee
  apps_attention apps_produced orders_attention history contract lookup step steps}
EMAIL=gen0@generated.ecs-portal.test
PASSWORD=bench-portal-2026
LOGFILE=$PORTAL_LOG_DIR/portald.log

case $URL in
    http://127.*|http://localhost*) ;;
    *) echo "bench: refusing to load $URL (only the local stack)" >&2; exit 2 ;;
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"
mysql() { $MYSQL_CMD --batch --skip-column-names "$@"; }
workers() { pgrep -P "$(cat "$PORTALD_PID_FILE")" | sort -n | tr '\n' ' '; }
rss() { local p kb=0; for p in $1; do kb=$((kb + $(awk '/^VmRSS:/ {print $2}' "/proc/$p/status"))); done; echo "$kb"; }
rss_boot=$(rss "$(workers)")

# ---- the data, once per bench database ---------------------------------------------------------
company=$(mysql -e "SELECT id FROM companies WHERE company_number = 'GEN000000'")
if [ -z "$company" ]; then
    start=$(date +%s)
    "$PORTALCTL" -c "$PORTAL_CONFIG" generate --seed "$SEED" --register "$REGISTER" >&2
    echo "generated (seed $SEED, register $REGISTER) in $(( $(date +%s) - start )) s" >&2
    company=$(mysql -e "SELECT id FROM companies WHERE company_number = 'GEN000000'")
fi
"$PORTALCTL" -c "$PORTAL_CONFIG" reset-password --email "$EMAIL" --password "$PASSWORD" >/dev/null
echo "register: $(mysql -e 'SELECT COUNT(*) FROM operatives') operatives;" \
    "company $company: $(mysql -e "SELECT COUNT(*) FROM employments WHERE company_id = $company AND ended_on IS NULL") employees," \
    "$(mysql -e "SELECT COUNT(*) FROM applications WHERE company_id = $company") applications," \
    "$(mysql -e "SELECT COUNT(*) FROM orders WHERE company_id = $company") orders" >&2

sid=$(sign_in "$EMAIL" "$PASSWORD")
cookie="Cookie: portal_sid=$sid"
path=/employees/current
for _ in 1 2 3 4 5; do
    next=$(curl -sS -H "$cookie" "$URL$path" | grep -o 'id="next-page"[^>]*href="[^"]*"\|href="[^"]*"[^>]*id="next-page"' \
        | sed 's/.*href="\([^"]*\)".*/\1/' | sed 's/&amp;/\&/g' | head -n 1)
    [ -n "$next" ] || break
    path=$next
done
later=$path
employee=$(mysql -e "SELECT operative_id FROM employments WHERE company_id = $company AND ended_on IS NULL
                     ORDER BY id LIMIT 1 OFFSET 2500")
contract=$(mysql -e "SELECT id FROM contracts WHERE company_id = $company ORDER BY id LIMIT 1")
app=$(mysql -e "SELECT id FROM applications WHERE company_id = $company AND state = 'in_progress' ORDER BY id LIMIT 1")
# `steps`: the same save spread over 64 of the company's applications (as many people saving
# their own), beside `step`, where every connection saves the one application.
apps=$(mysql -e "SELECT id FROM applications WHERE company_id = $company AND state = 'in_progress' ORDER BY id LIMIT 64" | tr '\n' ' ')
office=$(mysql -e "SELECT MIN(id) FROM offices WHERE company_id = $company")
# A lookup that finds someone in the register who does not work here.
read -r ni dob last <<<"$(mysql -e "SELECT o.ni_number, DATE_FORMAT(o.date_of_birth, '%d/%m/%Y'), o.last_name
    FROM operatives o WHERE NOT EXISTS (SELECT 1 FROM employments e WHERE e.operative_id = o.id)
    ORDER BY o.id DESC LIMIT 1")"
csrf=$(curl -sS -H "$cookie" "$URL/employees/add" | grep -o 'name="_csrf"[^>]*value="[^"]*"' | head -n 1 \
    | sed 's/.*value="\([^"]*\)".*/\1/')
# The search box POSTs; its 303 names the page of the search, sealed for this session (?s=).
search=$(curl -sS -o /dev/null -w '%{redirect_url}' -H "$cookie" \
    --data "_csrf=$csrf&q=Taylor&sort=name" "$URL/employees/current")
search=${search#"$URL"}
case $search in
    /employees/current\?s=*) ;;
    *) echo "bench: the search POST did not redirect to a sealed search (${search:-nothing})" >&2; exit 1 ;;
esac
post_script() {  # post_script NAME BODY [PATH...]: a wrk script that POSTs BODY (to each PATH in turn)
    local name=$1 body=$2
    shift 2
    printf 'wrk.method = "POST"\nwrk.body = "%s"\nwrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n' \
        "$body" >"$tmp/$name.lua"
    if [ $# -gt 0 ]; then
        printf 'local paths = {' >>"$tmp/$name.lua"
        printf '"%s",' "$@" >>"$tmp/$name.lua"
        printf '}\nlocal i = 0\nrequest = function() i = i + 1; return wrk.format(nil, paths[i %% #paths + 1]) end\n' \
            >>"$tmp/$name.lua"
    fi
    printf '%s' "$tmp/$name.lua"
}
lookup_body="_csrf=$csrf&ni=$ni&dob=${dob//\//%2F}&last_name=$last"
step_body="_csrf=$csrf&business_phone=0113+496+0000&business_email=site%40generated.ecs-portal.test&delivery_office_id=$office"

# target NAME: "METHOD PATH [BODY]"
target() {
    case $1 in
        static) echo "GET /static/portal.css" ;;
        health) echo "GET /health" ;;
        dashboard) echo "GET /dashboard" ;;
        current) echo "GET /employees/current" ;;
        later) echo "GET $later" ;;
        search) echo "GET $search" ;;
        expiring) echo "GET /employees/expiring" ;;
        employee) echo "GET /employees/$employee" ;;
        apps_attention) echo "GET /applications/attention" ;;
        apps_produced) echo "GET /applications/produced" ;;
        orders_attention) echo "GET /orders/attention" ;;
        history) echo "GET /orders/history" ;;
        contract) echo "GET /contracts/$contract" ;;
        lookup) echo "POST /employees/lookup $lookup_body" ;;
        step) echo "POST /applications/$app/step1 $step_body" ;;
        steps) echo "POST /applications/${apps%% *}/step1 $step_body" ;;
    esac
}

# round_trips METHOD PATH [BODY]: one request, then the sql=N of its worker log line.
round_trips() {
    local method=$1 path=$2 body=${3:-}
    if [ "$method" = POST ]; then
        curl -sS -o /dev/null -H "$cookie" --data "$body" "$URL$path"
    else
        curl -sS -o /dev/null -H "$cookie" "$URL$path"
    fi
    grep " $method ${path%%\?*} " "$LOGFILE" | tail -n 1 | sed -n 's/.* sql=\([0-9]*\).*/\1/p'
}

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $RUNS runs per target (median shown), against $URL" >&2
declare -A RPS P50 P99 ERR SQL COLD
for t in $TARGETS; do
    read -r method path body <<<"$(target "$t")"
    script=""
    if [ "$t" = steps ]; then
        # shellcheck disable=SC2086  # one path per application
        script=$(post_script "$t" "$body" $(printf '/applications/%s/step1 ' $apps))
    elif [ "$method" = POST ]; then
        script=$(post_script "$t" "$body")
    fi
    read -r RPS[$t] P50[$t] P99[$t] ERR[$t] <<<"$(run_wrk "$t" "$path" "$cookie" "$script")"
    SQL[$t]=- COLD[$t]=-
    [ "$t" = static ] || SQL[$t]=$(round_trips "$method" "$path" "$body")
    # The same view with nothing kept (flush-sessions ends the workers' kept sessions and
    # pages): what a first view, or one after a change, costs.
    "$PORTALCTL" -c "$PORTAL_CONFIG" flush-sessions >/dev/null
    [ "$t" = static ] || COLD[$t]=$(round_trips "$method" "$path" "$body")
done
code=$(curl -sS -o /dev/null -w '%{http_code}' -H "$cookie" "$URL/dashboard")
[ "$code" = 200 ] || echo "bench: WARNING: the session no longer reaches /dashboard ($code)" >&2

echo
echo "register $REGISTER, largest company's super user; $(date -u +%Y-%m-%d)"
printf '%-17s %10s %9s %9s %7s %8s %4s %5s\n' target 'req/s' 'p50 ms' 'p99 ms' errors 'x health' sql cold
for t in $TARGETS; do
    printf '%-17s %10.0f %9.2f %9.2f %7s %8.2f %4s %5s\n' "$t" "${RPS[$t]}" "${P50[$t]}" "${P99[$t]}" \
        "${ERR[$t]}" "$(awk -v a="${RPS[$t]}" -v b="${RPS[health]:-0}" 'BEGIN {print (b > 0) ? a / b : 0}')" \
        "${SQL[$t]}" "${COLD[$t]}"
done
echo "(sql: the round trips of a view straight after the runs; cold: of a view after portalctl flush-sessions)"
echo "(later = $later; employee $employee; contract $contract; application $app; steps: $(echo $apps | wc -w) applications)"

# ---- the workers' memory over many mixed requests ------------------------------------------------
[ "$RSS_REQUESTS" -gt 0 ] || exit 0
{
    echo 'local paths = {'
    for t in dashboard current later search expiring employee apps_attention apps_produced \
        orders_attention history contract; do
        read -r _ path _ <<<"$(target "$t")"
        printf '  "%s",\n' "$path"
    done
    echo '}'
    echo 'local i = 0'
    echo 'request = function() i = i + 1; return wrk.format("GET", paths[i % #paths + 1]) end'
} >"$tmp/mixed.lua"
before=$(workers)
rss0=$(rss "$before")
done_requests=0
while [ "$done_requests" -lt "$RSS_REQUESTS" ]; do
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d30s -H "$cookie" -s "$tmp/mixed.lua" "$URL/" 2>&1)
    n=$(printf '%s\n' "$out" | awk '/requests in/ {print $1}')
    done_requests=$((done_requests + ${n:-0}))
done
after=$(workers)
[ "$before" = "$after" ] || echo "bench: WARNING: the workers changed during the run ($before -> $after)" >&2
rss1=$(rss "$after")
echo "worker RSS (all workers): $rss_boot kB after start-up, $rss0 kB after the page runs, $rss1 kB after $done_requests mixed requests" \
    "($(( (rss1 - rss0) )) kB; per worker $(( (rss1 - rss0) / $(echo "$after" | wc -w) )) kB)"
