import type { Locale } from '@kilde/schemas';
import { escapeHtml } from '../widget/ui';
import { ageBandLabels, askPageStrings } from './page-strings';

const LOCALE_NAMES: Record<Locale, string> = { nb: 'Bokmål', nn: 'Nynorsk', en: 'English' };

/**
 * `/sporsmal`: the form a young person uses — ask (with suggestions while typing), get the
 * receipt code and, for a crisis, the help numbers at once; read the answer with the code later.
 * @remarks Works with the API's own endpoints only. No inline script or style (strict CSP), no
 * cookies, no storage: the receipt is shown once and never kept in the browser.
 */
export function renderAskPage(locale: Locale, topics: readonly { slug: string; title: string }[] = []): string {
  const t = askPageStrings[locale];
  const s = (key: string): string => escapeHtml(t[key] ?? key);
  const ages = Object.entries(ageBandLabels[locale])
    .map(([value, label]) => `<option value="${value}">${escapeHtml(label)}</option>`)
    .join('');
  const topicOptions = topics.map((tp) => `<option value="${escapeHtml(tp.slug)}">${escapeHtml(tp.title)}</option>`).join('');
  const languages = (['nb', 'nn', 'en'] as const)
    .map((l) => (l === locale ? `<strong>${LOCALE_NAMES[l]}</strong>` : `<a href="/sporsmal?locale=${l}" hreflang="${l}">${LOCALE_NAMES[l]}</a>`))
    .join(' · ');
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${s('title')} – Kilde</title>
<link rel="stylesheet" href="/sporsmal/app.css">
<script src="/sporsmal/app.js" defer></script>
</head>
<body>
<header><a class="brand" href="/sok?locale=${locale}">Kilde</a> <nav aria-label="Språk / language">${languages}</nav></header>
<main id="app" data-locale="${locale}" data-strings="${escapeHtml(JSON.stringify(t))}">
<h1>${s('title')}</h1>
<p>${s('intro')}</p>
<p class="note">${s('privacy')}</p>
<form id="ask-form" novalidate>
  <label for="q-text">${s('question')}</label>
  <textarea id="q-text" name="text" rows="7" minlength="10" maxlength="2000" required aria-describedby="q-count"></textarea>
  <p id="q-count" class="hint" aria-live="polite"></p>
  <label for="q-age">${s('age')}</label>
  <select id="q-age" name="ageBand" required><option value="">${s('chooseAge')}</option>${ages}</select>
  <label for="q-topic">${s('topic')}</label>
  <select id="q-topic" name="topic"><option value="">${s('noTopic')}</option>${topicOptions}</select>
  <p class="check"><input type="checkbox" id="q-consent" name="consent"> <label for="q-consent">${s('consent')}</label></p>
  <p class="trap" aria-hidden="true"><label for="q-website">Website</label><input type="text" id="q-website" name="website" tabindex="-1" autocomplete="off"></p>
  <section id="similar" hidden aria-live="polite"><h2>${s('similarTitle')}</h2><ul id="similar-list"></ul></section>
  <p id="ask-error" class="error" role="alert" hidden></p>
  <button type="submit" id="ask-send">${s('send')}</button>
</form>
<section id="crisis" class="crisis" hidden role="alert"></section>
<section id="receipt" hidden>
  <h2>${s('receiptTitle')}</h2>
  <p>${s('receiptText')}</p>
  <p class="code" id="receipt-code" data-testid="receipt"></p>
  <p id="receipt-due"></p>
</section>
<section id="read">
  <h2>${s('readTitle')}</h2>
  <form id="read-form" novalidate>
    <p>${s('readText')}</p>
    <label for="read-code">${s('receipt')}</label>
    <input id="read-code" name="receipt" autocomplete="off" autocapitalize="characters" spellcheck="false" required>
    <button type="submit" id="read-send">${s('read')}</button>
  </form>
  <p id="read-error" class="error" role="alert" hidden></p>
  <div id="answer" hidden aria-live="polite"></div>
</section>
<p><a href="/sok?locale=${locale}">${s('search')}</a></p>
</main>
</body>
</html>
`;
}

const script = String.raw`'use strict';
(function () {
  var app = document.getElementById('app');
  var locale = app.getAttribute('data-locale');
  var t = JSON.parse(app.getAttribute('data-strings'));
  function $(id) { return document.getElementById(id); }
  function fmt(key, values) { var s = t[key] || key; for (var k in values) s = s.split('{' + k + '}').join(values[k]); return s; }
  function el(tag, attrs, text) { var e = document.createElement(tag); for (var k in attrs || {}) e.setAttribute(k, attrs[k]); if (text != null) e.textContent = text; return e; }
  function date(iso) { try { return new Date(iso).toLocaleDateString(locale === 'en' ? 'en-GB' : 'nb-NO', { day: 'numeric', month: 'long', year: 'numeric' }); } catch (e) { return iso.slice(0, 10); } }
  function errorText(status, code) {
    if (code === 'RECEIPT_NOT_FOUND') return t.errNotFound;
    if (status === 429) return t.errRate;
    if (code === 'QUESTION_DUPLICATE') return t.errDuplicate;
    if (code === 'QUESTION_REJECTED') return t.errSpam;
    if (status === 400) return t.errInvalid;
    return t.errUnavailable;
  }
  function show(node, on) { node.hidden = !on; }
  // Markdown is shown as plain paragraphs: nothing the answer contains becomes HTML.
  function paragraphs(container, markdown) {
    markdown.split(/\n{2,}/).forEach(function (block) {
      var text = block.replace(/^#+\s*/gm, '').replace(/\*\*|__|\x60/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').trim();
      if (text) container.appendChild(el('p', {}, text));
    });
  }

  var text = $('q-text'), count = $('q-count');
  var sawSuggestions = false, timer = null, lastQuery = '';
  function updateCount() { count.textContent = fmt('counter', { n: String(text.value.length) }); }
  updateCount();
  text.addEventListener('input', function () {
    updateCount();
    clearTimeout(timer);
    timer = setTimeout(suggest, 450);
  });
  function suggest() {
    var q = text.value.trim();
    if (q.length < 15 || q === lastQuery) return;
    lastQuery = q;
    fetch('/v1/questions/similar?' + new URLSearchParams({ q: q.slice(0, 500), locale: locale }))
      .then(function (r) { return r.ok ? r.json() : { data: [] }; })
      .then(function (body) {
        var list = $('similar-list');
        list.textContent = '';
        (body.data || []).forEach(function (s) {
          var li = el('li');
          var details = el('details');
          details.appendChild(el('summary', {}, s.title));
          details.appendChild(el('p', {}, s.answer || s.excerpt));
          var link = el('a', { href: s.url }, t.readMore);
          details.appendChild(el('p')).appendChild(link);
          var helped = el('button', { type: 'button', class: 'secondary' }, t.similarHelped);
          helped.addEventListener('click', deflected);
          details.appendChild(helped);
          li.appendChild(details);
          list.appendChild(li);
        });
        if (list.children.length > 0) sawSuggestions = true;
        show($('similar'), list.children.length > 0);
      })
      .catch(function () {});
  }
  function deflected() {
    fetch('/v1/questions/deflections', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale: locale }) }).catch(function () {});
    $('ask-form').reset();
    updateCount();
    show($('similar'), false);
    var err = $('ask-error');
    err.textContent = t.similarThanks;
    err.className = 'ok';
    show(err, true);
  }

  function renderHelp(help) {
    var box = $('crisis');
    box.textContent = '';
    box.appendChild(el('h2', {}, t.crisisTitle));
    box.appendChild(el('p', {}, t.crisisText));
    var lines = el('ul', { class: 'lines' });
    help.lines.forEach(function (line) {
      var li = el('li');
      li.appendChild(el('a', { href: line.tel, class: 'tel' }, line.name + ' ' + line.number));
      li.appendChild(el('span', {}, ' – ' + line.description));
      lines.appendChild(li);
    });
    box.appendChild(lines);
    box.appendChild(el('p', { class: 'emergency' }, t.emergency));
    if (help.services.length > 0) {
      box.appendChild(el('h3', {}, t.services));
      var services = el('ul');
      help.services.forEach(function (s) {
        var li = el('li');
        li.appendChild(el('a', { href: s.url }, s.name));
        if (s.tel) { li.appendChild(document.createTextNode(' ')); li.appendChild(el('a', { href: s.tel }, s.phone)); }
        li.appendChild(el('p', {}, s.description));
        services.appendChild(li);
      });
      box.appendChild(services);
    }
    show(box, true);
  }

  $('ask-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var err = $('ask-error');
    err.className = 'error';
    show(err, false);
    var body = {
      text: text.value,
      ageBand: $('q-age').value,
      locale: locale,
      topic: $('q-topic').value || null,
      consent: $('q-consent').checked,
      website: $('q-website').value,
      sawSuggestions: sawSuggestions,
    };
    if (body.text.trim().length < 10 || !body.ageBand) { err.textContent = t.errInvalid; show(err, true); return; }
    var button = $('ask-send');
    button.disabled = true;
    button.textContent = t.sending;
    fetch('/v1/questions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (b) { return { status: r.status, body: b }; }); })
      .then(function (res) {
        button.disabled = false;
        button.textContent = t.send;
        if (res.status !== 201) { err.textContent = errorText(res.status, res.body.error && res.body.error.code); show(err, true); return; }
        var data = res.body.data;
        if (data.help) renderHelp(data.help);
        $('receipt-code').textContent = data.receipt;
        $('receipt-due').textContent = fmt('dueText', { date: date(data.dueAt) });
        show($('receipt'), true);
        show($('ask-form'), false);
        $('receipt').scrollIntoView();
      })
      .catch(function () { button.disabled = false; button.textContent = t.send; err.textContent = t.errUnavailable; show(err, true); });
  });

  $('read-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var err = $('read-error'), out = $('answer');
    show(err, false);
    show(out, false);
    var code = $('read-code').value.trim();
    if (!code) return;
    fetch('/v1/questions/' + encodeURIComponent(code), { headers: { accept: 'application/json' } })
      .then(function (r) { return r.json().then(function (b) { return { status: r.status, body: b }; }); })
      .then(function (res) {
        if (res.status !== 200) { err.textContent = errorText(res.status, res.body.error && res.body.error.code); show(err, true); return; }
        var v = res.body.data;
        out.textContent = '';
        out.appendChild(el('h3', {}, t.yourQuestion));
        out.appendChild(el('blockquote', {}, v.question));
        if (v.status === 'answered' && v.answer) {
          out.appendChild(el('h3', { 'data-testid': 'answer-by' }, fmt('answerBy', { profession: t['profession.' + v.answererProfession] || v.answererProfession })));
          var answer = el('div', { class: 'answer', 'data-testid': 'answer' });
          paragraphs(answer, v.answer);
          out.appendChild(answer);
          if (v.deleteAfter) out.appendChild(el('p', { class: 'hint' }, fmt('deleted', { date: date(v.deleteAfter) })));
        } else {
          out.appendChild(el('p', { 'data-testid': 'waiting' }, t.statusWaiting));
        }
        if (v.help) renderHelp(v.help);
        show(out, true);
      })
      .catch(function () { err.textContent = t.errUnavailable; show(err, true); });
  });
})();
`;

const style = `
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; }
body { margin: 0; background: #f6f7f9; color: #1b1f24; }
header { display: flex; justify-content: space-between; align-items: center; padding: .75rem 1rem; background: #fff; border-bottom: 1px solid #dde1e6; flex-wrap: wrap; gap: .5rem; }
.brand { font-weight: 700; color: #0b5c55; text-decoration: none; font-size: 1.2rem; }
main { max-width: 42rem; margin: 0 auto; padding: 1rem; }
label { display: block; font-weight: 600; margin-top: 1rem; }
textarea, select, input[type=text], #read-code { width: 100%; box-sizing: border-box; font: inherit; padding: .6rem; border: 1px solid #8a949e; border-radius: 6px; background: #fff; }
textarea:focus, select:focus, input:focus, button:focus, a:focus { outline: 3px solid #f2a900; outline-offset: 2px; }
.check { display: flex; gap: .5rem; align-items: flex-start; margin-top: 1rem; }
.check label { display: inline; font-weight: 400; margin: 0; }
.trap { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
button { font: inherit; margin-top: 1rem; padding: .6rem 1.2rem; border: 0; border-radius: 6px; background: #0b5c55; color: #fff; cursor: pointer; }
button.secondary { background: #e3efed; color: #0b5c55; margin-top: .5rem; }
button:disabled { opacity: .6; }
.hint, .note { color: #4a535c; font-size: .95rem; }
.error { color: #a1141b; font-weight: 600; }
.ok { color: #0b5c55; font-weight: 600; }
.code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: clamp(1rem, 5.2vw, 1.5rem); letter-spacing: .04em; white-space: nowrap; background: #fff; border: 2px dashed #0b5c55; padding: .75rem; text-align: center; overflow-x: auto; }
.crisis { background: #fff4e5; border: 2px solid #b35c00; border-radius: 8px; padding: 1rem; margin: 1rem 0; }
.crisis .tel { font-weight: 700; font-size: 1.1rem; }
.emergency { font-weight: 700; }
section { margin-top: 1.5rem; }
details { background: #fff; border: 1px solid #dde1e6; border-radius: 6px; padding: .5rem .75rem; margin: .5rem 0; }
summary { cursor: pointer; font-weight: 600; }
blockquote { margin: 0; padding: .5rem 1rem; border-left: 4px solid #dde1e6; background: #fff; white-space: pre-wrap; }
.answer { background: #fff; border-radius: 6px; padding: .5rem 1rem; }
a { color: #0b5c55; }
`;

/** The page's script and style, served from `/sporsmal/app.js` and `/sporsmal/app.css`. */
export const askPageAssets = {
  script,
  style,
  headers: {
    'content-security-policy':
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'",
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  } as Record<string, string>,
};
