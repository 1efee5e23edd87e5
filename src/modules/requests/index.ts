import { decodeIntId } from '../../common/global-id';
import type { ModuleDefinition } from '../module';
import { DisclosureBodySetting, DisclosureRequest, RequestDocument, RequestEvent } from './request.entity';
import {
  DisclosureRequestResolver,
  OrgUnitRequestsResolver,
  OverviewRequestsResolver,
  PublicRequestResolver,
  RequestEventResolver,
  RequestStatisticsResolver,
} from './requests.resolver';
import { requestsRules } from './requests.rules';
import { requestDeadlineApproaching } from './requests.tasks';
import { RequestService } from './request.service';

export { DisclosureRequest, RequestDocument, RequestEvent } from './request.entity';
export * from './requests.enums';
export { requestOnTimeRate, requestOverview } from './request-overview';
export { computeRequestStatistics } from './request-statistics.service';

/** Requests for disclosure (依申请公开): the register, its statutory clock, documents, and tables 3 and 4 computed from it. */
export const requestsModule: ModuleDefinition = {
  name: 'requests',
  entities: [DisclosureRequest, RequestEvent, RequestDocument, DisclosureBodySetting],
  resolvers: [
    DisclosureRequestResolver,
    OrgUnitRequestsResolver,
    RequestEventResolver,
    RequestStatisticsResolver,
    PublicRequestResolver,
    OverviewRequestsResolver,
  ],
  rules: requestsRules,
  taskProviders: [requestDeadlineApproaching],
  nodes: {
    DisclosureRequest: (ctx, id) => new RequestService(ctx).findVisible(decodeIntId(id, 'DisclosureRequest')),
  },
};
