import { createMarkdownRenderer, type MarkdownRenderer } from '../markdown-renderer';

describe('markdown renderer', () => {
  let md: MarkdownRenderer;
  beforeAll(async () => {
    md = await createMarkdownRenderer();
  });

  it('renders CommonMark and GFM to HTML', () => {
    const html = md.html('k1', '## Hva er det?\n\nEn **infeksjon**.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] gjort\n');
    expect(html).toContain('<h2>Hva er det?</h2>');
    expect(html).toContain('<strong>infeksjon</strong>');
    expect(html).toContain('<table>');
    expect(html).toContain('type="checkbox"');
  });

  it('sanitizes: no scripts, event handlers, javascript: links or raw HTML', () => {
    const html = md.html('k2', 'Hei <script>alert(1)</script> <img src=x onerror="alert(1)">\n\n[klikk](javascript:alert(1)) <iframe src="https://evil.example"></iframe>\n');
    expect(html).not.toMatch(/<script|onerror|javascript:|<iframe/i);
    expect(html).toContain('klikk');
  });

  it('renders plain text with blocks on their own lines', () => {
    const text = md.text('k3', '## Tittel\n\nFørste *avsnitt* med [lenke](https://example.org).\n\n- en\n- to\n\n> sitat\n\n<div>rå</div>\n');
    expect(text).toBe('Tittel\n\nFørste avsnitt med lenke.\n\nen\nto\n\nsitat');
  });

  it('caches by key: a published version never changes', () => {
    expect(md.html('same', '# A')).toBe('<h1>A</h1>');
    expect(md.html('same', '# B')).toBe('<h1>A</h1>');
  });
});
