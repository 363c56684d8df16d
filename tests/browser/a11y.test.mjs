// Accessibility in a real browser (Debian's chromium, driven by
// playwright-core): every page type in every interface language the server
// offers is checked by axe-core against WCAG 2.1 A and AA, after the
// interactions that change it; keyboard use of the skip link and the
// submission form; text direction per language; screenshots; and no page
// loads anything from another origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import { startServer } from '../e2e/harness.mjs';
import { addUser, submission } from '../e2e/browser.mjs';
import { launch, axeViolations, formatViolations, focused, tabThroughForm } from './chromium.mjs';

const SHOTS = new URL('../artifacts/screenshots/', import.meta.url).pathname;
const PASSWORD = 'browser test password';
const EDITOR = 'editor@example.org';
const ADMIN = 'admin@example.org';

let srv, browser, origin;
let langs = [];            // [{ lang, prefix }] from the home page's hreflang links
let ids = {};              // a practice, an organisation, a category of the demo data
let extraPages = [];       // HTML pages linked from the footer (accessibility statement, …)
const requests = [];       // every request any page made: { url, page }
const seen = [];           // every page checked: { lang, name, url, dir, htmlLang, direction }
const contexts = {};

before(async () => {
  srv = await startServer({
    // tiles from here, where there are none: the map page must still
    // work, and nothing may come from another origin
    extraConfig: 'form_min_seconds = 0\nsubmissions_per_hour = 1000\nlogins_per_15min = 1000\n' +
      'map_tiles = /tiles/{z}/{x}/{y}.png\n',
  });
  origin = new URL(srv.base).origin;
  addUser(srv.db, { email: EDITOR, name: 'Edyta Redaktor', role: 'editor', password: PASSWORD });
  addUser(srv.db, { email: ADMIN, name: 'Adam Admin', role: 'admin', password: PASSWORD });
  browser = await launch();
  // The page's Content-Security-Policy allows no inline script, which is
  // what addScriptTag injects; the test's own script needs the bypass. So
  // that the page seen is still the one users see, check() makes sure no
  // page has anything inline that the policy would have blocked.
  for (const who of ['anon', 'editor', 'admin']) {
    const ctx = await browser.newContext({ bypassCSP: true });
    ctx.on('request', (r) => {
      let from = '';
      try { from = r.frame().url(); } catch { /* not from a frame */ }
      requests.push({ url: r.url(), page: from });
    });
    contexts[who] = { ctx, page: await ctx.newPage() };
  }
  const page = contexts.anon.page;
  await page.goto(srv.base + '/');
  const alternates = await page.$$eval('link[rel="alternate"][hreflang]',
    (ls) => ls.map((l) => ({ lang: l.hreflang, href: l.href })));
  langs = alternates.filter((a) => a.lang !== 'x-default')
    .map(({ lang, href }) => ({ lang, prefix: new URL(href).pathname.replace(/\/$/, '') }));
  assert.ok(langs.length >= 2, `languages offered: ${JSON.stringify(alternates)}`);
  ids.practice = await firstMatch(page, '/practices', /\/practices\/(\d+)/);
  ids.organisation = await firstMatch(page, `/practices/${ids.practice}`, /\/organisations\/(\d+)/);
  ids.category = await firstMatch(page, '/categories', /\/categories\/([a-z0-9-]+)/);
  await page.goto(srv.base + '/');
  const known = new Set(['/login', '/logout', '/']);
  const footer = await page.$$eval('footer a[href^="/"]', (as) => as.map((a) => a.getAttribute('href')));
  for (const href of new Set(footer.map(unprefixed))) {
    if (known.has(href)) continue;
    const r = await fetch(srv.base + href);
    await r.arrayBuffer();
    if (r.ok && /^text\/html/.test(r.headers.get('content-type'))) extraPages.push(href);
  }
  await signIn(contexts.editor.page, EDITOR);
  await signIn(contexts.admin.page, ADMIN);
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

// A local path without its interface language prefix.
function unprefixed(path) {
  const l = langs.find((l) => l.prefix && (path === l.prefix || path.startsWith(`${l.prefix}/`)));
  return l ? path.slice(l.prefix.length) || '/' : path;
}

// The first capture group of the first link on the page matching re.
async function firstMatch(page, path, re) {
  await page.goto(srv.base + path);
  const hrefs = await page.$$eval('main a[href]', (as) => as.map((a) => a.getAttribute('href')));
  const m = hrefs.map((h) => h.match(re)).find(Boolean);
  assert.ok(m, `no link like ${re} on ${path}`);
  return m[1];
}

// Through the real sign-in form.
async function signIn(page, email) {
  await page.goto(srv.base + '/login');
  await page.fill('#f-email', email);
  await page.fill('#f-password', PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('/login')),
    page.click('form.login-form button[type="submit"]')]);
}

