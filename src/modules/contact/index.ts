import { decodeIntId } from '../../common/global-id';
import type { ModuleDefinition } from '../module';
import { ContactCase, ContactCaseStep } from './contact-case.entity';
import { ContactConsultation } from './contact-consultation.entity';
import { ContactCaseResolver, ContactCaseStepResolver, ContactConsultationResolver, ContactFiguresResolver, PublicContactResolver } from './contact.resolver';
import { contactRules } from './contact.rules';
import { ContactService } from './contact.service';
import { ContactLogService } from './contact-log.service';

export { ContactCase, ContactCaseStep } from './contact-case.entity';
export { ContactConsultation } from './contact-consultation.entity';
export * from './contact.enums';
export { contactCaseCounts, contactHandlingRates, FROM_RECORDS_NOTE } from './contact-figures.service';
export { ContactCaseCounts } from './contact.types';

/** Public contact: consultations, complaints, suggestions, tip-offs and difficult questions (咨询 / 投诉 / 建议 / 举报). */
export const contactModule: ModuleDefinition = {
  name: 'contact',
  entities: [ContactConsultation, ContactCase, ContactCaseStep],
  resolvers: [ContactCaseResolver, ContactCaseStepResolver, ContactConsultationResolver, ContactFiguresResolver, PublicContactResolver],
  rules: contactRules,
  nodes: {
    ContactCase: (ctx, id) => new ContactService(ctx).findVisible(decodeIntId(id, 'ContactCase')),
    ContactConsultation: (ctx, id) => new ContactLogService(ctx).findConsultation(decodeIntId(id, 'ContactConsultation')),
  },
};
