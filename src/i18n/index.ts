import i18next, { type i18n as I18n } from 'i18next';
import { en } from './en';
import { enEnums } from './en.enums';
import { zhCN } from './zh-CN';
import { zhCNEnums } from './zh-CN.enums';

/**
 * The message catalogue: every user-facing message in Chinese (zh-CN, the default) and English.
 * One i18next instance for the process holds both resources; a request picks its locale from
 * `Accept-Language` and gets a translate function bound to it (`translatorFor`), carried on the
 * request context, so nothing request-scoped is global.
 */

/** The locales the catalogue has. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Message parameters interpolated into `{{name}}` placeholders. */
export type MessageParams = Record<string, string | number | boolean | null | undefined>;

/** Translates a catalogue key (dotted, nested by module) with its parameters. */
export type Translate = (key: string, params?: MessageParams) => string;

/** The resources by locale (messages and enum labels), for tests that compare catalogues. */
export const CATALOGUES: Record<Locale, Record<string, unknown>> = {
  'zh-CN': { ...zhCN, enums: zhCNEnums },
  en: { ...en, enums: enEnums },
};

let instance: I18n | undefined;
function catalogue(): I18n {
  if (instance) return instance;
  const i = i18next.createInstance();
  void i.init({
    resources: { 'zh-CN': { translation: CATALOGUES['zh-CN'] }, en: { translation: CATALOGUES.en } },
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    // Resources are in memory: initialise synchronously.
    initAsync: false,
    // Messages go into JSON error bodies and plain text, never into HTML unescaped.
    interpolation: { escapeValue: false },
    returnNull: false,
    // Keys are dotted paths; a colon in a parameter or key is text, not a namespace.
    nsSeparator: false,
    showSupportNotice: false,
  } as Parameters<I18n['init']>[0]);
  return (instance = i);
}

const translators = new Map<Locale, Translate>();

/** A translate function bound to `locale` (made once per locale). */
export function translatorFor(locale: Locale = DEFAULT_LOCALE): Translate {
  let t = translators.get(locale);
  if (!t) {
    const fixed = catalogue().getFixedT(locale);
    t = (key, params) => fixed(key, params as Record<string, unknown>) as string;
    translators.set(locale, t);
  }
  return t;
}

/** Translates `key` in the default locale (Chinese): the message an error carries until a request asks for another. */
export function defaultMessage(key: string, params?: MessageParams): string {
  return translatorFor(DEFAULT_LOCALE)(key, params);
}

/** Does the catalogue have `key` (in the default locale)? */
export function hasMessage(key: string, locale: Locale = DEFAULT_LOCALE): boolean {
  return catalogue().exists(key, { lng: locale, fallbackLng: false } as never);
}

/**
 * The locale asked for by an `Accept-Language` header: English when an English range ranks above
 * every Chinese one, otherwise Chinese (also when the header is absent or names neither).
 */
export function localeFromHeader(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  let best: { locale: Locale; q: number } | undefined;
  for (const part of header.split(',').slice(0, 20)) {
    const [range, ...attrs] = part.trim().toLowerCase().split(';');
    const qAttr = attrs.map((a) => a.trim()).find((a) => a.startsWith('q='));
    const q = qAttr ? Number(qAttr.slice(2)) : 1;
    if (!(q > 0)) continue;
    const locale: Locale | undefined = range === 'en' || range.startsWith('en-') ? 'en' : range === 'zh' || range.startsWith('zh-') ? 'zh-CN' : undefined;
    if (locale && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? DEFAULT_LOCALE;
}

/** The translate function of a service context (the request's locale; Chinese outside a request). */
export function translatorOf(ctx: { t?: Translate }): Translate {
  return ctx.t ?? translatorFor(DEFAULT_LOCALE);
}
