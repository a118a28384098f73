#!/usr/bin/env bash
# The employees pages at scale (a benchmark, not a timed test): a company of
# $BENCH_EMPLOYEES (5,000) employees in a register grown by $BENCH_REGISTER (200,000)
# operatives; wrk on Current Employees (first page, a later page, a search), With Cards
# Expiring Soon, an employee's page and the dashboard of that company's user; then the time
# to check a 1,000-row bulk file. Needs the environment ./stack bench exports (PORTAL_URL,
# MYSQL_CMD, PORTALCTL, PORTAL_CONFIG). Only ever aims at the local stack.
set -euo pipefail

URL=${PORTAL_URL:?run through ./stack bench}
URL=${URL%/}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
DURATION=${BENCH_DURATION:-10s}
RUNS=${BENCH_RUNS:-3}
REGISTER=${BENCH_REGISTER:-200000}
EMPLOYEES=${BENCH_EMPLOYEES:-5000}
BULK_ROWS=${BENCH_BULK_ROWS:-1000}
EMAIL=bench@ecs-portal.test
PASSWORD=bench-portal-2026

case $URL in
    http://127.*|http://localhost*) ;;
    *) echo "bench: refusing to load $URL (only the local stack)" >&2; exit 2 ;;
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"
mysql() { $MYSQL_CMD --batch --skip-column-names "$@"; }

# ---- the data, once per bench database ---------------------------------------------------------
company=$(mysql -e "SELECT id FROM companies WHERE company_number = 'BENCH0001'")
if [ -z "$company" ]; then
    "$PORTALCTL" -c "$PORTAL_CONFIG" create-company --name "Bench Large Ltd" --number BENCH0001 \
        --email "$EMAIL" --first Bench --last User --password "$PASSWORD" >/dev/null
    company=$(mysql -e "SELECT id FROM companies WHERE company_number = 'BENCH0001'")
    office=$(mysql -e "SELECT MIN(id) FROM offices WHERE company_id = $company")
    start=$(date +%s)
    sed -e "s/@REGISTER@/$REGISTER/g" -e "s/@EMPLOYEES@/$EMPLOYEES/g" \
        -e "s/@COMPANY@/$company/g" -e "s/@OFFICE@/$office/g" \
        "$(dirname "$0")/big-register.sql" | $MYSQL_CMD
    echo "loaded $REGISTER operatives and $EMPLOYEES employees in $(( $(date +%s) - start )) s" >&2
fi
echo "register: $(mysql -e 'SELECT COUNT(*) FROM operatives') operatives;" \
    "company $company: $(mysql -e "SELECT COUNT(*) FROM employments WHERE company_id = $company AND ended_on IS NULL") employees" >&2

sid=$(sign_in "$EMAIL" "$PASSWORD")
cookie="Cookie: portal_sid=$sid"
# A later page: follow "next" five times.
path=/employees/current
for _ in 1 2 3 4 5; do
    next=$(curl -sS -H "$cookie" "$URL$path" | grep -o 'id="next-page"[^>]*href="[^"]*"\|href="[^"]*"[^>]*id="next-page"' \
        | sed 's/.*href="\([^"]*\)".*/\1/' | sed 's/&amp;/\&/g' | head -n 1)
    [ -n "$next" ] || break
    path=$next
done
later=$path
employee=$(mysql -e "SELECT operative_id FROM employments WHERE company_id = $company LIMIT 1 OFFSET 2500")

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $RUNS runs per target (median shown), against $URL" >&2
declare -A RPS P50 P99 ERR
targets=(health dashboard current later search expiring employee)
for target in "${targets[@]}"; do
    case $target in
        health) res=$(run_wrk health /health) ;;
        dashboard) res=$(run_wrk dashboard /dashboard "$cookie") ;;
        current) res=$(run_wrk current /employees/current "$cookie") ;;
        later) res=$(run_wrk later "$later" "$cookie") ;;
        search) res=$(run_wrk search "/employees/current?q=Taylor" "$cookie") ;;
        expiring) res=$(run_wrk expiring /employees/expiring "$cookie") ;;
        employee) res=$(run_wrk employee "/employees/$employee" "$cookie") ;;
    esac
    read -r RPS[$target] P50[$target] P99[$target] ERR[$target] <<<"$res"
done
echo
printf '%-10s %12s %10s %10s %8s %8s\n' target 'req/s' 'p50 ms' 'p99 ms' errors 'x health'
for target in "${targets[@]}"; do
    printf '%-10s %12.0f %10.2f %10.2f %8s %8.2f\n' "$target" "${RPS[$target]}" "${P50[$target]}" \
        "${P99[$target]}" "${ERR[$target]}" "$(awk -v a="${RPS[$target]}" -v b="${RPS[health]}" 'BEGIN {print (b > 0) ? a / b : 0}')"
done
echo "(later = $later)"

# ---- a bulk file of $BULK_ROWS register operatives not yet employed here --------------------------
office_name=$(mysql -e "SELECT name FROM offices WHERE company_id = $company ORDER BY id LIMIT 1")
{
    echo "ni_number,date_of_birth,last_name,office,started_on"
    mysql -e "SELECT CONCAT_WS(',', o.ni_number, DATE_FORMAT(o.date_of_birth, '%d/%m/%Y'), o.last_name,
                     '$office_name', DATE_FORMAT(CURDATE(), '%d/%m/%Y'))
                FROM operatives o WHERE o.ni_number LIKE 'ZW%'
                 AND NOT EXISTS (SELECT 1 FROM employments e WHERE e.operative_id = o.id)
               ORDER BY o.ni_number LIMIT $BULK_ROWS"
} >"$tmp/bulk.csv"
csrf=$(curl -sS -H "$cookie" "$URL/employees/bulk" | grep -o 'name="_csrf"[^>]*value="[^"]*"' | head -n 1 \
    | sed 's/.*value="\([^"]*\)".*/\1/')
mysql -e "DELETE FROM employee_lookups WHERE company_id = $company AND kind = 'bulk'"
out=$(curl -sS -o "$tmp/review.html" -w '%{http_code} %{time_total}' -H "$cookie" \
    -F "_csrf=$csrf" -F "csv=@$tmp/bulk.csv;type=text/csv" "$URL/employees/bulk")
matched=$(grep -o 'CONFIRM &amp; ADD [0-9]* EMPLOYEES' "$tmp/review.html" | grep -o '[0-9]*' || echo 0)
echo "bulk: $(($(wc -l <"$tmp/bulk.csv") - 1)) rows checked in ${out#* } s (status ${out%% *}, $matched matched)"
