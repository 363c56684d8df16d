// The interface in four languages: language from the /xx/ prefix, else
// from Accept-Language; lang, dir and hreflang on every page; Arabic right
// to left; category labels per language; and the accessibility statement
// (deklaracja dostępności) with the element ids Polish law asks for.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.mjs';

const LANGS = ['pl', 'en', 'sl', 'ar'];
let srv;

before(async () => {
  srv = await startServer({ extraConfig: [
    'operator_name = Związek Gmin Przykładowych',
    'a11y_published = 2026-01-15', 'a11y_updated = 2026-11-20', 'a11y_prepared = 2026-11-21',
    'a11y_status = partial', 'a11y_contact_name = Anna Dostępna',
    'a11y_contact_email = dostepnosc@example.org', 'a11y_contact_phone = +48 61 000 00 00',
    'a11y_architecture = Wejście od ul. Rynek 1 bez progów; winda do wszystkich pięter.',
    'privacy_contact = iod@example.org', ''].join('\n') });
});
after(async () => { await srv.stop(); });

const page = async (path, headers = {}) => {
  const r = await fetch(srv.base + path, { headers });
  return { status: r.status, headers: r.headers, html: await r.text() };
};

test('every language: lang, dir, alternates, footer links', async () => {
  for (const lang of LANGS) {
    for (const path of ['/', '/practices', '/search?q=gmina', '/submit', '/accessibility']) {
      const { status, html } = await page(`/${lang}${path}`);
      assert.equal(status, 200, `/${lang}${path}`);
      assert.match(html, new RegExp(`<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`), `/${lang}${path}`);
      for (const other of LANGS)
        assert.match(html, new RegExp(`<link rel="alternate" hreflang="${other}" href="/${other}`), `${other} alternate on /${lang}${path}`);
      assert.match(html, new RegExp(`href="/${lang}/accessibility"`));
      assert.match(html, new RegExp(`href="/${lang}/privacy"`));
      // a missing message shows as its key, such as ">nav.submit<"
      assert.doesNotMatch(html, />(?:nav|site|submit|a11y|privacy|form|filter|search|list)\.[a-z_.]+</);
    }
  }
});

test('without a prefix the language follows Accept-Language, else the default', async () => {
  const cases = [['sl-SI,sl;q=0.9,en;q=0.5', 'sl'], ['de-DE,fr;q=0.8', 'pl'], ['en;q=0, ar', 'ar'],
    ['EN-gb', 'en'], ['*', 'pl'], ['', 'pl']];
  for (const [accept, lang] of cases) {
    const { html, headers } = await page('/', accept ? { 'accept-language': accept } : {});
    assert.match(html, new RegExp(`<html lang="${lang}"`), `Accept-Language: ${accept}`);
    assert.match(headers.get('vary') ?? '', /Accept-Language/i);
  }
  const prefixed = await page('/en/', { 'accept-language': 'sl' });
  assert.match(prefixed.html, /<html lang="en"/, 'the prefix wins');
});

test('category labels come in the reader\'s language', async () => {
  const expect = { pl: 'Pomoc społeczna', en: 'Social assistance', sl: 'Socialno varstvo' };
  for (const [lang, label] of Object.entries(expect))
    assert.ok((await page(`/${lang}/categories`)).html.includes(label), `${lang}: ${label}`);
  const ar = await page('/ar/categories');
  assert.match(ar.html, /[\u0600-\u06FF]{3,}/, 'Arabic labels');
  assert.ok(!ar.html.includes('>Social assistance<'), 'not the English fallback');
});

test('the accessibility statement has the structure the law asks for', async () => {
  for (const lang of LANGS) {
    const { html } = await page(`/${lang}/accessibility`);
    for (const id of ['a11y-wstep', 'a11y-podmiot', 'a11y-url', 'a11y-data-publikacja',
      'a11y-data-aktualizacja', 'a11y-status', 'a11y-data-sporzadzenie', 'a11y-kontakt',
      'a11y-osoba', 'a11y-email', 'a11y-telefon', 'a11y-procedura', 'a11y-architektura', 'a11y-aplikacje'])
      assert.match(html, new RegExp(`id="${id}"`), `${lang}: #${id}`);
    assert.match(html, /<span id="a11y-podmiot">Związek Gmin Przykładowych<\/span>/);
    assert.match(html, /<span id="a11y-data-publikacja">2026-01-15<\/span>/);
    assert.match(html, /<span id="a11y-email">dostepnosc@example.org<\/span>/);
    assert.match(html, /winda do wszystkich pięter/);
  }
  const pl = await page('/pl/accessibility');
  assert.match(pl.html, /ustawą z dnia 4 kwietnia 2019 r\. o dostępności cyfrowej/);
  assert.match(pl.html, /Rzecznika Praw Obywatelskich/);
  const privacy = await page('/pl/privacy');
  assert.match(privacy.html, /Związek Gmin Przykładowych/);
  assert.match(privacy.html, /iod@example.org/);
});
