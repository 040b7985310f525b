import type { SearchDocument } from '../port/types';
import { LOCALE_BITS, TYPE_BITS } from './filters';
import type { StoredDocument } from './stored-document';

/** Locale and type bits per short id, grown as documents are added. */
export class DocumentCodes {
  locale = new Uint8Array(1024);
  type = new Uint8Array(1024);

  set(sid: number, doc: SearchDocument): void {
    if (sid >= this.locale.length) {
      const size = Math.max(sid + 1, this.locale.length * 2);
      const locale = new Uint8Array(size);
      const type = new Uint8Array(size);
      locale.set(this.locale);
      type.set(this.type);
      this.locale = locale;
      this.type = type;
    }
    this.locale[sid] = LOCALE_BITS[doc.locale];
    this.type[sid] = TYPE_BITS[doc.type];
  }

  /** Codes for every stored document, by short id. */
  static of(byShort: ReadonlyArray<StoredDocument | undefined>): DocumentCodes {
    const codes = new DocumentCodes();
    byShort.forEach((stored, sid) => {
      if (stored) codes.set(sid, stored.doc);
    });
    return codes;
  }
}
