import { KildeSearchElement } from './kilde-search';

export { KildeSearchElement };

// Loading the module twice (two snippets on one page) must not throw.
if (!customElements.get('kilde-search')) customElements.define('kilde-search', KildeSearchElement);

declare global {
  interface HTMLElementTagNameMap {
    'kilde-search': KildeSearchElement;
  }
}
