import type { Finding, QualityRule } from '../types';

const IMAGE_FILE = /\.(?:jpe?g|png|gif|webp|avif|svg|tiff?|bmp|heic)$/iu;

/** The file name of an image URL, without query or fragment, URL-decoded. */
function fileName(src: string): string {
  const path = src.trim().replace(/[?#].*$/su, '');
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * True when the alt text is just a file name ("IMG_2041.jpg", or the image's own file name
 * with or without extension): it tells a screen-reader user nothing.
 */
export function isFileNameAlt(alt: string, src: string | null | undefined): boolean {
  const text = alt.trim().toLowerCase();
  if (IMAGE_FILE.test(text)) return true;
  if (!src) return false;
  const name = fileName(src).toLowerCase();
  return name !== '' && (text === name || text === name.replace(/\.[^.]+$/u, ''));
}

/** Every image needs alt text, so the content is accessible to screen-reader users. */
export const imageAltText: QualityRule = {
  id: 'image-alt-text',
  run({ input, body }) {
    const findings: Finding[] = [];
    (input.images ?? []).forEach((image, index) => {
      const n = index + 1;
      const alt = image.alt?.trim() ?? '';
      if (alt === '') {
        findings.push({
          severity: 'error',
          message: `Image ${n} has no alt text.`,
          messageNb: `Bilde ${n} mangler alternativ tekst.`,
        });
      } else if (isFileNameAlt(alt, image.url)) {
        findings.push({
          severity: 'warning',
          message: `The alt text of image ${n} is a file name; describe what the image shows.`,
          messageNb: `Den alternative teksten til bilde ${n} er et filnavn; beskriv hva bildet viser.`,
        });
      }
    });
    for (const image of body.images) {
      const alt = image.alt?.trim() ?? '';
      if (alt === '') {
        // Decorative images (alt="") have no place in an article body: if it adds nothing, leave it out.
        findings.push({
          severity: 'error',
          message: 'An image in the text has no alt text.',
          messageNb: 'Et bilde i teksten mangler alternativ tekst.',
          line: image.line,
        });
      } else if (isFileNameAlt(alt, image.src)) {
        findings.push({
          severity: 'warning',
          message: `The alt text "${alt}" is a file name; describe what the image shows.`,
          messageNb: `Den alternative teksten «${alt}» er et filnavn; beskriv hva bildet viser.`,
          line: image.line,
        });
      }
    }
    return findings;
  },
};
