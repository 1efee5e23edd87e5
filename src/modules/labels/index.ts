import { allow } from '../../auth/rules';
import type { ModuleDefinition } from '../module';
import { EnumLabels, EnumValueLabel, LabelsResolver } from './labels.resolver';

export { enumLabel, enumLabelsOf, LabelLocale } from './labels.resolver';

/** Enum labels for front-ends (`labels(locale)`), generated from the schema's enums and the message catalogue (src/i18n). */
export const labelsModule: ModuleDefinition = {
  name: 'labels',
  entities: [],
  resolvers: [LabelsResolver],
  // Labels are public: they are what the SDL descriptions already say.
  rules: { Query: { labels: allow }, [EnumLabels.name]: allow, [EnumValueLabel.name]: allow },
  nodes: {},
};
