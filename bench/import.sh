#!/bin/bash
# Measures `praxis import`: generates N saved pages (pages of the Polish
# good-practice database with their key facts in site chrome, news
# articles with legal acts and links, and the same as text files) from
# the Polish man pages' prose, imports them into a fresh database and
# prints pages per second, against `praxis demo --generate N` (the same
# number of practices stored from JSON, no parsing) in the same run.
#
# Usage: bench/import.sh          (from any directory)
# Environment:
#   PRAXIS_BIN       praxis binary (default: build/praxis in the repo root)
#   IMPORT_PAGES     pages to generate (default: 10000)
#   IMPORT_MANDIR    man page tree to take text from (default: /usr/share/man/pl)
# Needs: python3, Polish man pages (Debian: manpages-pl).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PRAXIS=${PRAXIS_BIN:-$ROOT/build/praxis}
PAGES=${IMPORT_PAGES:-10000}
MANDIR=${IMPORT_MANDIR:-/usr/share/man/pl}
TMP=""

. "$ROOT/bench/lib.sh"

cleanup() { [ -n "$TMP" ] && rm -rf "$TMP"; }

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0) ? n / s : 0 }'; }

# Writes the page generator: paragraphs of real Polish prose from the man
# pages (troff requests dropped, escapes removed), made into pages.
write_generator() {
	cat >"$1" <<-'EOF'
		import html, os, random, sys

		from manpages import polish

		TOWNS = [('Wronki', 'szamotulski', 'wielkopolskie', 'gmina miejsko-wiejska'),
		         ('Chełmno', 'chełmiński', 'kujawsko-pomorskie', 'gmina miejska'),
		         ('Sopot', 'Sopot', 'pomorskie', 'miasto na prawach powiatu'),
		         ('Łomża', 'Łomża', 'podlaskie', 'miasto na prawach powiatu'),
		         ('Kwilcz', 'międzychodzki', 'wielkopolskie', 'gmina wiejska'),
		         ('Żyrardów', 'żyrardowski', 'mazowieckie', 'powiat'),
		         ('Świdnik', 'świdnicki', 'lubelskie', 'gmina miejska')]
		TRAILS = ['Usługi społeczne : Pomoc społeczna', 'Usługi społeczne : Edukacja',
		          'Usługi techniczne', 'Rozwój instytucjonalny', 'Efektywność energetyczna',
		          'Usługi społeczne : Kultura', 'Dialog społeczny']
		MONTHS = ['stycznia', 'lutego', 'marca', 'kwietnia', 'maja', 'czerwca', 'lipca',
		          'sierpnia', 'września', 'października', 'listopada', 'grudnia']
		CHROME_TOP = ('<div id="top"><div id="skin-picker">Wybierz skórkę: <a href="#">niebieska</a>'
		              ' | <a href="#">zielona</a></div><ul id="menu"><li><a href="/">Start</a></li>'
		              '<li><a href="/praktyki">Praktyki</a></li><li><a href="/kontakt">Kontakt</a></li></ul></div>')
		CHROME_END = ('<div class="licznik">Liczba odwiedzin: %d</div><div id="komentarze"><h3>Komentarze</h3>'
		              '<form><textarea></textarea><button>Dodaj komentarz</button></form></div></div>'
		              '<div id="stopka">Partnerzy: Związek Miast Polskich</div></body></html>')

		def esc(s):
		    return html.escape(s, quote=True)

		def act(rnd, i, town):
		    return 'Uchwała nr %s/%d/%d Rady Miejskiej w %s z dnia %d %s %d roku' % (
		        ['XII', 'XXIV', 'LIII', 'IX'][i % 4], 100 + i, 2010 + i % 12, town,
		        1 + i % 28, MONTHS[i % 12], 2010 + i % 12)

		def metryka(rnd, i, paras, text):
		    town, county, region, unit = TOWNS[i % len(TOWNS)]
		    title = 'Praktyka %d: %s' % (i, ' '.join(rnd.choice(paras).split()[:6]))
		    body = [rnd.choice(paras) for _ in range(3)]
		    body[1] += ' Podstawą jest ' + act(rnd, i, town) + '.'
		    stages = [' '.join(rnd.choice(paras).split()[:12]) for _ in range(3)]
		    facts = [('Data wprowadzenia', '%d-%02d-%02d' % (2010 + i % 12, 1 + i % 12, 1 + i % 28)),
		             ('Typ jednostki', unit), ('Miejscowość', town), ('Powiat', county),
		             ('Województwo', region), ('Kod pocztowy', '6%d-%03d' % (i % 10, i % 1000)),
		             ('Poczta', town), ('Jednostka realizująca', 'Urząd Gminy %s' % town),
		             ('Ulica', 'ul. Rynek %d' % (1 + i % 40)), ('Strona www', 'www.gmina%d.example.pl' % (i % 50)),
		             ('Liczba mieszkańców', '{:,}'.format(2000 + i * 7).replace(',', '.'))]
		    contact = ['Jan Nowak %d' % i, 'kierownik referatu', 'tel. 61 44 %02d %03d' % (i % 100, i % 1000),
		               'e-mail: jan.nowak%d@gmina.example.pl' % i]
		    if text:
		        return '\n\n'.join([title, 'Wybierz skórkę: niebieska | zielona', TRAILS[i % len(TRAILS)]] + body +
		                           ['Etapy realizacji:\n' + '\n'.join('%d. %s' % (k + 1, s) for k, s in enumerate(stages)),
		                            'Metryka praktyki\n' + '\n'.join('%s:  %s' % f for f in facts) +
		                            '\nOsoby do kontaktu:\n' + '\n'.join(contact),
		                            'Liczba odwiedzin: %d' % (i * 13)]) + '\n'
		    return ('<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><title>%s - Baza Dobrych Praktyk</title>'
		            '<script>var x = 1;</script></head><body>' % esc(title) + CHROME_TOP +
		            '<div id="tresc"><p class="kategoria">%s</p><h1>%s</h1>' % (esc(TRAILS[i % len(TRAILS)]), esc(title)) +
		            ''.join('<p>%s</p>' % esc(p) for p in body) + '<p>Etapy realizacji:</p><ol>' +
		            ''.join('<li>%s</li>' % esc(s) for s in stages) + '</ol><h3>Metryka praktyki</h3><table>' +
		            ''.join('<tr><td>%s:</td><td>%s</td></tr>' % (esc(k), esc(v)) for k, v in facts) +
		            '</table><p>Osoby do kontaktu:<br>%s</p>' % '<br>'.join(esc(c) for c in contact) +
		            CHROME_END % (i * 13))

		def article(rnd, i, paras):
		    town = TOWNS[i % len(TOWNS)][0]
		    title = 'Aktualność %d: %s' % (i, ' '.join(rnd.choice(paras).split()[:7]))
		    body = [rnd.choice(paras) for _ in range(4)]
		    body[2] += ' Zasady określa ' + act(rnd, i, town).replace('Uchwała', 'uchwała') + '.'
		    return ('<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><title>%s | Gmina %s</title>'
		            '<base href="https://www.gmina%d.example.pl/aktualnosci/"></head><body><nav><a href="/">Start</a>'
		            '<a href="/bip">BIP</a></nav><main><article><h1>%s</h1>' % (esc(title), esc(town), i % 50, esc(title)) +
		            ''.join('<p>%s</p>' % esc(p) for p in body) +
		            '<p>Więcej w <a href="dokumenty/zalacznik-%d.pdf">załączniku</a> i na '
		            '<a href="https://www.example.pl/projekt/%d">stronie projektu</a>.</p>' % (i, i) +
		            '<div class="share"><a href="https://facebook.com/x">Udostępnij</a></div></article></main>'
		            '<footer>Urząd Gminy %s</footer></body></html>' % esc(town))

		def main():
		    n, mandir, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
		    rnd = random.Random(12345)
		    paras = polish(mandir, 1200)[0]
		    if len(paras) < 100:
		        sys.exit('only %d paragraphs of Polish text under %s' % (len(paras), mandir))
		    for i in range(n):
		        kind = i % 10
		        if kind < 5:
		            name, data = 'metryka-%05d.html' % i, metryka(rnd, i, paras, False)
		        elif kind < 8:
		            name, data = 'artykul-%05d.html' % i, article(rnd, i, paras)
		        else:
		            name, data = 'metryka-%05d.txt' % i, metryka(rnd, i, paras, True)
		        sub = os.path.join(out, '%03d' % (i // 500))
		        os.makedirs(sub, exist_ok=True)
		        with open(os.path.join(sub, name), 'w', encoding='utf-8') as f:
		            f.write(data)

		main()
	EOF
}

main() {
	require_tools python3
	case $PAGES in '' | *[!0-9]*) die "IMPORT_PAGES must be a number" ;; esac
	ls "$MANDIR"/man*/*.gz >/dev/null 2>&1 ||
		die "no man pages under $MANDIR (Debian: apt-get install manpages-pl)"
	TMP=$(mktemp -d)
	trap cleanup EXIT

	write_generator "$TMP/gen.py"
	local t0
	t0=$(now)
	PYTHONPATH="$ROOT/bench" python3 "$TMP/gen.py" "$PAGES" "$MANDIR" "$TMP/pages"
	echo "generated $PAGES pages in $(since "$t0") s ($(du -sh "$TMP/pages" | cut -f1))"

	quiet "$PRAXIS" init --db "$TMP/ref.db"
	t0=$(now)
	quiet "$PRAXIS" demo --db "$TMP/ref.db" --generate "$PAGES"
	local ref_s ref_rate
	ref_s=$(since "$t0")
	ref_rate=$(rate "$PAGES" "$ref_s")

	quiet "$PRAXIS" init --db "$TMP/import.db"
	t0=$(now)
	"$PRAXIS" import --db "$TMP/import.db" "$TMP/pages" >"$TMP/summary.txt" 2>&1 ||
		{ tail -20 "$TMP/summary.txt" >&2; die "import failed"; }
	local imp_s imp_rate
	imp_s=$(since "$t0")
	imp_rate=$(rate "$PAGES" "$imp_s")
	tail -1 "$TMP/summary.txt"
	grep -q "^$PAGES files: $PAGES practices imported, 0 already imported, 0 files failed" "$TMP/summary.txt" ||
		die "not every page was imported (summary above)"

	printf '%-34s %8s %10s\n' "" "seconds" "per second"
	printf '%-34s %8s %10s\n' "praxis import (pages)" "$imp_s" "$imp_rate"
	printf '%-34s %8s %10s\n' "praxis demo --generate (reference)" "$ref_s" "$ref_rate"
	awk -v a="$imp_rate" -v b="$ref_rate" \
		'BEGIN { printf "import runs at %.2f of the reference rate\n", (b > 0) ? a / b : 0 }'
}

main "$@"
