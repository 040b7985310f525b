import { escapeHtml, markedHtml } from '@kilde/api/widget-ui';
import { clickEvent, createSessionToken, eventsUrl, sendEvent } from './analytics';
import { helpUrl, type HelpInfo } from './help';
import { resolveLocale, strings, type Strings } from './i18n';
import { nextActive } from './navigation';
import {
  parseTopics,
  resultsPageUrl,
  SearchScheduler,
  searchUrl,
  type SearchState,
} from './search-client';
import { css } from './styles';
import type { Locale } from './types';
import { buildResultView, flatOptions, type ResultOption, type ResultView } from './view-model';

/** Quiet time after a keystroke before searching. */
const DEBOUNCE_MS = 200;
/** Hits per group in the popup (the results page shows more). */
const PAGE_SIZE = 5;

// One token per page load, shared by every widget on the page; memory only.
let session: string | undefined;

/** The origin the module was loaded from: the Kilde API. */
const moduleOrigin = new URL(import.meta.url).origin;

let sheet: CSSStyleSheet | undefined;
function adoptStyles(root: ShadowRoot): void {
  // A constructed stylesheet works under a strict CSP (no inline <style> needed) and is shared by
  // every instance on the page.
  if (
    'adoptedStyleSheets' in root &&
    typeof CSSStyleSheet === 'function' &&
    'replaceSync' in CSSStyleSheet.prototype
  ) {
    sheet ??= new CSSStyleSheet();
    if (sheet.cssRules.length === 0) sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
}

let instances = 0;

/**
 * `<kilde-search locale="nb" partner="kwk_…" topics="angst" placeholder="…">`: search as you
 * type over Kilde's library, as a WAI-ARIA 1.2 combobox with a grouped listbox popup.
 * Without JavaScript (or before it loads) partners can put a plain form to `/sok` inside the
 * element; it is replaced, and the widget's own form submits to the same page.
 */
export class KildeSearchElement extends HTMLElement {
  static observedAttributes = [
    'locale',
    'partner',
    'topics',
    'placeholder',
    'label',
    'api',
    'result-base',
    'hide-label',
  ];

  private readonly root: ShadowRoot;
  private readonly uid = `k${(instances += 1)}`;
  private input!: HTMLInputElement;
  private form!: HTMLFormElement;
  private localeField!: HTMLInputElement;
  private topicField!: HTMLInputElement;
  private labelEl!: HTMLLabelElement;
  private button!: HTMLButtonElement;
  private popup!: HTMLDivElement;
  private listbox!: HTMLDivElement;
  private message!: HTMLParagraphElement;
  private status!: HTMLDivElement;
  private scheduler: SearchScheduler | undefined;
  private options: ResultOption[] = [];
  private optionEls: HTMLElement[] = [];
  private active = -1;
  private open = false;
  private state: SearchState = { kind: 'idle' };
  private queryId: string | null = null;
  private help: Partial<Record<Locale, Promise<HelpInfo | null>>> = {};
  private built = false;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
  }

  /** The Kilde API's origin: the `api` attribute, else where this module came from. */
  get apiBase(): string {
    const attr = this.getAttribute('api');
    if (attr) {
      try {
        return new URL(attr).origin;
      } catch {
        /* fall through */
      }
    }
    return moduleOrigin;
  }

  get locale(): Locale {
    return resolveLocale(
      this.getAttribute('locale'),
      this.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang,
    );
  }

  private get t(): Strings {
    return strings[this.locale];
  }

  private get topics(): string[] {
    return parseTopics(this.getAttribute('topics'));
  }

  connectedCallback(): void {
    if (!this.built) this.build();
    this.applyAttributes();
    document.addEventListener('pointerdown', this.onDocumentPointer, true);
  }

  disconnectedCallback(): void {
    document.removeEventListener('pointerdown', this.onDocumentPointer, true);
    this.scheduler?.cancel();
  }

  attributeChangedCallback(): void {
    if (this.built) this.applyAttributes();
  }

  private build(): void {
    this.built = true;
    adoptStyles(this.root);
    const id = this.uid;
    const wrap = document.createElement('div');
    wrap.setAttribute('part', 'container');
    // Static markup only; everything variable is set through properties below.
    wrap.innerHTML =
      `<form part="form" role="search" method="get" aria-labelledby="${id}-lb">` +
      `<label part="label" id="${id}-lb" for="${id}-i"></label>` +
      `<div class="row"><input part="input" id="${id}-i" name="q" type="text" role="combobox" autocomplete="off" autocapitalize="off" spellcheck="false" enterkeyhint="search" maxlength="200" aria-autocomplete="list" aria-expanded="false" aria-controls="${id}-l">` +
      `<input type="hidden" name="locale"><input type="hidden" name="topic" disabled>` +
      `<button part="button" type="submit"></button></div></form>` +
      `<div part="popup" class="popup" id="${id}-p" hidden><p part="message" class="msg" id="${id}-m" hidden></p>` +
      `<div part="listbox" role="listbox" id="${id}-l"></div></div>` +
      `<div part="status" class="sr" role="status" aria-live="polite" aria-atomic="true"></div>`;
    this.root.append(wrap);
    const q = <T extends Element>(sel: string) => wrap.querySelector<T>(sel)!;
    this.form = q<HTMLFormElement>('form');
    this.labelEl = q<HTMLLabelElement>('label');
    this.input = q<HTMLInputElement>('input[role=combobox]');
    this.localeField = q<HTMLInputElement>('input[name=locale]');
    this.topicField = q<HTMLInputElement>('input[name=topic]');
    this.button = q<HTMLButtonElement>('button');
    this.popup = q<HTMLDivElement>('.popup');
    this.listbox = q<HTMLDivElement>('[role=listbox]');
    this.message = q<HTMLParagraphElement>('.msg');
    this.status = q<HTMLDivElement>('[role=status]');

    this.input.addEventListener('input', () => this.scheduler?.input(this.input.value));
    this.input.addEventListener('keydown', (e) => this.onKeyDown(e));
    this.input.addEventListener('focus', () => {
      if (
        this.state.kind === 'results' &&
        this.options.length &&
        this.input.value.trim() === this.state.query
      )
        this.setOpen(true);
    });
    this.root.addEventListener('focusout', (e) => {
      const next = (e as FocusEvent).relatedTarget as Node | null;
      if (!next || !this.root.contains(next)) this.setOpen(false);
    });
    // Keep focus in the text field while the pointer picks an option.
    this.popup.addEventListener('pointerdown', (e) => e.preventDefault());
    this.listbox.addEventListener('click', (e) => {
      const el = (e.target as Element).closest<HTMLElement>('[role=option]');
      if (!el) return;
      const index = this.optionEls.indexOf(el);
      const option = this.options[index];
      if (option) this.choose(option, e);
    });
    this.form.addEventListener('submit', () => {
      // The native submit goes to /sok on the API (works without JavaScript too).
      this.scheduler?.cancel();
    });
  }

  private applyAttributes(): void {
    const t = this.t;
    const base = this.apiBase;
    this.form.action = new URL('/sok', base).toString();
    this.localeField.value = this.locale;
    const topic = this.topics[0];
    this.topicField.disabled = !topic;
    this.topicField.value = topic ?? '';
    this.labelEl.textContent = this.getAttribute('label') || t.label;
    this.labelEl.className = this.hasAttribute('hide-label') ? 'sr' : '';
    this.input.placeholder = this.getAttribute('placeholder') || t.placeholder;
    this.input.lang = this.locale;
    this.button.textContent = t.submit;
    this.listbox.setAttribute('aria-label', t.listbox);
    this.root.host.setAttribute('lang', this.getAttribute('lang') ?? this.locale);
    this.scheduler?.cancel();
    this.scheduler = new SearchScheduler({
      delayMs: DEBOUNCE_MS,
      url: (query) =>
        searchUrl(base, {
          q: query,
          locale: this.locale,
          key: this.getAttribute('partner'),
          topics: this.topics,
          pageSize: PAGE_SIZE,
          session: (session ??= createSessionToken()),
        }),
      onState: (state) => this.onState(state),
    });
  }

  private onState(state: SearchState): void {
    this.state = state;
    switch (state.kind) {
      case 'idle':
        this.queryId = null;
        this.renderView(null);
        this.setOpen(false);
        return;
      case 'loading':
        this.input.setAttribute('aria-busy', 'true');
        return;
      case 'error':
        this.input.removeAttribute('aria-busy');
        this.queryId = null;
        this.renderView({
          message: this.t.error,
          groups: [],
          trailing: [],
          announcement: this.t.error,
        });
        this.setOpen(true);
        return;
      case 'results': {
        this.input.removeAttribute('aria-busy');
        this.queryId = state.response.queryId ?? null;
        const ctx = {
          base: this.apiBase,
          resultBase: this.getAttribute('result-base') ?? undefined,
          locale: this.locale,
          strings: this.t,
          topics: this.topics,
          askUrl: new URL(`/sporsmal?locale=${this.locale}`, this.apiBase).toString(),
        };
        const view = buildResultView(state.response, state.query, ctx);
        if (
          state.response.totalHits === 0 ||
          view.groups.every((g) => !['article', 'question', 'service'].includes(g.key))
        ) {
          // Nothing found: show what we have at once, then add help services and topics.
          this.renderView(view);
          this.setOpen(true);
          void this.loadHelp().then((help) => {
            if (help && this.state === state) {
              this.renderView(buildResultView(state.response, state.query, ctx, help), false);
            }
          });
          return;
        }
        this.renderView(view);
        this.setOpen(true);
        return;
      }
      default: {
        const never: never = state;
        return never;
      }
    }
  }

  private loadHelp(): Promise<HelpInfo | null> {
    const locale = this.locale;
    this.help[locale] ??= fetch(helpUrl(this.apiBase, locale), {
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    })
      .then((r) => (r.ok ? (r.json() as Promise<HelpInfo>) : null))
      .catch(() => null);
    return this.help[locale];
  }

  private renderView(view: ResultView | null, announce = true): void {
    const id = this.uid;
    this.setActive(-1);
    this.options = view ? flatOptions(view) : [];
    let n = 0;
    const option = (o: ResultOption): string => {
      const oid = `${id}-o${n}`;
      n += 1;
      const lang = o.lang ? ` lang="${o.lang}"` : '';
      const title = o.labelHtml ? markedHtml(o.labelHtml) : escapeHtml(o.label);
      const badge = o.badge ? ` <span class="b" part="badge">${escapeHtml(o.badge)}</span>` : '';
      const desc = o.descriptionHtml
        ? markedHtml(o.descriptionHtml)
        : o.description
          ? escapeHtml(o.description)
          : '';
      // The accessible name is the option's whole visible text (WCAG 2.5.3: what is seen is
      // what is named); a space between the parts keeps screen readers from running them together.
      return (
        `<a role="option" part="option" id="${oid}" tabindex="-1" aria-selected="false" href="${escapeHtml(o.action.href)}">` +
        [
          `<span class="t" part="title"${lang}>${title}</span>${badge}`,
          desc && `<span class="d" part="summary"${lang}>${desc}</span>`,
          o.meta && `<span class="m" part="meta">${escapeHtml(o.meta)}</span>`,
        ]
          .filter(Boolean)
          .join(' ') +
        `</a>`
      );
    };
    let html = '';
    for (const group of view?.groups ?? []) {
      const gid = `${id}-g-${group.key}`;
      html +=
        `<div role="group" part="group" aria-labelledby="${gid}"${group.tone ? ` class="${group.tone}"` : ''}>` +
        `<div class="gl" part="group-label" id="${gid}">${escapeHtml(group.label)}</div>${group.options.map(option).join('')}</div>`;
    }
    for (const o of view?.trailing ?? [])
      html += `<div class="all" part="show-all">${option(o)}</div>`;
    // A generic wrapper around "show all" would be an invalid listbox child: unwrap it.
    this.listbox.innerHTML = html;
    for (const wrapper of Array.from(this.listbox.querySelectorAll<HTMLElement>(':scope > .all'))) {
      const inner = wrapper.firstElementChild as HTMLElement;
      inner.classList.add('all');
      inner.setAttribute('part', 'option show-all');
      wrapper.replaceWith(inner);
    }
    this.optionEls = Array.from(this.listbox.querySelectorAll<HTMLElement>('[role=option]'));
    this.message.hidden = !view?.message;
    this.message.textContent = view?.message ?? '';
    if (announce) this.announce(view?.announcement ?? '');
  }

  private announce(text: string): void {
    // Rewrite even an identical sentence so a screen reader hears a repeated count.
    this.status.textContent = '';
    if (text) window.setTimeout(() => (this.status.textContent = text), 50);
  }

  private setOpen(open: boolean): void {
    const show = open && (this.options.length > 0 || !this.message.hidden);
    this.open = show;
    this.popup.hidden = !show;
    this.input.setAttribute('aria-expanded', String(show));
    if (!show) this.setActive(-1);
  }

  private setActive(index: number): void {
    this.optionEls[this.active]?.setAttribute('aria-selected', 'false');
    this.active = index;
    const el = this.optionEls[index];
    if (el) {
      el.setAttribute('aria-selected', 'true');
      this.input.setAttribute('aria-activedescendant', el.id);
      el.scrollIntoView({ block: 'nearest' });
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.isComposing || e.ctrlKey || e.metaKey) return;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (!this.open) {
          if (!this.options.length) return;
          this.setOpen(true);
          if (e.altKey) {
            e.preventDefault();
            return;
          }
        }
        e.preventDefault();
        const next = nextActive(e.key, this.active, this.options.length);
        if (next !== undefined) this.setActive(next);
        return;
      }
      case 'Home':
      case 'End': {
        if (!this.open) return;
        const next = nextActive(e.key, this.active, this.options.length);
        if (next === undefined) return;
        e.preventDefault();
        this.setActive(next);
        return;
      }
      case 'Enter': {
        const option = this.open ? this.options[this.active] : undefined;
        if (!option) return; // the form submits to /sok
        e.preventDefault();
        this.optionEls[this.active]?.click();
        return;
      }
      case 'Escape': {
        if (this.open) {
          e.preventDefault();
          this.setOpen(false);
          this.announce(this.t.closed);
        } else if (this.input.value) {
          e.preventDefault();
          this.input.value = '';
          this.scheduler?.input('');
        }
        return;
      }
      case 'Tab':
        this.setOpen(false);
        return;
      default:
        return;
    }
  }

  /** An option was clicked or chosen with Enter (which clicks it). */
  private choose(option: ResultOption, e: Event): void {
    const action = option.action;
    switch (action.kind) {
      case 'suggestion':
        e.preventDefault();
        this.input.value = action.query;
        void this.scheduler?.now(action.query);
        return;
      case 'open': {
        const event = clickEvent(this.queryId, action.hit);
        if (event) sendEvent(eventsUrl(this.apiBase, this.getAttribute('partner')), event);
        return; // the link navigates
      }
      case 'show-all':
      case 'link':
        return;
      default: {
        const never: never = action;
        return never;
      }
    }
  }

  private readonly onDocumentPointer = (e: Event): void => {
    if (this.open && !e.composedPath().includes(this)) this.setOpen(false);
  };

  /** The results page for the current text (used by "Show all"). */
  resultsPage(): string {
    return resultsPageUrl(this.apiBase, this.input.value, this.locale, this.topics);
  }
}
