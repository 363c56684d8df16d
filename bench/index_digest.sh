#!/bin/sh
# Prints a digest of every table behind the search index of a praxis
# database (FTS5's data, idx, content, docsize and config tables of each
# index table), so that two builds of the index can be compared byte for
# byte, e.g. before and after a change to `praxis reindex`:
#
#   bench/index_digest.sh a.db > a.txt; bench/index_digest.sh b.db > b.txt
#   diff a.txt b.txt
#
# Needs: sqlite3 (the CLI).
set -eu
[ $# -eq 1 ] || { echo "usage: $0 DATABASE" >&2; exit 2; }
for l in pl sl en ar xx; do
	for t in data idx content docsize config; do
		case $t in
		data) c="id, hex(block)" ;;
		idx) c="segid, hex(term), pgno" ;;
		content) c="id, typeof(c0), hex(c0), typeof(c1), hex(c1), hex(c2), hex(c3)" ;;
		docsize) c="id, hex(sz)" ;;
		config) c="k, v" ;;
		esac
		printf '%s_%s %s\n' "$l" "$t" "$(sqlite3 "$1" \
			"SELECT $c FROM practice_fts_${l}_$t ORDER BY 1, 2" |
			sha256sum | cut -c1-16)"
	done
done
