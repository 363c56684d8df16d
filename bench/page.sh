#!/bin/bash
# Compares praxis serving a practice page with nginx serving the same bytes
# as a static file, then measures memory and throughput on a larger catalogue.
#
# Usage: bench/page.sh            (from any directory)
# Environment:
#   PRAXIS_BIN     praxis binary (default: build/praxis in the repo root)
#   BENCH_SECONDS  length of each measured wrk run (default: 10)
# Needs: wrk, nginx (Debian: wrk, nginx-light; scripts/deps.sh installs them),
#        curl, python3.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PRAXIS=${PRAXIS_BIN:-$ROOT/build/praxis}
DURATION=${BENCH_SECONDS:-10}
MIX_DURATION=5
GENERATE=10000
CORES=$(nproc)
GOAL=0.5
# The same load shape for both servers, sized for a small 2-core machine.
WRK_THREADS=2
WRK_CONNS=32

TMP=""
PRAXIS_PID=""
NGINX_PID=""

. "$ROOT/bench/lib.sh"

# Kills whatever this script started; runs on every exit path.
cleanup() {
	for pid in $PRAXIS_PID $NGINX_PID; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	[ -n "$TMP" ] && rm -rf "$TMP"
}

check_tools() {
	require_tools wrk nginx curl python3
}

