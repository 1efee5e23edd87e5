import type { EntityManager } from '@mikro-orm/postgresql';
import { createTransport, type Transporter } from 'nodemailer';
import { runSql } from '../../db/sql';
import type { JobDeps, ModuleJob } from '../module';
import { DEFAULT_LOCALE, LOCALES, translatorFor, type Locale } from '../../i18n';
import { renderNotification } from './notify';
import { EMAIL_JOB, emailDeliverySql, markEmailedSql } from './notifications.queries';
import { REMINDERS_JOB, sendDeadlineReminders } from './reminders';

/** One nodemailer transport per SMTP URL (it pools nothing by default; cheap to keep). */
const transports = new Map<string, Transporter>();

function transportFor(url: string): Transporter {
  let t = transports.get(url);
  if (!t) transports.set(url, (t = createTransport(url)));
  return t;
}

interface DeliveryRow {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  params: Record<string, unknown> | null;
  emailed_at: Date | null;
  email: string | null;
  display_name: string;
  email_enabled: boolean;
  active: boolean;
  locale: string | null;
}

/** The subject and text of a notification's e-mail, in the recipient's chosen language (Chinese by default). */
export function renderEmail(row: Pick<DeliveryRow, 'kind' | 'title' | 'body' | 'params' | 'display_name' | 'locale'>): { subject: string; text: string } {
  const locale: Locale = (LOCALES as readonly string[]).includes(row.locale ?? '') ? (row.locale as Locale) : DEFAULT_LOCALE;
  const t = translatorFor(locale);
  const { title, body } = renderNotification(t, row);
  return {
    subject: t('notifications.email.subject', { title }),
    text: `${t('notifications.email.greeting', { name: row.display_name })}\n\n${body ?? title}\n\n--\n${t('notifications.email.footer')}\n`,
  };
}

/**
 * E-mails one notification. Without SMTP_URL, or when the recipient has since turned e-mail off,
 * lost the address or was deactivated, it does nothing (the in-app notification stays). A send
 * that fails throws: graphile-worker retries it with exponential back-off, and the notification
 * itself is untouched whatever happens here. Sent once: a notification already e-mailed is skipped.
 */
export const sendNotificationEmail: ModuleJob = async (payload, deps: JobDeps) => {
  const id = (payload as { notificationId?: unknown })?.notificationId;
  if (typeof id !== 'string' || !/^\d{1,18}$/.test(id)) {
    deps.log.warn({ payload }, 'notification e-mail job without a notification id: dropped');
    return;
  }
  if (!deps.config.smtpUrl) return;
  const em = deps.orm.em.fork() as unknown as EntityManager;
  const [row] = await runSql<DeliveryRow>(em, emailDeliverySql(id));
  if (!row || row.emailed_at || !row.email || !row.email_enabled || !row.active) return;
  await transportFor(deps.config.smtpUrl).sendMail({
    from: deps.config.mailFrom,
    to: { name: row.display_name, address: row.email },
    ...renderEmail(row),
  });
  await runSql(em, markEmailedSql(id));
};

/** The daily reminders, as of the day the job runs (China time). */
export const deadlineReminders: ModuleJob = async (_payload, deps: JobDeps) => {
  const em = deps.orm.em.fork() as unknown as EntityManager;
  const written = await em.transactional((tem) => sendDeadlineReminders(tem as EntityManager));
  deps.log.info({ written }, 'deadline reminders sent');
};

/** The notifications module's background jobs; reminders at 07:00 China time (23:00 UTC the day before). */
export const notificationJobs = {
  tasks: { [EMAIL_JOB]: sendNotificationEmail, [REMINDERS_JOB]: deadlineReminders },
  crontab: [`0 23 * * * ${REMINDERS_JOB} ?fill=1d`],
};
