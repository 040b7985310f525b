import type { Locale } from '@kilde/schemas';
import { layout, LOCALES, type PageAssets } from './pages';
import { escapeHtml } from './ui';
import { pageStrings } from './page-strings';

const SECTIONS: Record<
  Locale,
  { heading: string; intro: string; placeholder: string; label: string }
> = {
  nb: {
    label: 'Søk i helsesidene for unge i Eksempel kommune',
    heading: 'Ungdomssiden i Eksempel kommune',
    intro: 'Her er søket slik det ser ut på bokmål, med standardutseendet.',
    placeholder: 'Søk etter for eksempel søvn, angst eller prevensjon',
  },
  nn: {
    label: 'Søk i helsesidene for unge i Døme kommune',
    heading: 'Ungdomssida i Døme kommune',
    intro: 'Her er søket på nynorsk, tilpassa med eigne fargar (CSS-variablar og ::part).',
    placeholder: 'Søk etter til dømes søvn, angst eller prevensjon',
  },
  en: {
    label: 'Search health information for young people',
    heading: 'A youth page in English',
    intro: 'The same widget in English, with the host page’s serif font passed in.',
    placeholder: 'Search for sleep, anxiety or contraception',
  },
};

/**
 * `GET /demo`: a sample partner page with the widget in nb, nn and en, and the snippet to copy.
 * Each widget carries a plain form to `/sok` as light DOM, which is what a visitor without
 * JavaScript sees (the same fallback partners are advised to use).
 */
export function renderDemoPage(input: {
  assets: PageAssets;
  widgetKey: string | null;
  origin: string;
}): string {
  const t = pageStrings.en;
  const key = input.widgetKey;
  const widgetSrc = `${input.origin}/widget.js`;
  const sections = LOCALES.map((l) => {
    const s = SECTIONS[l];
    const p = pageStrings[l];
    return (
      `<section class="demo-section demo-${l}" lang="${l}" aria-labelledby="demo-${l}-h">` +
      `<h2 id="demo-${l}-h">${escapeHtml(s.heading)}</h2><p>${escapeHtml(s.intro)}</p>` +
      // Distinct labels: three search landmarks on one page need three names.
      `<kilde-search locale="${l}"${key ? ` partner="${escapeHtml(key)}"` : ''} label="${escapeHtml(s.label)}" placeholder="${escapeHtml(s.placeholder)}">` +
      `<form action="/sok" method="get" role="search"><label for="fallback-${l}">${escapeHtml(p.searchLabel)}</label> ` +
      `<input id="fallback-${l}" name="q" type="search"> <input type="hidden" name="locale" value="${l}"> <button type="submit">${escapeHtml(p.submit)}</button></form>` +
      `</kilde-search></section>`
    );
  }).join('');
  const snippet =
    `<script src="${widgetSrc}" type="module"></script>\n` +
    `<kilde-search locale="nb" partner="${key ?? 'kwk_…'}" topics="psykisk-helse" placeholder="Hva lurer du på?">\n` +
    `  <form action="${input.origin}/sok" method="get"><input name="q" type="search" aria-label="Søk"> <button>Søk</button></form>\n` +
    `</kilde-search>`;
  const body =
    `<h1>Kilde search widget – demo</h1>` +
    `<p>This page plays a partner’s site. Each box below is one <code>&lt;kilde-search&gt;</code> element: type a question, move with the arrow keys, press Enter. ` +
    `Results come from this Kilde API only; nothing is stored in the browser.</p>` +
    (key
      ? ''
      : `<p role="alert">No demo widget key was found (<code>.data/demo-widget-key</code>), so searches are refused. Start Kilde with <code>npm start</code> in development, or create one with <code>npx kilde keys create --widget --partner demo --origin ${escapeHtml(input.origin)}</code>.</p>`) +
    sections +
    `<h2>Add it to your site</h2><pre><code>${escapeHtml(snippet)}</code></pre>` +
    `<p>Attributes, theming, privacy and accessibility: <code>docs/widget.md</code>.</p>`;
  return layout({
    locale: 'en',
    title: `Widget demo – ${t.site}`,
    body,
    assets: input.assets,
    scripts: input.assets.widget ? [input.assets.widget] : [],
  });
}
