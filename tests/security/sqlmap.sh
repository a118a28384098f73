#!/usr/bin/env bash
# tests/security/sqlmap.sh: sqlmap against every form and query parameter a signed-in user of
# the demo company (every permission) can reach on a running stack, plus the sign-in form.
# Fails (exit 1) on any injectable parameter, or when sqlmap could not test a target.
#
#   ./stack security                     (a fresh stack of its own, then this script)
#   tests/security/sqlmap.sh [--level N] [--smoke N] [--skip N] [--only REGEX]
#       --level N   sqlmap's --level (3 by default: also Cookie, User-Agent and Referer)
#       --smoke N   only the first N targets (./stack test runs --level 1 --smoke 4)
#       --skip N    leave out the first N targets (to go on with a long run another time)
#       --only RE   only targets whose URL matches RE
# Needs the environment of ./stack's export_test_env (PORTAL_URL, PORTAL_STATE, PORTALCTL,
# PORTAL_CONFIG, MYSQL_CMD). Each target gets a session of its own, signed in through the form
# (so a form that ends a session cannot spoil the next); sqlmap gets the session cookie and
# fetches a fresh CSRF token from the form's page before each request (--csrf-token/--csrf-url).
# The report: $PORTAL_STATE/sqlmap/summary.txt; sqlmap's logs under $PORTAL_STATE/sqlmap/.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LEVEL=3 SMOKE=0 SKIP=0 ONLY=
while [ $# -gt 0 ]; do
    case $1 in
        --level) LEVEL=$2; shift 2 ;;
        --smoke) SMOKE=$2; shift 2 ;;
        --skip) SKIP=$2; shift 2 ;;
        --only) ONLY=$2; shift 2 ;;
        *) echo "usage: $0 [--level N] [--smoke N] [--skip N] [--only REGEX]" >&2; exit 2 ;;
    esac
done
: "${PORTAL_URL:?run through ./stack security (PORTAL_URL is not set)}"
BASE=${PORTAL_URL%/}
OUT=$PORTAL_STATE/sqlmap
rm -rf "$OUT"; mkdir -p "$OUT"
command -v sqlmap >/dev/null || { echo "sqlmap is not installed (./stack installs it)" >&2; exit 1; }

# The user sqlmap signs in as: a super user of the demo company of its own (sqlmap's requests may
# change its details and fail its password checks; the demo users stay as they are).
EMAIL=sqlmap@ecs-portal.test PASSWORD=sqlmap-portal-2026
$MYSQL_CMD -e "INSERT IGNORE INTO users (email, first_name, last_name, status) VALUES ('$EMAIL', 'Sql', 'Map', 'active');
  INSERT IGNORE INTO memberships (user_id, company_id, level, permissions, status)
  SELECT u.id, c.id, 'company', 8388607, 'active' FROM users u, companies c
   WHERE u.email = '$EMAIL' AND c.company_number = 'ECS00002';"
reset_user() {
    "$PORTALCTL" -c "$PORTAL_CONFIG" reset-password --email "$EMAIL" --password "$PASSWORD" >/dev/null
    # What sqlmap's requests may have changed must not spoil the next target (a lock after failed
    # password checks, two-step sign-in, its permissions).
    $MYSQL_CMD -e "UPDATE users SET first_name = 'Sql', last_name = 'Map', status = 'active', failed_logins = 0,
        failed_window_start = NULL, locked_until = NULL, totp_secret = NULL WHERE email = '$EMAIL';
      UPDATE memberships m JOIN users u ON u.id = m.user_id SET m.permissions = 8388607, m.status = 'active',
        m.level = 'company' WHERE u.email = '$EMAIL';"
}
reset_user

# Forms the demo data does not reach: a contract of the demo company (its invite, workers, start
# and close forms), an invitation from Northern Sparks (accept, decline) and a set-password link
# (the public form behind it; its token is not injected, like _csrf).
LINK_TOKEN=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
$MYSQL_CMD -e "
  INSERT INTO contracts (company_id, name, site_address, starts_on, ends_on, min_days_valid, created_by)
  SELECT c.id, 'sqlmap contract', '1 Test Street', CURDATE(), CURDATE() + INTERVAL 1 YEAR, 30, u.id
    FROM companies c, users u WHERE c.company_number = 'ECS00002' AND u.email = '$EMAIL'
     AND NOT EXISTS (SELECT 1 FROM contracts WHERE name = 'sqlmap contract');
  INSERT IGNORE INTO contract_parties (contract_id, company_id, role, state)
  SELECT k.id, k.company_id, 'client', 'accepted' FROM contracts k WHERE k.name = 'sqlmap contract';
  INSERT INTO contracts (company_id, name, site_address, starts_on, ends_on, min_days_valid, created_by)
  SELECT c.id, 'sqlmap invitation', '2 Test Street', CURDATE(), CURDATE() + INTERVAL 1 YEAR, 30,
         (SELECT MIN(user_id) FROM memberships WHERE company_id = c.id)
    FROM companies c WHERE c.company_number = 'NSL00001'
     AND NOT EXISTS (SELECT 1 FROM contracts WHERE name = 'sqlmap invitation');
  INSERT IGNORE INTO contract_parties (contract_id, company_id, role, state)
  SELECT k.id, k.company_id, 'client', 'accepted' FROM contracts k WHERE k.name = 'sqlmap invitation';
  INSERT IGNORE INTO contract_parties (contract_id, company_id, role, state)
  SELECT k.id, c.id, 'subcontractor', 'invited' FROM contracts k, companies c
   WHERE k.name = 'sqlmap invitation' AND c.company_number = 'ECS00002';
  INSERT INTO password_links (token_hash, user_id, company_id, created_by, purpose, expires_at)
  SELECT UNHEX(SHA2(UNHEX('$LINK_TOKEN'), 256)), u.id, m.company_id, u.id, 'reset', NOW(6) + INTERVAL 1 DAY
    FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.email = '$EMAIL';"
