"""Polish prose from the man pages (Debian: manpages-pl) for the
benchmarks' generated catalogues (bench/search.sh, bench/import.sh):
troff requests dropped, escapes removed, one paragraph at a time."""
import glob
import gzip
import re

ESC = [
    (re.compile(r'\\f(\[[^\]]*\]|\(..|.)'), ''),
    (re.compile(r'\\s[+-]?\d'), ''),
    (re.compile(r'\\\*(\[[^\]]*\]|\(..|.)'), ''),
    (re.compile(r'\\\((em|en)'), '—'),
    (re.compile(r'\\\(aq'), "'"),
    (re.compile(r'\\\((lq|rq|Lq|Rq)'), '"'),
    (re.compile(r'\\\(..'), ''),
    (re.compile(r'\\\[[^\]]*\]'), ''),
    (re.compile(r'\\-'), '-'),
    (re.compile(r'\\e'), r'\\'),
    (re.compile(r'\\[&,/:%|^~0 c]'), ' '),
    (re.compile(r'\\(.)'), r'\1'),
]
# Requests that end a paragraph; font macros keep their text.
BREAK = {'PP', 'P', 'LP', 'TP', 'IP', 'HP', 'SH', 'SS', 'sp', 'RS', 'RE',
         'TQ', 'EX', 'EE', 'nf', 'fi', 'in', 'TS', 'TE', 'bp', 'br', 'ti'}
FONT = {'B', 'I', 'BR', 'RB', 'IR', 'RI', 'BI', 'IB', 'SM', 'SB'}
PL = re.compile('[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]')

def clean(s):
    for rx, rep in ESC:
        s = rx.sub(rep, s)
    return ' '.join(s.split())

def paragraphs(path):
    """Yields (section heading, paragraph) from one man page."""
    try:
        with gzip.open(path, 'rt', encoding='utf-8', errors='replace') as f:
            lines = f.read().splitlines()
    except (OSError, EOFError):
        return
    section, cur, table = '', [], False
    def flush():
        text = clean(' '.join(cur))
        cur.clear()
        return text
    for ln in lines:
        if ln.startswith(('.', "'")):
            req = ln[1:].split(None, 1)
            name = req[0] if req else ''
            table = (table or name == 'TS') and name != 'TE'
            if name in FONT and len(req) > 1:
                cur.append(req[1].replace('"', ''))
            elif name in BREAK:
                t = flush()
                if t:
                    yield section, t
                if name in ('SH', 'SS') and len(req) > 1:
                    section = clean(req[1].replace('"', ''))
            continue
        if table:
            continue
        if not ln.strip():
            t = flush()
            if t:
                yield section, t
            continue
        cur.append(ln)
    t = flush()
    if t:
        yield section, t

def cut(text, limit):
    """text shortened to limit characters at a sentence or word end."""
    if len(text) <= limit:
        return text
    t = text[:limit]
    dot = t.rfind('. ')
    return t[:dot + 1] if dot > limit // 2 else t[:t.rfind(' ')]


def polish(mandir, limit):
    """Every distinct paragraph of Polish prose (ten words or more) in the
    man pages under mandir, cut to limit characters; the Polish section
    headings; and how many pages gave any. Boilerplate (translators,
    copyright) repeats in every page and is taken once."""
    paras, heads, seen, pages = [], set(), set(), 0
    for path in sorted(glob.glob(mandir + '/man*/*.gz')):
        got = 0
        for sec, p in paragraphs(path):
            if len(p.split()) < 10 or not PL.search(p) or p in seen:
                continue
            seen.add(p)
            paras.append(cut(p, limit))
            got += 1
            if sec and PL.search(sec) and len(sec) < 40:
                heads.add(sec.capitalize())
        pages += got > 0
    return paras, sorted(heads), pages
