import { allow, isAuthenticated } from '../../auth/rules';

/** graphql-shield rules of the notifications module: each caller only ever reaches its own notifications (NotificationService). */
export const notificationRules = {
  Query: {
    notifications: isAuthenticated,
    unreadNotificationCount: isAuthenticated,
    notificationEmailEnabled: isAuthenticated,
    notificationEmailLocale: isAuthenticated,
  },
  Mutation: { markNotificationsRead: isAuthenticated, setNotificationEmail: isAuthenticated },
  Subscription: { notificationAdded: isAuthenticated, taskCountChanged: isAuthenticated },
  Notification: allow,
  NotificationConnection: allow,
  NotificationEdge: allow,
};
