# Shared by the benchmark scripts (sourced, not run). Expects TMP (a
# temporary directory) and PRAXIS (the binary) to be set by the caller.

die() {
	echo "bench: $*" >&2
	exit 1
}

# quiet CMD...: runs CMD, showing its output only if it fails.
quiet() {
	"$@" >"$TMP/quiet.out" 2>&1 || { cat "$TMP/quiet.out" >&2; die "failed: $*"; }
}

# require_tools TOOL...: dies naming the missing ones; resolves PRAXIS
# (a relative PRAXIS_BIN means relative to the caller's cwd).
require_tools() {
	local missing="" t
	for t in "$@"; do
		command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
	done
	[ -z "$missing" ] ||
		die "missing tools:$missing (Debian: scripts/deps.sh check installs them)"
	case $PRAXIS in /*) ;; *) PRAXIS=$PWD/$PRAXIS ;; esac
	[ -x "$PRAXIS" ] || die "praxis binary not found at $PRAXIS (build it or set PRAXIS_BIN)"
}

# praxis_start DB CONFIG: starts praxis with the settings in CONFIG on a
# kernel-chosen port; sets PRAXIS_PID, PRAXIS_PORT and PRAXIS_LOG (its
# stderr, the access log included, so that a crash can be shown).
praxis_start() {
	PRAXIS_LOG=$TMP/praxis-$(basename "$1" .db).log
	: >"$PRAXIS_LOG" # exists before the first poll below reads it
	printf '%s\n' "$2" >"$TMP/praxis.conf"
	"$PRAXIS" serve --db "$1" --listen 127.0.0.1:0 --config "$TMP/praxis.conf" \
		2>"$PRAXIS_LOG" &
	PRAXIS_PID=$!
	for _ in $(seq 100); do
		PRAXIS_PORT=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$PRAXIS_LOG")
		[ -n "$PRAXIS_PORT" ] && return 0
		kill -0 "$PRAXIS_PID" 2>/dev/null || break
		sleep 0.1
	done
	tail -5 "$PRAXIS_LOG" >&2
	die "praxis did not start (log above)"
}
