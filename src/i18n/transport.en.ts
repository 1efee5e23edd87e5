import type { LabelsOf } from './shape';
import type { transportZhCN } from './transport.zh-CN';

/** Messages of the transport in English: the same keys as transport.zh-CN.ts. */
export const transportEn: LabelsOf<typeof transportZhCN> = {
  syntaxError: 'Syntax error',
  subscriptionsOnly: 'Only subscriptions are served over WebSocket: send queries and mutations over HTTP',
  badWalPosition: 'The {{header}} header must be a WAL position given by an earlier response in extensions.walPosition (like 16/B374D848)',
  unavailable: 'The service is temporarily unavailable; try again shortly',
  internal: 'Internal server error',
  tooManyLogins: 'Too many failed logins; try again later',
  tooManyRequests: 'Too many requests from your address; try again in {{seconds}} s',
  bodyTooLarge: 'Request body larger than {{limit}}',
  unsupportedMediaType: 'Unsupported content type, charset or encoding (send application/json in UTF-8)',
  malformed: 'Malformed request',
  requiresRole: 'Requires one of the roles {{roles}}',
};
