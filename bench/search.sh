#!/bin/bash
# Measures search on a large catalogue: loads N practices made from the
# Polish man pages, times loading and reindexing, then compares the HTTP
# search API (/api/v1/search: ranking, joins, facets) with a bare FTS5
# MATCH on the same index and the same query expressions (bench/fts_raw.c).
#
# Usage: bench/search.sh          (from any directory)
# Environment:
#   PRAXIS_BIN         praxis binary (default: build/praxis in the repo root)
#   SEARCH_PRACTICES   practices to generate (default: 100000)
#   SEARCH_SECONDS     length of the wrk run (default: 10)
#   SEARCH_RAW_REPEAT  timed runs of each query in fts_raw (default: 10)
#   SEARCH_MANDIR      man page tree to take text from (default: /usr/share/man/pl)
#   FTS_RAW_BIN        fts_raw binary (default: next to PRAXIS_BIN, else built
#                      here with gcc against libpraxiscore.a next to PRAXIS_BIN)
# Needs: wrk, curl, python3, Polish man pages (Debian: manpages-pl); gcc and
#        pkg-config when fts_raw has to be built.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PRAXIS=${PRAXIS_BIN:-$ROOT/build/praxis}
PRACTICES=${SEARCH_PRACTICES:-100000}
DURATION=${SEARCH_SECONDS:-10}
REPEAT=${SEARCH_RAW_REPEAT:-10}
MANDIR=${SEARCH_MANDIR:-/usr/share/man/pl}
FTS_RAW=${FTS_RAW_BIN:-}
INDEX_GOAL=5000  # practices indexed per second
RATIO_GOAL=1.5   # API median at most this many times the raw median
MEDIAN_GOAL=5    # API median under this many milliseconds
WRK_THREADS=2
WRK_CONNS=4
# A response still counts if it arrives within the run, however slow.
WRK_TIMEOUT=$((DURATION > 2 ? DURATION : 2))

TMP=""
PRAXIS_PID=""

. "$ROOT/bench/lib.sh"

# Kills whatever this script started; runs on every exit path.
cleanup() {
	[ -z "$PRAXIS_PID" ] || stop_praxis
	[ -n "$TMP" ] && rm -rf "$TMP"
}

check_tools() {
	require_tools wrk curl python3
	case $FTS_RAW in /* | "") ;; *) FTS_RAW=$PWD/$FTS_RAW ;; esac
	ls "$MANDIR"/man*/*.gz >/dev/null 2>&1 ||
		die "no man pages under $MANDIR (Debian: apt-get install manpages-pl)"
	case $PRACTICES in '' | *[!0-9]*) die "SEARCH_PRACTICES must be a number" ;; esac
	case $DURATION in '' | *[!0-9]*) die "SEARCH_SECONDS must be a number" ;; esac
	case $REPEAT in '' | *[!0-9]*) die "SEARCH_RAW_REPEAT must be a number" ;; esac
}

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0) ? n / s : 0 }'; }
verdict() { awk -v ok="$1" 'BEGIN { print ok ? "PASS" : "BELOW" }'; }

# The fts_raw binary: FTS_RAW_BIN, one built next to praxis (CMake puts it
# in bench/ under the build directory), or one built here with gcc against
# the build's libpraxiscore.a.
find_fts_raw() {
	local dir lib
	dir=$(dirname "$PRAXIS")
	if [ -n "$FTS_RAW" ]; then
		[ -x "$FTS_RAW" ] || die "fts_raw not found at $FTS_RAW"
		return 0
	fi
	for FTS_RAW in "$dir/bench/fts_raw" "$dir/fts_raw"; do
		[ -x "$FTS_RAW" ] && [ "$FTS_RAW" -nt "$dir/libpraxiscore.a" ] && return 0
	done
	lib=$dir/libpraxiscore.a
	[ -f "$lib" ] ||
		die "no fts_raw next to $PRAXIS and no $lib to build one (set FTS_RAW_BIN)"
	if ! command -v gcc >/dev/null || ! command -v pkg-config >/dev/null; then
		die "gcc and pkg-config are needed to build fts_raw (or set FTS_RAW_BIN)"
	fi
	FTS_RAW=$TMP/fts_raw
	# shellcheck disable=SC2046 # pkg-config prints several words
	quiet gcc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
		-I "$ROOT/src" "$ROOT/bench/fts_raw.c" "$lib" \
		$(pkg-config --libs libmicrohttpd sqlite3 libcmark jansson libsodium \
			libutf8proc hunspell) -lstemmer -lpthread -lm -o "$FTS_RAW"
}

