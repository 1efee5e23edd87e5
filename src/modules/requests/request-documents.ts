import { marked } from 'marked';
import { escapeHtml, REPORT_STYLE, sanitizeReportHtml } from '../statistics/report.render';
import { OutcomeReason, REASONS, RequestDocumentKind, RequestOutcome } from './requests.enums';

/** What every document of a request names. */
export interface DocumentFacts {
  bodyName: string;
  trackingNumber: string;
  applicantName: string;
  receivedOn: string;
  description: string;
  issuedOn: string;
}

/** A generated document: kind, title and Markdown (the HTML is rendered from it). */
export interface GeneratedDocument {
  kind: RequestDocumentKind;
  title: string;
  markdown: string;
}

const TITLES: Record<RequestDocumentKind, string> = {
  REPLY: '政府信息公开申请答复书',
  EXTENSION_NOTICE: '政府信息公开延期答复告知书',
  CORRECTION_NOTICE: '政府信息公开申请补正告知书',
  NOTICE: '政府信息公开告知书',
};

const REMEDY = '如对本答复不服，可以自收到本答复之日起六十日内依法申请行政复议，或者自收到本答复之日起六个月内依法提起行政诉讼。';

/** User text inside a document: HTML escaped, so it never becomes markup. */
const t = (s: string) => escapeHtml(s);

function frame(kind: RequestDocumentKind, f: DocumentFacts, body: string[]): GeneratedDocument {
  const title = `${f.bodyName}${TITLES[kind]}`;
  const markdown = [
    `# ${t(title)}`,
    '',
    `编号：${t(f.trackingNumber)}`,
    '',
    `${t(f.applicantName)}：`,
    '',
    `本机关于 ${f.receivedOn} 收到您提出的政府信息公开申请，申请获取“${t(f.description)}”。`,
    '',
    ...body.flatMap((p) => [p, '']),
    `${t(f.bodyName)}`,
    '',
    f.issuedOn,
    '',
  ].join('\n');
  return { kind, title, markdown };
}

/** The correction notice (补正告知书). */
export function correctionNotice(f: DocumentFacts, whatToCorrect: string, answerBy: string): GeneratedDocument {
  return frame(RequestDocumentKind.CORRECTION_NOTICE, f, [
    `经审查，您的申请内容不明确，请于 ${answerBy} 前就以下事项作出补正：${t(whatToCorrect)}`,
    '答复期限自本机关收到补正后的申请之日起继续计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。',
  ]);
}

/** The extension notice (延期答复告知书). */
export function extensionNotice(f: DocumentFacts, workingDays: number, reason: string, newDueOn: string): GeneratedDocument {
  return frame(RequestDocumentKind.EXTENSION_NOTICE, f, [
    `因${t(reason)}，本机关不能在规定期限内作出答复。经本机关政府信息公开工作机构负责人同意，答复期限延长 ${workingDays} 个工作日，至 ${newDueOn}。`,
  ]);
}

/** The document that concludes a request: a reply letter, or a notice when the request is not this body's or not processed. */
export function conclusionDocument(
  f: DocumentFacts,
  outcome: RequestOutcome,
  reason: OutcomeReason | null,
  referredTo: string | null,
  note: string | null,
): GeneratedDocument {
  const extra = note ? [t(note)] : [];
  const label = reason ? REASONS[reason].label : '';
  switch (outcome) {
    case RequestOutcome.GRANTED:
      return frame(RequestDocumentKind.REPLY, f, ['经审查，您申请获取的政府信息属于公开范围，本机关予以公开。', ...extra, REMEDY]);
    case RequestOutcome.PARTLY_GRANTED:
      return frame(RequestDocumentKind.REPLY, f, ['经审查，您申请获取的政府信息中部分内容不予公开，本机关对可以公开的部分予以提供。', ...extra, REMEDY]);
    case RequestOutcome.REFUSED:
      return frame(RequestDocumentKind.REPLY, f, [
        `经审查，您申请获取的政府信息${label}，根据《中华人民共和国政府信息公开条例》的规定，不予公开。`,
        ...extra,
        REMEDY,
      ]);
    case RequestOutcome.UNABLE_TO_PROVIDE:
      if (referredTo)
        return frame(RequestDocumentKind.NOTICE, f, [
          `经审查，您申请获取的政府信息不属于本机关负责公开，该信息由${t(referredTo)}负责公开，请向其提出申请。`,
          ...extra,
          REMEDY,
        ]);
      return frame(RequestDocumentKind.REPLY, f, [`经审查，${label}，本机关无法提供。`, ...extra, REMEDY]);
    case RequestOutcome.NOT_PROCESSED:
      return frame(RequestDocumentKind.NOTICE, f, [`经审查，您的申请属于“${label}”，本机关不予处理。`, ...extra, REMEDY]);
    default:
      return frame(RequestDocumentKind.NOTICE, f, [`${label}，本机关不再处理您的政府信息公开申请。`, ...extra, REMEDY]);
  }
}

/** A document's HTML page: the Markdown rendered, then sanitised like the reports. */
export function renderDocumentHtml(doc: GeneratedDocument): string {
  const body = sanitizeReportHtml(marked.parse(doc.markdown, { async: false, gfm: true }) as string);
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(doc.title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
