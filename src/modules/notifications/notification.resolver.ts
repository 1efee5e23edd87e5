import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../common/context';
import { msg, UnauthenticatedError } from '../../common/errors';
import { ServiceUnavailableError } from '../../common/unavailable';
import { toGlobalId } from '../../common/global-id';
import { ConnectionType, PageArgs } from '../../common/relay';
import { translatorOf, type Locale } from '../../i18n';
import { LabelLocale } from '../labels';
import { LiaisonTaskService } from '../liaison';
import { notificationHubFor, type NotificationSignal } from './notification-hub';
import { Notification } from './notification.entity';
import { NotificationService } from './notification.service';
import { renderNotification } from './notify';

export const { Connection: NotificationConnection, Edge: NotificationEdge } = ConnectionType(Notification, 'Notification');

@ArgsType()
class NotificationsArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'true: unread only; false: read only; omitted: all.' })
  unread?: boolean | null;
}

/** The caller's signals from this process's hub; refused without a signed-in user or a running hub. */
function signalsOf(context: Context): AsyncIterable<NotificationSignal> {
  if (!context.auth.userId) throw new UnauthenticatedError();
  const hub = notificationHubFor(context.em.getConnection());
  if (!hub) throw new ServiceUnavailableError(msg('notifications.notRunning'));
  return hub.subscribe(context.auth.userId);
}

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection, { description: 'Your notifications (通知), newest first.' })
  notifications(@Ctx() ctx: Context, @Args(() => NotificationsArgs) args: NotificationsArgs) {
    return new NotificationService(ctx).list(args);
  }

  @Query(() => Int, { description: 'How many of your notifications are unread.' })
  unreadNotificationCount(@Ctx() ctx: Context) {
    return new NotificationService(ctx).unreadCount();
  }

  @Query(() => Boolean, { description: 'Whether your notifications are also sent to your e-mail address.' })
  notificationEmailEnabled(@Ctx() ctx: Context) {
    return new NotificationService(ctx).emailEnabled();
  }

  @Mutation(() => [Notification], { description: 'Marks your notifications read (at most 100 ids); returns them.' })
  markNotificationsRead(@Ctx() ctx: Context, @Arg('ids', () => [ID]) ids: string[]) {
    return new NotificationService(ctx).markRead(ids);
  }

  @Query(() => LabelLocale, { description: 'The language of your notification e-mails (ZH_CN unless you chose EN).' })
  notificationEmailLocale(@Ctx() ctx: Context) {
    return new NotificationService(ctx).emailLocale();
  }

  @Mutation(() => Boolean, {
    description:
      'Turns e-mail copies of your notifications on or off (needs an e-mail address on your account); `locale` chooses their language (omitted: unchanged, Chinese at first). Returns the new choice.',
  })
  setNotificationEmail(
    @Ctx() ctx: Context,
    @Arg('enabled', () => Boolean) enabled: boolean,
    @Arg('locale', () => LabelLocale, { nullable: true }) locale?: LabelLocale | null,
  ) {
    return new NotificationService(ctx).setEmailEnabled(enabled, locale as Locale | null | undefined);
  }

  @Subscription(() => Notification, {
    nullable: true,
    description: 'Each new notification of yours, as soon as the change that caused it commits (on any API instance).',
    subscribe: ({ context }) => signalsOf(context as Context),
  })
  notificationAdded(@Root() signal: NotificationSignal, @Ctx() ctx: Context): Promise<Notification | null> {
    // A fresh fork per event: a long subscription must not grow one identity map forever.
    return new NotificationService({ em: ctx.em.fork(), auth: ctx.auth, requestId: ctx.requestId }).findOwn(signal.id);
  }

  @Subscription(() => Int, {
    description: 'The number of your tasks (myTasks), again each time something gives you new work.',
    subscribe: ({ context }) => signalsOf(context as Context),
  })
  async taskCountChanged(@Root() _signal: NotificationSignal, @Ctx() ctx: Context): Promise<number> {
    const tasks = await new LiaisonTaskService({ em: ctx.em.fork(), auth: ctx.auth, requestId: ctx.requestId, t: ctx.t }, ctx.taskProviders).allTasks();
    return tasks.length;
  }

  @FieldResolver(() => ID)
  id(@Root() n: Notification): string {
    return toGlobalId('Notification', n.id);
  }

  @FieldResolver(() => String, { description: "What happened, in the request's language (Accept-Language)." })
  title(@Root() n: Notification, @Ctx() ctx: Context): string {
    return renderNotification(translatorOf(ctx), n).title;
  }

  @FieldResolver(() => String, { nullable: true, description: "What is asked of you, in the request's language." })
  body(@Root() n: Notification, @Ctx() ctx: Context): string | null {
    return renderNotification(translatorOf(ctx), n).body;
  }

  @FieldResolver(() => Boolean)
  read(@Root() n: Notification): boolean {
    return n.readAt != null;
  }
}
