# tests/bench/lib.sh: what the benchmark scripts share (sourced; needs URL, THREADS,
# CONNECTIONS, DURATION, RUNS and a scratch directory $tmp).

# sign_in EMAIL PASSWORD: signs in through the form with curl; prints the session id.
sign_in() {
    local jar=$tmp/cookies.$1 page csrf code sid
    page=$(curl -sS -c "$jar" "$URL/login")
    csrf=$(printf '%s' "$page" | grep -o 'name="_csrf"[^>]*value="[^"]*"' | head -n 1 | sed 's/.*value="\([^"]*\)".*/\1/')
    [ -n "$csrf" ] || { echo "bench: no _csrf on $URL/login" >&2; return 1; }
    code=$(curl -sS -b "$jar" -c "$jar" -o /dev/null -w '%{http_code}' \
        --data-urlencode "_csrf=$csrf" --data-urlencode "email=$1" --data-urlencode "password=$2" \
        "$URL/login")
    [ "$code" = 303 ] || { echo "bench: sign-in of $1 answered $code, not 303" >&2; return 1; }
    sid=$(awk '$6 == "portal_sid" {print $7}' "$jar" | tail -n 1)
    [ -n "$sid" ] || { echo "bench: no portal_sid cookie after sign-in" >&2; return 1; }
    code=$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: portal_sid=$sid" "$URL/dashboard")
    [ "$code" = 200 ] || { echo "bench: /dashboard with the session answered $code" >&2; return 1; }
    printf '%s\n' "$sid"
}

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

# run_wrk NAME PATH [HEADER [LUA]]: prints "rps p50 p99 errors" of the median run. LUA is
# a wrk script (e.g. one that makes the requests POSTs).
run_wrk() {
    local name=$1 path=$2 header=${3:-} script=${4:-} i out rps p50 p99 errs
    local hdr=()
    [ -n "$header" ] && hdr=(-H "$header")
    [ -n "$script" ] && hdr+=(-s "$script")
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

