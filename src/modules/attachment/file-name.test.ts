import { sanitiseFileName } from './file-name';

describe('sanitiseFileName', () => {
  it.each([
    ['关务公开手册.pdf', 'pdf', '关务公开手册.pdf'],
    ['../../etc/passwd', 'pdf', 'passwd.pdf'],
    ['C:\\Users\\x\\答复书.docx', 'docx', '答复书.docx'],
    ['invoice.exe', 'pdf', 'invoice.pdf'],
    ['report\u202Efdp.exe', 'pdf', 'reportfdp.pdf'],
    ['a<b>:"c"|?*.png', 'png', 'abc.png'],
    ['  ..hidden  ', 'jpg', 'hidden.jpg'],
    ['line\r\nbreak\u0000.pdf', 'pdf', 'linebreak.pdf'],
    ['', 'pdf', '附件.pdf'],
    ['...', 'gif', '附件.gif'],
    ['CON.txt', 'pdf', '_CON.pdf'],
  ])('%j as %s → %j', (raw, ext, expected) => {
    expect(sanitiseFileName(raw, ext)).toBe(expected);
  });

  it('keeps at most 120 characters of the stem, counting Chinese characters as one', () => {
    const name = sanitiseFileName('海'.repeat(300) + '.pdf', 'pdf');
    expect(name).toBe('海'.repeat(120) + '.pdf');
  });
});