# Writes the data set generator: paragraphs of real Polish prose from the
# man pages (troff requests dropped, escapes removed), combined at random
# into practices of about the demo's size.
write_generator() {
	cat >"$1" <<-'EOF'
		import json, random, sys

		from manpages import cut, polish

		def main():
		    n, mandir, vocab, out = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
		    rnd = random.Random(12345)
		    paras, heads, pages = polish(mandir, 1500)
		    if len(paras) < 100:
		        sys.exit('only %d paragraphs of Polish text under %s' % (len(paras), mandir))
		    heads = heads or ['Opis', 'Uwagi']
		    cats = []
		    def walk(cs):
		        for c in cs:
		            cats.append(c['slug'])
		            walk(c.get('children', []))
		    with open(vocab, encoding='utf-8') as f:
		        for v in json.load(f)['vocabularies']:
		            walk(v['categories'])
		    towns = ['Wronki', 'Chełmno', 'Sopot', 'Łomża', 'Gniezno', 'Żyrardów',
		             'Kętrzyn', 'Świdnik', 'Opole', 'Białystok', 'Zgierz', 'Tczew']
		    regions = ['wielkopolskie', 'kujawsko-pomorskie', 'pomorskie', 'podlaskie',
		               'mazowieckie', 'lubelskie', 'opolskie', 'łódzkie']
		    units = ['urban_municipality', 'rural_municipality',
		             'urban_rural_municipality', 'county', 'city_county']
		    orgs = [{'key': 'o%d' % i, 'name': 'Gmina %s' % t,
		             'unit_type': units[i % len(units)], 'town': t,
		             'region': regions[i % len(regions)], 'country': 'PL',
		             'population': rnd.randrange(2000, 300000)}
		            for i, t in enumerate(towns)]
		    with open(out, 'w', encoding='utf-8') as f:
		        f.write('{"organisations":')
		        json.dump(orgs, f, ensure_ascii=False)
		        f.write(',"practices":[')
		        for i in range(n):
		            summary = rnd.choice(paras)
		            words = [w for w in summary.split() if w[0].isalpha()] or summary.split()
		            title = ' '.join(words[:8]).rstrip('.,;:')
		            kw = sorted({w.strip('.,;:()"').lower() for w in words[:8]
		                         if len(w.strip('.,;:()"')) > 3
		                         and w.strip('.,;:()"').isalpha()})
		            parts = []
		            for _ in range(rnd.randint(2, 3)):
		                parts.append('## ' + rnd.choice(heads))
		                parts += rnd.sample(paras, rnd.randint(2, 4))
		            p = {'key': 'p%d' % i, 'organisation': orgs[i % len(orgs)]['key'],
		                 'lang': 'pl', 'status': 'published', 'title': title[:300],
		                 'summary': summary[:2000],
		                 'body': cut('\n\n'.join(parts), 190000),
		                 'date_entered': '%04d-%02d-%02d' % (
		                     rnd.randint(2005, 2024), rnd.randint(1, 12), rnd.randint(1, 28)),
		                 'categories': [rnd.choice(cats)],
		                 'keywords': rnd.sample(kw, min(2, len(kw)))}
		            if i:
		                f.write(',')
		            json.dump(p, f, ensure_ascii=False)
		        f.write(']}\n')
		    print('%d man pages, %d distinct paragraphs, %d section headings'
		          % (pages, len(paras), len(heads)))

		main()
	EOF
}

# The query mix: common words of the man pages (in several inflected
# forms), phrases, prefixes, two-word queries and an exclusion.
write_queries() {
	cat >"$1" <<-'EOF'
		plik
		pliku
		katalogu
		opcje
		opcja
		użytkownika
		system
		programu
		polecenia
		wartość
		domyślnie
		zmienna
		błąd
		sygnał
		proces
		"pliku konfiguracyjnego"
		"strony podręcznika"
		"wiersza poleceń"
		"zmiennej środowiskowej"
		prog*
		konfigur*
		użytkownik*
		plik katalogu
		opcje programu
		nazwa pliku
		proces sygnał
		uprawnienia użytkownika
		terminal znaki
		hasło konto
		pamięci -plik
	EOF
}

