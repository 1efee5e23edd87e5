import { decodeBigIntId } from '../../common/global-id';
import type { ModuleDefinition } from '../module';
import { Notification, NotificationSetting } from './notification.entity';
import { notificationJobs } from './notification.jobs';
import { NotificationResolver } from './notification.resolver';
import { NotificationService } from './notification.service';
import { notificationRules } from './notifications.rules';

export { notify, parentPathOf } from './notify';
export type { NotificationEvent, Recipients } from './notify';
export { NotificationHub, registerNotificationHub, unregisterNotificationHub, notificationHubFor } from './notification-hub';
export { sendDeadlineReminders, REMINDERS_JOB } from './reminders';
export { EMAIL_JOB } from './notifications.queries';
export { Notification, NotificationSetting } from './notification.entity';

/**
 * The notifications module: in-app notifications written in the transaction of the change that
 * asks someone for work, real-time delivery (subscriptions fed by LISTEN/NOTIFY), e-mail copies
 * through the durable job queue, and the daily deadline reminders.
 */
export const notificationsModule: ModuleDefinition = {
  name: 'notifications',
  entities: [Notification, NotificationSetting],
  resolvers: [NotificationResolver],
  rules: notificationRules,
  nodes: {
    Notification: (ctx, id) => new NotificationService(ctx).findOwn(decodeBigIntId(id, 'Notification')),
  },
  jobs: notificationJobs,
};
