/**
 * File names offered for download: the client's name reduced to its last path segment, without
 * control, reserved or bidirectional-override characters, at most 120 characters, with the
 * extension of the type the content was found to be (a PDF sent as `a.exe` downloads as `a.pdf`).
 */
export function sanitiseFileName(raw: string, ext: string, fallback = '附件'): string {
  let name = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  // C0/C1 controls, Windows-reserved characters, and bidi controls that disguise an extension.
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  name = name.replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  name = name
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .trim();
  const dot = name.lastIndexOf('.');
  let stem = dot > 0 ? name.slice(0, dot) : name;
  stem = stem.replace(/^[.\s]+|[.\s]+$/g, '');
  if (/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(stem)) stem = `_${stem}`;
  const chars = [...stem];
  if (chars.length > 120) stem = chars.slice(0, 120).join('').trim();
  return `${stem || fallback}.${ext}`;
}