# Prints a currently free TCP port on 127.0.0.1 (the kernel picks it).
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# make_db FILE [GENERATE_N]: a fresh database with the demo data.
make_db() {
	quiet "$PRAXIS" init --db "$1"
	quiet "$PRAXIS" demo --db "$1"
	[ $# -lt 2 ] || quiet "$PRAXIS" demo --db "$1" --generate "$2"
}

# start_praxis DB: starts praxis on a kernel-chosen port and sets PRAXIS_PID
# and PRAXIS_PORT. stderr (incl. the access log) goes to a file, both so that
# the terminal is not flooded and so that a crash can be shown.
start_praxis() {
	praxis_start "$1" "threads = $CORES
per_ip_connections = 0
max_connections = 4096
${2:-}"
}

# Stops praxis with SIGTERM and reports if it did not exit cleanly.
stop_praxis() {
	local rc=0
	kill -TERM "$PRAXIS_PID"
	wait "$PRAXIS_PID" || rc=$?
	PRAXIS_PID=""
	if [ "$rc" -ne 0 ]; then
		echo "bench: warning: praxis exited with status $rc; log tail:" >&2
		tail -5 "$PRAXIS_LOG" >&2
	fi
}

# fetch URL: prints the body; on failure says why, with praxis's log tail.
fetch() {
	curl -sS --fail "$1" 2>"$TMP/curl.err" && return 0
	cat "$TMP/curl.err" >&2
	if [ -n "$PRAXIS_PID" ] && ! kill -0 "$PRAXIS_PID" 2>/dev/null; then
		echo "bench: praxis (pid $PRAXIS_PID) is no longer running" >&2
	fi
	tail -5 "$PRAXIS_LOG" >&2
	die "could not fetch $1"
}

# start_nginx FILE: serves FILE at /page with praxis's Content-Type. Runs in
# the foreground (daemon off) as a child, with every path inside $TMP, so no
# system service or /var path is touched.
start_nginx() {
	local dir=$TMP/nginx user=""
	mkdir -p "$dir/www"
	cp "$1" "$dir/www/page.html"
	NGINX_PORT=$(free_port)
	# As root, workers would switch to "nobody" and could not read $TMP.
	[ "$(id -u)" -eq 0 ] && user="user $(id -un) $(id -gn);"
	cat >"$dir/nginx.conf" <<-EOF
		$user
		worker_processes $CORES;
		pid $dir/nginx.pid;
		error_log $dir/error.log;
		events { worker_connections 4096; }
		http {
		    access_log off;
		    # Debian's build points these at /var/lib/nginx, unwritable as a user.
		    client_body_temp_path $dir/body;
		    proxy_temp_path $dir/proxy;
		    fastcgi_temp_path $dir/fastcgi;
		    uwsgi_temp_path $dir/uwsgi;
		    scgi_temp_path $dir/scgi;
		    # A fair, ordinarily tuned static server: keep-alive like praxis.
		    sendfile on;
		    keepalive_requests 1000000;
		    server {
		        listen 127.0.0.1:$NGINX_PORT;
		        root $dir/www;
		        location = /page {
		            types { }
		            default_type "text/html; charset=utf-8";
		            try_files /page.html =404;
		        }
		    }
		}
	EOF
	nginx -p "$dir/" -c "$dir/nginx.conf" -e "$dir/error.log" -g 'daemon off;' \
		2>"$dir/stderr.log" &
	NGINX_PID=$!
	for _ in $(seq 100); do
		curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/page" && return 0
		kill -0 "$NGINX_PID" 2>/dev/null || break
		sleep 0.1
	done
	tail -5 "$dir/error.log" "$dir/stderr.log" >&2
	die "nginx did not start (error log above)"
}

# run_wrk SECONDS URL [wrk args...]: prints Requests/sec. Errors that wrk
# reports (non-2xx, socket errors) are shown, since they make the number moot.
run_wrk() {
	local secs=$1 url=$2 out
	shift 2
	out=$TMP/wrk.out
	wrk -t"$WRK_THREADS" -c"$WRK_CONNS" -d"${secs}s" "$url" "$@" >"$out" 2>&1 ||
		{ cat "$out" >&2; die "wrk failed against $url"; }
	grep -E 'Non-2xx|Socket errors' "$out" | sed "s|^ *|bench: $url: |" >&2 || true
	awk '/^Requests\/sec:/ { print $2; found=1 } END { exit !found }' "$out" ||
		{ cat "$out" >&2; die "no Requests/sec in wrk output"; }
}

max() { awk -v a="$1" -v b="$2" 'BEGIN { print (a > b) ? a : b }'; }

# VmRSS of a process in MiB, with its parts: heap and other anonymous
# memory, and file pages (SQLite maps the database, so these are the
# kernel's page cache, shared and reclaimable).
rss_mib() {
	awk '/^VmRSS:/ { t = $2 } /^RssAnon:/ { a = $2 } /^RssFile:/ { f = $2 }
	     END { printf "%.1f (anon %.1f, file %.1f)", t / 1024, a / 1024, f / 1024 }' \
		"/proc/$1/status"
}

# Compares praxis with nginx on one practice page; alternates the two twice
# and keeps each one's best run, since a noisy 2-core machine mostly errs low.
bench_page() {
	local praxis_url=$1 nginx_url=$2 p=0 n=0 round r ratio verdict
	run_wrk 2 "$praxis_url" >/dev/null # warm-up: caches, SQLite pages, TCP
	run_wrk 2 "$nginx_url" >/dev/null
	for round in 1 2; do
		r=$(run_wrk "$DURATION" "$praxis_url"); p=$(max "$p" "$r")
		echo "  round $round: praxis $r req/s" >&2
		r=$(run_wrk "$DURATION" "$nginx_url"); n=$(max "$n" "$r")
		echo "  round $round: nginx  $r req/s" >&2
	done
	NGINX_BEST=$n
	ratio=$(awk -v p="$p" -v n="$n" 'BEGIN { printf "%.3f", (n > 0) ? p / n : 0 }')
	verdict=$(awk -v r="$ratio" -v g="$GOAL" 'BEGIN { print (r >= g) ? "PASS" : "BELOW" }')
	echo
	echo "Practice page, best of 2 x ${DURATION}s (wrk -t$WRK_THREADS -c$WRK_CONNS, $CORES cores)"
	printf '  %-22s %12.0f\n' "praxis req/s" "$p" "nginx req/s (static)" "$n"
	printf '  %-22s %12s\n' "ratio praxis/nginx" "$ratio" "goal (ratio >= $GOAL)" "$verdict"
}

# The same page with praxis's page cache off: every request renders the
# page from the database. Compared with nginx's best from bench_page.
bench_uncached() {
	local db=$1 page=$2 url p=0 r round ratio
	start_praxis "$db" "page_cache_mb = 0"
	url="http://127.0.0.1:$PRAXIS_PORT/practices/$page"
	run_wrk 2 "$url" >/dev/null
	for round in 1 2; do
		r=$(run_wrk "$DURATION" "$url"); p=$(max "$p" "$r")
		echo "  round $round: praxis (no page cache) $r req/s" >&2
	done
	ratio=$(awk -v p="$p" -v n="$NGINX_BEST" 'BEGIN { printf "%.3f", (n > 0) ? p / n : 0 }')
	echo
	echo "Same page, page cache off (page_cache_mb = 0): rendered on every request"
	printf '  %-22s %12.0f\n' "praxis req/s" "$p"
	printf '  %-22s %12s\n' "ratio praxis/nginx" "$ratio"
	printf '  %-22s %s MiB\n' "praxis RSS after run" "$(rss_mib "$PRAXIS_PID")"
	stop_praxis
}

# Writes the ids of all published practices, one per line, by paging the
# API; ids are not quite contiguous (the demo has unpublished practices).
list_ids() {
	python3 - "$1" <<-'EOF'
		import json, sys, urllib.parse, urllib.request
		base, cursor, total, ids = sys.argv[1], None, None, []
		while True:
		    url = base + "/api/v1/practices?limit=100"
		    if cursor:
		        url += "&cursor=" + urllib.parse.quote(cursor)
		    page = json.load(urllib.request.urlopen(url))
		    total = page["total"]
		    ids += [item["id"] for item in page["items"]]
		    cursor = page.get("next_cursor")
		    if not cursor:
		        break
		if len(ids) != total:
		    sys.exit("listed %d ids but total is %d" % (len(ids), total))
		print("\n".join(map(str, ids)))
	EOF
}

# A wrk script that requests a random published practice page each time.
write_mix_lua() {
	cat >"$1" <<-'EOF'
		-- args[1]: file with one practice id per line.
		local n = 0
		function setup(thread)
		  n = n + 1
		  thread:set("thread_no", n) -- distinct random sequence per thread
		end
		local paths = {}
		function init(args)
		  for id in io.lines(args[1]) do
		    paths[#paths + 1] = "/practices/" .. id
		  end
		  math.randomseed(os.time() * 1000 + thread_no)
		end
		function request()
		  return wrk.format(nil, paths[math.random(#paths)])
		end
	EOF
}

# Memory and throughput with a catalogue of demo + $GENERATE practices.
bench_mix() {
	local db=$TMP/big.db rps count
	make_db "$db" "$GENERATE"
	start_praxis "$db"
	list_ids "http://127.0.0.1:$PRAXIS_PORT" >"$TMP/ids" ||
		die "could not list practice ids"
	count=$(wc -l <"$TMP/ids")
	write_mix_lua "$TMP/mix.lua"
	rps=$(run_wrk "$MIX_DURATION" "http://127.0.0.1:$PRAXIS_PORT/" \
		-s "$TMP/mix.lua" -- "$TMP/ids")
	echo
	echo "Random practice pages, $count published, ${MIX_DURATION}s"
	printf '  %-22s %12.0f\n' "praxis req/s" "$rps"
	printf '  %-22s %s MiB\n' "praxis RSS after run" "$(rss_mib "$PRAXIS_PID")"
	stop_praxis
}

main() {
	local page
	check_tools
	TMP=$(mktemp -d)
	trap cleanup EXIT
	trap 'exit 130' INT TERM

	make_db "$TMP/demo.db"
	start_praxis "$TMP/demo.db"
	# Any published practice will do; take the first one the API lists.
	fetch "http://127.0.0.1:$PRAXIS_PORT/api/v1/practices?limit=1" >"$TMP/list.json"
	page=$(python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])' \
		<"$TMP/list.json") || die "no practice id in the API's answer"
	fetch "http://127.0.0.1:$PRAXIS_PORT/practices/$page" >"$TMP/page.html"
	start_nginx "$TMP/page.html"
	curl -sf "http://127.0.0.1:$NGINX_PORT/page" | cmp -s - "$TMP/page.html" ||
		die "nginx does not serve the same bytes as praxis"
	echo "bench: /practices/$page ($(wc -c <"$TMP/page.html") bytes)," \
		"praxis :$PRAXIS_PORT, nginx :$NGINX_PORT" >&2

	bench_page "http://127.0.0.1:$PRAXIS_PORT/practices/$page" \
		"http://127.0.0.1:$NGINX_PORT/page"
	printf '  %-22s %s MiB\n' "praxis RSS after run" "$(rss_mib "$PRAXIS_PID")"
	stop_praxis
	kill "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true; NGINX_PID=""

	bench_uncached "$TMP/demo.db" "$page"
	bench_mix
}

main "$@"