# A wrk script that cycles through the query mix, each thread from its own
# place in it, URL-encoding every query.
write_search_lua() {
	cat >"$1" <<-'EOF'
		-- args[1]: file with one query per line.
		local n = 0
		function setup(thread)
		  n = n + 1
		  thread:set("thread_no", n)
		end
		local function encode(s)
		  return (s:gsub("[^%w%-%._~]", function(c)
		    return string.format("%%%02X", string.byte(c))
		  end))
		end
		local paths, i = {}, 0
		function init(args)
		  for q in io.lines(args[1]) do
		    if q ~= "" then
		      paths[#paths + 1] = "/api/v1/search?q=" .. encode(q) .. "&limit=20"
		    end
		  end
		  i = (thread_no - 1) * math.floor(#paths / 2)
		end
		function request()
		  i = i % #paths + 1
		  return wrk.format(nil, paths[i])
		end
	EOF
}

# start_praxis DB: starts praxis with the page cache off, on a kernel-chosen
# port, and sets PRAXIS_PID and PRAXIS_PORT. stderr (incl. the access log)
# goes to a file.
start_praxis() {
	praxis_start "$1" "threads = $WRK_THREADS
per_ip_connections = 0
page_cache_mb = 0"
}

# Stops praxis with SIGTERM; praxis finishes the requests in flight, which
# for a slow search may take long, so after 5 s it is killed.
stop_praxis() {
	local pid=$PRAXIS_PID
	PRAXIS_PID=""
	kill -TERM "$pid" 2>/dev/null || return 0
	for _ in $(seq 50); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		echo "bench: praxis still busy 5 s after SIGTERM; killing it" >&2
		kill -KILL "$pid" 2>/dev/null || true
	fi
	wait "$pid" 2>/dev/null || true
}

# Converts a wrk duration (123.45us, 1.20ms, 2.00s, 1.50m) to milliseconds.
to_ms() {
	awk -v d="$1" 'BEGIN {
		v = d + 0; u = d; sub(/^[0-9.]+/, "", u)
		if (u == "us") f = 0.001
		else if (u == "ms") f = 1
		else if (u == "s") f = 1000
		else if (u == "m") f = 60000
		else if (u == "h") f = 3600000
		else exit 1
		printf "%.3f", v * f
	}'
}

# Generates the data set, loads it and rebuilds the index; sets DB.
make_catalogue() {
	local json=$TMP/data.json t secs
	DB=$TMP/search.db
	write_generator "$TMP/gen.py"
	echo "Data set: $PRACTICES practices from the man pages under $MANDIR"
	t=$(now)
	PYTHONPATH="$ROOT/bench" python3 "$TMP/gen.py" "$PRACTICES" "$MANDIR" "$ROOT/data/vocabularies.json" \
		"$json" >"$TMP/gen.out" || die "could not generate the data set"
	printf '  %-28s %s\n' "text used" "$(cat "$TMP/gen.out")"
	printf '  %-28s %s s (%s MiB of JSON)\n' "generated in" "$(since "$t")" \
		"$(($(stat -c %s "$json") / 1048576))"

	quiet "$PRAXIS" init --db "$DB"
	t=$(now)
	quiet "$PRAXIS" demo --db "$DB" --file "$json"
	secs=$(since "$t")
	grep -q " $PRACTICES practices" "$TMP/quiet.out" ||
		die "unexpected load result: $(cat "$TMP/quiet.out")"
	rm -f "$json"
	echo
	echo "Loading and indexing"
	printf '  %-28s %8s s  %6s practices/s\n' "load (demo --file)" "$secs" \
		"$(rate "$PRACTICES" "$secs")"

	t=$(now)
	quiet "$PRAXIS" reindex --db "$DB"
	secs=$(since "$t")
	grep -q "indexed $PRACTICES practices" "$TMP/quiet.out" ||
		die "unexpected reindex result: $(cat "$TMP/quiet.out")"
	INDEX_RATE=$(rate "$PRACTICES" "$secs")
	printf '  %-28s %8s s  %6s practices/s\n' "reindex" "$secs" "$INDEX_RATE"
	printf '  %-28s %s\n' "goal (>= $INDEX_GOAL/s)" \
		"$(verdict "$((INDEX_RATE >= INDEX_GOAL))")"
	printf '  %-28s %s MiB\n' "database size" \
		"$(du -cm "$DB"* | awk 'END { print $1 }')"
}

# Times the bare FTS5 MATCH; sets RAW_MEDIAN and RAW_P99.
bench_raw() {
	local out=$TMP/raw.out
	"$FTS_RAW" "$DB" "$QUERIES" "$REPEAT" >"$out" 2>"$TMP/raw.err" ||
		{ cat "$TMP/raw.err" >&2; die "fts_raw failed"; }
	RAW_MEDIAN=$(awk '$1 == "median_ms" { print $2 }' "$out")
	RAW_P99=$(awk '$1 == "p99_ms" { print $2 }' "$out")
	if [ -z "$RAW_MEDIAN" ] || [ -z "$RAW_P99" ]; then
		cat "$out" >&2
		die "no result from fts_raw"
	fi
	echo
	echo "Raw FTS5 MATCH (fts_raw: practice_fts_pl, ORDER BY rank LIMIT 20," \
		"$(awk '$1 == "queries" { print $2 }' "$out") queries x $REPEAT)"
	printf '  %-28s %10.3f ms\n' "median" "$RAW_MEDIAN" "p99" "$RAW_P99"
	# The same top 20 by a bm25() call with the API's column weights:
	# a cheaper floor than the rank column, shown, not used for the goal.
	printf '  %-28s %10.3f ms  (p99 %s ms)\n' "median, ORDER BY bm25()" \
		"$(awk '$1 == "bm25_median_ms" { print $2 }' "$out")" \
		"$(awk '$1 == "bm25_p99_ms" { print $2 }' "$out")"
}

PROBE_QUERY="hasło konto"

# probe BASE_URL: one search for PROBE_QUERY into $TMP/probe.json; prints
# its time in milliseconds.
probe() {
	local t
	t=$(curl -sS --fail --max-time 120 -o "$TMP/probe.json" -w '%{time_total}' \
		"$1/api/v1/search?q=has%C5%82o%20konto&limit=20" 2>"$TMP/curl.err") || {
		cat "$TMP/curl.err" >&2
		tail -5 "$PRAXIS_LOG" >&2
		die "search probe failed"
	}
	awk -v t="$t" 'BEGIN { printf "%.3f", t * 1000 }'
}

# cold_pass BASE_URL: each query of the mix once, in order, from one
# client, before anything else searched for it: every phrase is read from
# the index (the server keeps what a search read for the searches after
# it). Sets COLD_MEDIAN and COLD_MAX in milliseconds.
cold_pass() {
	local q t times=$TMP/cold.txt
	: >"$times"
	while IFS= read -r q; do
		[ -n "$q" ] || continue
		t=$(curl -sS --fail --max-time 120 -o /dev/null -w '%{time_total}' -G \
			--data-urlencode "q=$q" --data-urlencode "limit=20" \
			"$1/api/v1/search" 2>"$TMP/curl.err") || {
			cat "$TMP/curl.err" >&2
			die "search failed: $q"
		}
		echo "$t" >>"$times"
	done <"$QUERIES"
	COLD_MEDIAN=$(sort -g "$times" | awk '{ t[NR] = $1 * 1000 }
		END { printf "%.3f", (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }')
	COLD_MAX=$(sort -g "$times" | awk 'END { printf "%.3f", $1 * 1000 }')
}

# Runs wrk through the query mix against the API; sets API_MEDIAN (empty
# when no request completed).
bench_api() {
	local out=$TMP/wrk.out base completed p50 p99 rps probe_ms probe_total
	start_praxis "$DB"
	base="http://127.0.0.1:$PRAXIS_PORT"
	# A query with few hits first, twice (the first request of a process
	# also loads dictionaries): the server answers searches at all, and
	# one request's time on an idle server.
	probe "$base" >/dev/null
	probe_ms=$(probe "$base")
	probe_total=$(python3 -c 'import json, sys; print(json.load(sys.stdin)["total"])' \
		<"$TMP/probe.json") ||
		die "no total in the search probe's answer: $(head -c 300 "$TMP/probe.json")"
	cold_pass "$base"
	write_search_lua "$TMP/search.lua"
	wrk -t"$WRK_THREADS" -c"$WRK_CONNS" -d"${DURATION}s" --timeout "${WRK_TIMEOUT}s" \
		--latency -s "$TMP/search.lua" "$base/" -- "$QUERIES" >"$out" 2>&1 ||
		{ cat "$out" >&2; die "wrk failed"; }
	stop_praxis
	grep -E 'Non-2xx|Socket errors' "$out" | sed 's|^ *|bench: wrk: |' >&2 || true
	completed=$(awk '/ requests in / { print $1 }' "$out")
	rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
	if [ -z "$completed" ] || [ -z "$rps" ]; then
		cat "$out" >&2
		die "unexpected wrk output"
	fi
	echo
	echo "Search API (wrk -t$WRK_THREADS -c$WRK_CONNS ${DURATION}s, /api/v1/search?q=...&limit=20," \
		"praxis threads = $WRK_THREADS, page cache off, search_cache_mb at its default)"
	printf '  %-28s %10.3f ms  (q=%s, %s hits, idle server)\n' "one request" \
		"$probe_ms" "$PROBE_QUERY" "$probe_total"
	printf '  %-28s %10.3f ms  (slowest %s ms; each query once, read from the index)\n' \
		"first pass, median" "$COLD_MEDIAN" "$COLD_MAX"
	printf '  %-28s %10s\n' "requests completed" "$completed"
	API_MEDIAN=""
	if [ "$completed" -eq 0 ]; then
		printf '  %-28s %s\n' "median" "none completed in ${DURATION}s"
		return 0
	fi
	p50=$(awk '$1 == "50%" { print $2 }' "$out")
	p99=$(awk '$1 == "99%" { print $2 }' "$out")
	if ! API_MEDIAN=$(to_ms "$p50") || ! API_P99=$(to_ms "$p99"); then
		cat "$out" >&2
		die "cannot read wrk's latency distribution"
	fi
	printf '  %-28s %10.3f ms\n' "median" "$API_MEDIAN" "p99" "$API_P99"
	printf '  %-28s %10s\n' "req/s" "$rps"
	[ "$completed" -ge "$(grep -c . "$QUERIES")" ] ||
		echo "  (fewer requests than queries in the mix: only the first few were measured)"
}

report() {
	local ratio ok_ratio ok_median
	echo
	echo "Search goals"
	if [ -z "$API_MEDIAN" ]; then
		printf '  %-28s %s\n' "API/raw median ratio" "n/a (no API request completed)" \
			"goal (<= $RATIO_GOAL x raw)" "BELOW" "goal (median < $MEDIAN_GOAL ms)" "BELOW"
		return 0
	fi
	ratio=$(awk -v a="$API_MEDIAN" -v r="$RAW_MEDIAN" \
		'BEGIN { printf "%.2f", (r > 0) ? a / r : 0 }')
	ok_ratio=$(awk -v x="$ratio" -v g="$RATIO_GOAL" 'BEGIN { print (x <= g) }')
	ok_median=$(awk -v m="$API_MEDIAN" -v g="$MEDIAN_GOAL" 'BEGIN { print (m < g) }')
	printf '  %-28s %10s\n' "API/raw median ratio" "$ratio"
	printf '  %-28s %s\n' "goal (<= $RATIO_GOAL x raw)" "$(verdict "$ok_ratio")" \
		"goal (median < $MEDIAN_GOAL ms)" "$(verdict "$ok_median")"
}

main() {
	check_tools
	TMP=$(mktemp -d)
	trap cleanup EXIT
	trap 'exit 130' INT TERM
	QUERIES=$TMP/queries.txt
	write_queries "$QUERIES"
	find_fts_raw

	make_catalogue
	bench_raw
	bench_api
	report
}

main "$@"
