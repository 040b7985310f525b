import { isInternalHref, parseInternalHref } from '../parse-internal-href';
import type { Finding, QualityRule } from '../types';

/**
 * Internal links must point at published content, or partners would get dead links.
 *
 * @remarks Internal means `kilde:<type>/<id>` or a site-relative path (see `parseInternalHref`).
 * The caller's `isPublishedLink` decides; without it the links are counted, not checked.
 */
export const internalLinks: QualityRule = {
  id: 'internal-links',
  run({ body, options }) {
    const findings: Finding[] = [];
    const internal = body.links.filter((link) => isInternalHref(link.href));
    if (internal.length === 0) return findings;

    const resolve = options.isPublishedLink;
    let unchecked = 0;
    for (const link of internal) {
      const href = link.href.trim();
      if (parseInternalHref(href)?.kind === 'malformed') {
        findings.push({
          severity: 'error',
          message: `The internal link "${href}" is malformed; use kilde:<type>/<id>, e.g. kilde:article/<id>.`,
          messageNb: `Den interne lenken «${href}» er feil skrevet; bruk kilde:<type>/<id>, f.eks. kilde:article/<id>.`,
          line: link.line,
        });
        continue;
      }
      if (resolve === undefined) {
        unchecked += 1;
        continue;
      }
      const published = resolve(href);
      if (published === false) {
        findings.push({
          severity: 'error',
          message: `The internal link "${href}" points to content that is not published.`,
          messageNb: `Den interne lenken «${href}» peker til innhold som ikke er publisert.`,
          line: link.line,
        });
      } else if (published === undefined) {
        findings.push({
          severity: 'info',
          message: `Could not check whether "${href}" is published.`,
          messageNb: `Kunne ikke sjekke om «${href}» er publisert.`,
          line: link.line,
        });
      }
    }
    if (unchecked > 0) {
      findings.push({
        severity: 'info',
        message: `${unchecked} internal link(s) were not checked: no link resolver was given.`,
        messageNb: `${unchecked} interne lenke(r) ble ikke sjekket: ingen lenkeoppslag tilgjengelig.`,
      });
    }
    return findings;
  },
};
