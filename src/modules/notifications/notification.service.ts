import type { ServiceContext } from '../../common/context';
import { msg, UnauthenticatedError, ValidationError } from '../../common/errors';
import { decodeBigIntId } from '../../common/global-id';
import { paginate, type Connection, type PageArgs } from '../../common/relay';
import { inTransaction } from '../../common/transaction';
import { runSql } from '../../db/sql';
import { Notification } from './notification.entity';
import { DEFAULT_LOCALE, type Locale } from '../../i18n';
import { emailSettingSql, markReadSql, unreadCountSql, upsertEmailSettingSql } from './notifications.queries';

/** Most notifications one markNotificationsRead call takes. */
export const MAX_MARK_READ = 100;

/** The caller's own notifications: only ever the caller's, whatever id it passes. */
export class NotificationService {
  constructor(private readonly ctx: ServiceContext) {}

  private get me(): number {
    if (!this.ctx.auth.userId) throw new UnauthenticatedError();
    return this.ctx.auth.userId;
  }

  /** Newest first; `unread` keeps only unread (true) or read (false) ones. */
  list(args: PageArgs & { unread?: boolean | null }): Promise<Connection<Notification>> {
    const where: Record<string, unknown> = { userId: this.me };
    if (args.unread === true) where.readAt = null;
    if (args.unread === false) where.readAt = { $ne: null };
    return paginate(this.ctx.em, Notification, where, args, { id: 'desc' });
  }

  async unreadCount(): Promise<number> {
    const [{ n }] = await runSql<{ n: number }>(this.ctx.em, unreadCountSql(this.me));
    return n;
  }

  /** One notification of the caller (node(id:), subscriptions); null for anyone else's. */
  findOwn(id: string): Promise<Notification | null> {
    if (!this.ctx.auth.userId) return Promise.resolve(null);
    return this.ctx.em.findOne(Notification, { id, userId: this.ctx.auth.userId });
  }

  /** Marks the caller's notifications read; ids of other users' notifications are refused as not valid, and nothing is written. */
  async markRead(globalIds: string[]): Promise<Notification[]> {
    const me = this.me;
    if (globalIds.length > MAX_MARK_READ) throw ValidationError.field('ids', msg('notifications.tooManyIds', { max: MAX_MARK_READ }));
    const ids = [...new Set(globalIds.map((g, i) => decodeBigIntId(g, 'Notification', `ids.${i}`)))];
    if (!ids.length) return [];
    return inTransaction(this.ctx.em, async (em) => {
      const marked = new Set((await runSql<{ id: string }>(em, markReadSql(me, ids))).map((r) => r.id));
      const missing = globalIds.findIndex((g) => !marked.has(decodeBigIntId(g, 'Notification')));
      // Thrown inside the transaction: the rows marked above roll back.
      if (missing >= 0) throw ValidationError.field(`ids.${missing}`, msg('notifications.notYours'));
      return em.find(Notification, { id: { $in: ids }, userId: me }, { orderBy: { id: 'desc' }, refresh: true });
    });
  }

  async emailEnabled(): Promise<boolean> {
    return (await this.emailSetting()).email_enabled;
  }

  /** The language of the caller's e-mails (Chinese unless chosen otherwise). */
  async emailLocale(): Promise<Locale> {
    return ((await this.emailSetting()).locale as Locale | null) ?? DEFAULT_LOCALE;
  }

  private async emailSetting(): Promise<{ email_enabled: boolean; locale: string | null }> {
    const [row] = await runSql<{ email_enabled: boolean; locale: string | null }>(this.ctx.em, emailSettingSql(this.me));
    return row;
  }

  /** Turns the caller's e-mail notifications on or off; `locale`, when given, becomes their language. */
  async setEmailEnabled(enabled: boolean, locale?: Locale | null): Promise<boolean> {
    const me = this.me;
    return inTransaction(
      this.ctx.em,
      async (em) => (await runSql<{ email_enabled: boolean }>(em, upsertEmailSettingSql(me, enabled, locale ?? null)))[0].email_enabled,
    );
  }
}
