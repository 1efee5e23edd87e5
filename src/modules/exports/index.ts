import type { ModuleDefinition } from '../module';
import { exportRoutes } from './exports.routes';

export { ExportService } from './exports.service';

/** Spreadsheet exports (XLSX, CSV) of statistics, roll-ups and inspection results over plain HTTP; no GraphQL fields. */
export const exportsModule: ModuleDefinition = {
  name: 'exports',
  entities: [],
  resolvers: [],
  rules: {},
  nodes: {},
  routes: exportRoutes,
};
