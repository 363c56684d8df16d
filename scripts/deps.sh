#!/bin/sh
# Installs what building, running and testing praxis needs, and only what is
# missing: Debian packages with apt-get, front-end/test tools with npm.
# Usage: scripts/deps.sh [run|check]
set -eu
mode=${1:-check}

need_run="cmake make gcc pkg-config libmicrohttpd-dev libsqlite3-dev libcmark-dev
  libjansson-dev libsodium-dev libutf8proc-dev"
need_check="$need_run libcmocka-dev clang libclang-rt-14-dev nodejs npm
  default-jre-headless curl wrk nginx-light"

case $mode in
run) want=$need_run ;;
check) want=$need_check ;;
*) echo "usage: $0 [run|check]" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "deps: installing$missing"
	if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
	$SUDO apt-get update -qq
	# nginx is only a benchmark reference; keep it from starting as a service.
	DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 $SUDO apt-get install -y -qq \
		--no-install-recommends $missing >/dev/null
fi

if [ "$mode" = check ]; then
	here=$(cd "$(dirname "$0")/.." && pwd)
	if [ ! -f "$here/tests/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
		echo "deps: npm ci (tests/)"
		(cd "$here/tests" && npm ci --no-audit --no-fund --loglevel=error)
	fi
fi