export SQLMAP_PUBLIC_PAGES="/set-password?token=$LINK_TOKEN"

# sign_in: a fresh session; prints the Cookie header value.
sign_in() {
    local jar=$OUT/jar csrf
    rm -f "$jar"
    csrf=$(curl -s -c "$jar" "$BASE/login" | sed -n 's/.*name="_csrf" value="\([0-9a-f]*\)".*/\1/p' | head -n 1)
    curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "_csrf=$csrf" --data-urlencode "email=$EMAIL" \
        --data-urlencode "password=$PASSWORD" "$BASE/login"
    awk '$6 == "portal_sid" { print "portal_sid=" $7 }' "$jar"
}

targets=$OUT/targets.jsonl
node "$ROOT/tests/security/targets.mjs" "$EMAIL" "$PASSWORD" >"$targets" 2>"$OUT/crawl.log"
# The forms that can end the session or fail a password check go last.
{ grep -vE '"/(login|account/password|account/2fa)"' "$targets"; grep -E '"/(login|account/password|account/2fa)"' "$targets"; } >"$OUT/ordered.jsonl"
[ -n "$ONLY" ] && { grep -E "\"url\":\"[^\"]*($ONLY)" "$OUT/ordered.jsonl" >"$OUT/o" || true; mv "$OUT/o" "$OUT/ordered.jsonl"; }
[ "$SKIP" -gt 0 ] && { tail -n +"$((SKIP + 1))" "$OUT/ordered.jsonl" >"$OUT/o"; mv "$OUT/o" "$OUT/ordered.jsonl"; }
[ "$SMOKE" -gt 0 ] && { head -n "$SMOKE" "$OUT/ordered.jsonl" >"$OUT/o"; mv "$OUT/o" "$OUT/ordered.jsonl"; }

n=0 params=0 injectable=0 untested=0 start=$(date +%s)
while IFS= read -r line; do
    method=$(node -e 'const t=JSON.parse(process.argv[1]);console.log(t.method)' "$line")
    url=$(node -e 'const t=JSON.parse(process.argv[1]);console.log(t.url)' "$line")
    data=$(node -e 'const t=JSON.parse(process.argv[1]);console.log(t.data)' "$line")
    page=$(node -e 'const t=JSON.parse(process.argv[1]);console.log(t.page)' "$line")
    n=$((n + 1))
    reset_user
    args=(-u "$BASE$url" --batch --flush-session --level="$LEVEL" --risk=1 --dbms=MySQL
          --skip="_csrf,token" --timeout=20 --retries=1 --disable-coloring -v 1
          --output-dir="$OUT/run" --ignore-code=400,403,404,409,413,429)
    case $url in
        /login|/set-password) ;;    # public forms: their own pre-session cookie
        *) args+=(--cookie="$(sign_in)") ;;
    esac
    if [ "$method" = POST ]; then
        args+=(--data="$data")
        # The CSRF token: a fresh one from the form's page before every request.
        case $data in _csrf=*) args+=(--csrf-token=_csrf --csrf-url="$BASE$page") ;; esac
    fi
    log=$OUT/target-$n.log
    echo "[$((n + SKIP))] $method $url (level $LEVEL)"
    timeout 1800 sqlmap "${args[@]}" >"$log" 2>&1 || true
    tested=$({ grep -oE "testing if ([A-Za-z-]+ )?parameter '[^']+' is dynamic|(GET|POST|Cookie|User-Agent|Referer|\(custom\) POST) parameter '[^']+' does not seem to be injectable|heuristic \(basic\) test shows that (GET|POST|Cookie|User-Agent|Referer) parameter '[^']+' might not be injectable" "$log" \
        || true; } | { grep -oE "parameter '[^']+'" || true; } | { grep -vE "'(_csrf|token)'" || true; } | sort -u | wc -l || true)
    params=$((params + tested))
    # Only a confirmed finding counts: sqlmap also says "appears to be ... injectable" of a
    # candidate that its false-positive check then drops.
    if grep -qE "sqlmap identified the following injection point" "$log"; then
        injectable=$((injectable + 1))
        echo "    INJECTABLE: see $log"; { grep -E "Parameter:|Type:|Payload:" "$log" || true; } | head -n 12 | sed 's/^/    /'
    elif grep -qE "all tested parameters do not appear to be injectable|does not seem to be injectable" "$log"; then
        echo "    $tested parameter(s) tested: not injectable"
    else
        untested=$((untested + 1))
        echo "    NOT TESTED: sqlmap did not finish (see $log)"; { grep -E "CRITICAL|ERROR" "$log" || true; } | head -n 3 | sed 's/^/    /'
    fi
done <"$OUT/ordered.jsonl"
secs=$(( $(date +%s) - start ))
summary="sqlmap level $LEVEL: $n targets, $params parameters tested, $injectable injectable, $untested not tested, ${secs} s"
echo "$summary" | tee "$OUT/summary.txt"
[ "$n" -gt 0 ] && [ "$injectable" = 0 ] && [ "$untested" = 0 ]