// Notes the page's language and direction, then runs axe on it. On the
// map page Leaflet positions its layers through element.style, which the
// CSP allows (it is not markup): only there style attributes are fine.
async function check(page, lang, name) {
  if (name === 'map') await page.waitForSelector('#map[data-markers]');
  const scripted = name === 'map';
  const { inline, ...info } = await page.evaluate((styled) => ({
    dir: document.documentElement.getAttribute('dir'),
    htmlLang: document.documentElement.getAttribute('lang'),
    direction: getComputedStyle(document.body).direction,
    inline: [...document.querySelectorAll('*')].filter((e) =>
      e.matches(styled ? 'style, script:not([src]):not([type="application/ld+json"])'
        : 'style, script:not([src]):not([type="application/ld+json"]), [style]') ||
      [...e.attributes].some((a) => a.name.startsWith('on'))).map((e) => e.outerHTML.slice(0, 80)),
  }), scripted);
  seen.push({ lang, name, url: page.url(), ...info });
  assert.deepEqual(inline, [], `${page.url()}: inline style or script, which the page's CSP blocks`);
  const v = await axeViolations(page);
  assert.equal(v.length, 0, `axe found ${v.length} WCAG 2.1 AA violation(s):\n` +
    formatViolations(`${lang} ${name} ${page.url()}`, v));
}

async function open(page, url) {
  const r = await page.goto(url);
  assert.equal(r.status(), 200, `${url}: status ${r.status()}`);
}

// Fills the submission form through the page, as a person would.
async function fillSubmission(page) {
  for (const [name, value] of Object.entries(submission())) {
    if (name === 'homepage' || value === '') continue;
    const el = page.locator(`form.submit-form [name="${name}"]`);
    const kind = await el.first().evaluate((e) => (e.tagName === 'SELECT' ? 'select' : e.type));
    if (kind === 'select') await el.selectOption(value);
    else if (kind === 'checkbox') await page.check(`form.submit-form [name="${name}"][value="${value}"]`);
    else await el.fill(value);
  }
}

test('axe reports the violations of a broken page', async () => {
  const page = await browser.newPage();
  try {
    await page.setContent('<!DOCTYPE html><html><title>x</title><body><input type="text"><img></body></html>');
    const ids = (await axeViolations(page)).map((v) => v.id);
    for (const id of ['html-has-lang', 'label', 'image-alt'])
      assert.ok(ids.includes(id), `axe did not report ${id} (reported: ${ids.join(', ')})`);
  } finally {
    await page.close();
  }
});

