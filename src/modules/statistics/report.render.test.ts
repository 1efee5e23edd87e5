import { marked } from 'marked';
import { sanitizeReportHtml } from './report.render';
it('x', () => {
const md = [
 '[ok](https://example.org/a) [m](mailto:a@b.cn) [rel](/reports/HP/2009.html) [pr](//evil.com/x)',
 '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](java&#x73;cript:alert(1)) [d](java%0ascript:alert(1)) [e](&#106;avascript:alert(1))',
 '[f](data:text/html;base64,xx) ![g](data:image/png;base64,xx) [h](vbscript:msgbox) ![i](javascript:alert(1)) ![j](https://x.org/a.png)',
 '[k]( javascript:alert(1)) [l](<java\tscript:alert(1)>) [m](jav&Tab;ascript:alert(1))',
 '<javascript:alert(1)>',
].join('\n\n');
const html = marked.parse(md, { async: false, gfm: true }) as string;
console.log(html + '\n----\n' + sanitizeReportHtml(html + '<script>x</script><img src=x onerror=alert(1)><p style="color:red" onclick="x">s</p><iframe src="https://a"></iframe><svg><a href="javascript:1">s</a></svg>'));
});
