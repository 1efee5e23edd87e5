import { createHash } from 'node:crypto';
import { marked } from 'marked';
import { REPORT_STYLE, REPORT_STYLE_CSP_SOURCE, renderHtml, sanitizeReportHtml } from './report.render';

/** Every href and src value left in the HTML. */
function urls(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]);
}

/** A URL a browser would follow only to http(s), mailto or this site (no scheme: relative; '//' is another host). */
function isSafe(url: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  return scheme ? ['http', 'https', 'mailto'].includes(scheme[1].toLowerCase()) : !/^[\\/]{2}/.test(url);
}

const render = (md: string) => sanitizeReportHtml(marked.parse(md, { async: false, gfm: true }) as string);

describe('sanitizeReportHtml', () => {
  it('keeps https, http, mailto and relative links and https images', () => {
    const html = render(
      '[a](https://example.org/a?x=1) [b](http://example.org) [c](mailto:office@example.org) [d](/reports/HP/2009.html) [e](../x.html) ![f](https://example.org/f.png)',
    );
    expect(urls(html)).toEqual([
      'https://example.org/a?x=1',
      'http://example.org',
      'mailto:office@example.org',
      '/reports/HP/2009.html',
      '../x.html',
      'https://example.org/f.png',
    ]);
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  it.each([
    ['javascript', '[x](javascript:alert(1))'],
    ['mixed case', '[x](JaVaScRiPt:alert(1))'],
    ['hex entity', '[x](java&#x73;cript:alert(1))'],
    ['decimal entity', '[x](&#106;avascript:alert(1))'],
    ['named tab entity', '[x](jav&Tab;ascript:alert(1))'],
    ['tab', '[x](<java\tscript:alert(1)>)'],
    ['control character', '[x](\u0001javascript:alert(1))'],
    ['leading space', '[x]( javascript:alert(1))'],
    ['data link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['data image', '![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)'],
    ['vbscript', '[x](vbscript:msgbox(1))'],
    ['javascript image', '![x](javascript:alert(1))'],
    ['mailto image', '![x](mailto:a@example.org)'],
    ['protocol-relative', '[x](//evil.example/x)'],
    ['reference link', '[x][r]\n\n[r]: javascript:alert(1)'],
  ])('leaves no live link or image for a %s URL', (_name, md) => {
    const html = render(md);
    expect(urls(html).filter((u) => !isSafe(u))).toEqual([]);
    expect(html).not.toMatch(/(href|src)="\s*(javascript|vbscript|data):/i);
  });

  it('drops script, style, iframes, event handlers and style attributes', () => {
    const html = sanitizeReportHtml(
      '<p style="color:red" onclick="alert(1)">t</p><script>alert(1)</script><style>p{}</style><img src="x.png" onerror="alert(1)">' +
        '<iframe src="https://example.org"></iframe><svg><a href="javascript:alert(1)">s</a></svg><a href="https://ok.example" onmouseover="x">ok</a>' +
        '<form action="https://example.org"><input name="q"></form><object data="x"></object>',
    );
    expect(html).toBe(
      '<p>t</p><img src="x.png" /><a rel="noopener noreferrer nofollow">s</a><a href="https://ok.example" rel="noopener noreferrer nofollow">ok</a>',
    );
  });
});

describe('renderHtml', () => {
  it('puts only the stylesheet the CSP hash admits into the page', () => {
    const html = renderHtml({
      unitName: '[u](javascript:alert(1))',
      year: 2020,
      templateName: '',
      figures: null,
      notes: {},
      definition: { sections: [{ key: 'overview', title: '一' }], tables: [], cells: [], rules: [] },
      sections: { overview: '[ok](https://example.org)' },
    });
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    expect(styles).toEqual([REPORT_STYLE]);
    expect(REPORT_STYLE_CSP_SOURCE).toBe(`'sha256-${createHash('sha256').update(styles[0]).digest('base64')}'`);
    expect(html).not.toContain('<script');
    expect(urls(html)).toEqual(['https://example.org']);
  });
});