test('axe finds no WCAG 2.1 AA violation on any page in any language', async (t) => {
  const anon = contexts.anon.page;
  // One submission through the form gives the tracking page and a
  // practice in the editors' queue.
  await open(anon, `${srv.base}/submit`);
  await fillSubmission(anon);
  await Promise.all([anon.waitForURL(/\/track\//), anon.click('form.submit-form button[type="submit"]')]);
  const track = new URL(anon.url());
  const trackPath = unprefixed(track.pathname) + track.search;
  const ed = contexts.editor.page;
  await open(ed, `${srv.base}/editor/queue`);
  const queued = await ed.$$eval('main a[href*="/editor/practices/"]',
    (as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent })));
  const mine = queued.find((q) => q.text.includes(submission().title)) ?? queued[0];
  assert.ok(mine, 'the editors\' queue lists a practice');
  const review = `/editor/practices/${mine.href.match(/\/editor\/practices\/(\d+)/)[1]}`;

  const publicPages = [
    ['home', ''],
    ['list', '/practices?category=social-services&lang=pl&lang=sl&unit=urban_rural_municipality&unit=rural_municipality&page=1'],
    ['list-page-2', '/practices?page=2'],
    ['practice', `/practices/${ids.practice}`],
    ['practice-full', `/practices/${ids.practice}/full`],
    ['categories', '/categories'],
    ['category', `/categories/${ids.category}`],
    ['organisation', `/organisations/${ids.organisation}`],
    ['search', '/search?q=pomoc+spo%C5%82eczna'],
    ['search-nothing', '/search?q=zzqxjvwk'],
    ['map', '/map?region=wielkopolskie'],
    ['submit', '/submit'],
    ['login', '/login'],
    ['track', trackPath],
    ...extraPages.map((p) => [p.slice(1).replace(/\//g, '-'), p]),
  ];
  for (const { lang, prefix } of langs) {
    const home = prefix || '/';
    for (const [name, path] of publicPages) {
      await t.test(`${lang} ${name}`, async () => {
        await open(anon, srv.base + (path ? prefix + path : home));
        await check(anon, lang, name);
      });
    }
    await t.test(`${lang} submit with errors`, async () => {
      await open(anon, `${srv.base}${prefix}/submit`);
      await anon.$eval('form.submit-form', (f) => { f.noValidate = true; });
      await Promise.all([anon.waitForNavigation(), anon.click('form.submit-form button[type="submit"]')]);
      assert.ok(await anon.locator('.form-errors').count(), 'the errors are listed');
      assert.ok(await anon.locator('[aria-invalid="true"]').count(), 'fields are marked invalid');
      await check(anon, lang, 'submit-errors');
    });
    await t.test(`${lang} login with errors`, async () => {
      await open(anon, `${srv.base}${prefix}/login`);
      await anon.fill('#f-email', 'nobody@example.org');
      await anon.fill('#f-password', 'not the password at all');
      await Promise.all([anon.waitForNavigation(), anon.click('form.login-form button[type="submit"]')]);
      assert.ok(await anon.locator('.form-errors').count(), 'the error is shown');
      await check(anon, lang, 'login-errors');
    });
    for (const [name, path] of [['queue', '/editor/queue'], ['review', review],
      ['edit', `${review}/edit`], ['revisions', `${review}/revisions`]]) {
      await t.test(`${lang} editor ${name}`, async () => {
        await open(ed, srv.base + prefix + path);
        await check(ed, lang, `editor-${name}`);
      });
    }
    await t.test(`${lang} editor edit preview`, async () => {
      await open(ed, `${srv.base}${prefix}${review}/edit`);
      await ed.fill('form.submit-form [name="body"]', '## Cele\n\nWięcej **głosu** seniorów.\n\n- nabór\n- wybory');
      await Promise.all([ed.waitForNavigation(), ed.click('form.submit-form button[value="preview"]')]);
      await check(ed, lang, 'editor-edit-preview');
    });
    const admin = contexts.admin.page;
    for (const [name, path] of [['users', '/admin/users'], ['audit', '/admin/audit'],
      ['vocabularies', '/admin/vocabularies']]) {
      await t.test(`${lang} admin ${name}`, async () => {
        await open(admin, srv.base + prefix + path);
        await check(admin, lang, `admin-${name}`);
      });
    }
  }
});

test('keyboard: the skip link comes first, shows itself and leads to the main content', async () => {
  const page = contexts.anon.page;
  const viewport = page.viewportSize();
  for (const { lang, prefix } of langs) {
    await open(page, srv.base + (prefix || '/'));
    await page.keyboard.press('Tab');
    const f = await focused(page);
    assert.ok(f && f.cls.split(' ').includes('skip-link'), `${lang}: first Tab focused ${JSON.stringify(f)}`);
    assert.ok(f.indicator, `${lang}: the skip link shows no focus indicator (${f.outline}, ${f.boxShadow})`);
    const box = await page.locator('.skip-link').boundingBox();
    assert.ok(box && box.width > 0 && box.height > 0 && box.x >= 0 && box.y >= 0 &&
      box.x + box.width <= viewport.width && box.y + box.height <= viewport.height,
    `${lang}: the focused skip link is not inside the viewport: ${JSON.stringify(box)}`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#main');
    assert.equal(await page.evaluate(() => document.querySelector(':target')?.id), 'main', `${lang}: #main is not the target`);
    // Focus, or the point the next Tab starts from, is now in <main>.
    const inMain = await page.evaluate(() => document.getElementById('main').contains(document.activeElement));
    if (!inMain) {
      await page.keyboard.press('Tab');
      assert.ok(await page.evaluate(() => document.getElementById('main').contains(document.activeElement)),
        `${lang}: Tab after the skip link went to ${JSON.stringify(await focused(page))}, outside <main>`);
    }
  }
});

test('keyboard: Tab reaches every control of the submission form, not the honeypot, with a visible focus', async () => {
  const page = contexts.anon.page;
  for (const { lang, prefix } of langs) {
    await open(page, `${srv.base}${prefix}/submit`);
    const { expected, honeypot, reached } = await tabThroughForm(page, 'form.submit-form');
    assert.ok(expected.length > 20, `${lang}: only ${expected.length} controls found`);
    assert.ok(honeypot.length > 0, `${lang}: no honeypot found in .hp`);
    const keys = new Set(reached.map((r) => r.key));
    const missed = expected.filter((k) => !keys.has(k));
    assert.deepEqual(missed, [], `${lang}: Tab never reached ${missed.join(', ')}`);
    const trapped = honeypot.filter((k) => keys.has(k));
    assert.deepEqual(trapped, [], `${lang}: Tab reached the honeypot ${trapped.join(', ')}`);
    const unexpected = reached.filter((r) => !expected.includes(r.key));
    assert.deepEqual(unexpected, [], `${lang}: Tab reached hidden or unknown elements`);
    const invisible = reached.filter((r) => !r.indicator);
    assert.deepEqual(invisible.map((r) => `${r.key}: outline ${r.outline}, box-shadow ${r.boxShadow}`), [],
      `${lang}: focused controls without a visible focus indicator`);
  }
});

test('text direction: every language but Arabic is left to right', () => {
  const ltr = langs.filter((l) => l.lang !== 'ar');
  for (const { lang } of ltr) {
    const pages = seen.filter((s) => s.lang === lang);
    assert.ok(pages.length > 0, `${lang}: no page was checked`);
    for (const p of pages) {
      assert.equal(p.dir, 'ltr', `${p.url}: <html dir="${p.dir}">`);
      assert.equal(p.htmlLang, lang, `${p.url}: <html lang="${p.htmlLang}">`);
      assert.equal(p.direction, 'ltr', `${p.url}: body direction ${p.direction}`);
    }
  }
});

test('text direction: Arabic pages, the editors\' ones too, are right to left', (t) => {
  if (!langs.some((l) => l.lang === 'ar')) {
    t.skip(`ar is not offered yet (offered: ${langs.map((l) => l.lang).join(', ')})`);
    return;
  }
  const pages = seen.filter((s) => s.lang === 'ar');
  assert.ok(pages.some((p) => p.name.startsWith('editor-')) && pages.some((p) => p.name.startsWith('admin-')),
    'the editors\' and admins\' pages were checked in Arabic');
  for (const p of pages) {
    assert.equal(p.dir, 'rtl', `${p.url}: <html dir="${p.dir}">`);
    assert.equal(p.htmlLang, 'ar', `${p.url}: <html lang="${p.htmlLang}">`);
    assert.equal(p.direction, 'rtl', `${p.url}: body direction ${p.direction}`);
  }
});

test('the map shows a marker for each practice it lists, without tiles', async () => {
  const page = contexts.anon.page;
  for (const { lang, prefix } of langs) {
    for (const q of ['?region=wielkopolskie', '', '?category=no-such-category']) {
      await open(page, `${srv.base}${prefix}/map${q}`);
      const drawn = await page.waitForSelector('#map[data-markers]').then((el) => el.getAttribute('data-markers'));
      const listed = await page.locator('.map-list li').count();
      assert.equal(Number(drawn), listed, `${lang} /map${q}: markers drawn and practices listed`);
      // what shows: single pins, and clusters with their counts
      const shown = await page.evaluate(() =>
        document.querySelectorAll('.leaflet-marker-icon.map-pin').length +
        [...document.querySelectorAll('.marker-cluster span')].reduce((n, s) => n + Number(s.textContent), 0));
      assert.equal(shown, listed, `${lang} /map${q}: every listed practice is on the map`);
    }
  }
  const popup = await page.goto(`${srv.base}/map?region=wielkopolskie`);
  assert.equal(popup.status(), 200);
});

test('screenshots of the main pages in every language', async () => {
  mkdirSync(SHOTS, { recursive: true });
  const page = contexts.anon.page;
  const shots = [['home', ''], ['list', '/practices'], ['practice', `/practices/${ids.practice}`],
    ['search', '/search?q=pomoc+spo%C5%82eczna'], ['map', '/map'], ['submit', '/submit']];
  for (const { lang, prefix } of langs) {
    for (const [name, path] of shots) {
      await open(page, srv.base + (path ? prefix + path : prefix || '/'));
      const file = `${SHOTS}${lang}-${name}.png`;
      await page.screenshot({ path: file, fullPage: true });
      assert.ok(statSync(file).size > 1000, `${file} is empty`);
    }
  }
});

test('no page loads anything from another origin', () => {
  assert.ok(requests.length > 100, `only ${requests.length} requests were recorded`);
  assert.ok(requests.some((r) => r.url.endsWith('/static/style.css')), 'the stylesheet request was not recorded');
  const foreign = requests.filter((r) => new URL(r.url).origin !== origin);
  assert.deepEqual(foreign.map((r) => `${r.url} (from ${r.page})`), [],
    `requests to another origin than ${origin}`);
});
