import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildBaseSchema, printSdl } from './schema';

/** Writes schema/schema.graphql, or with --check fails when the committed file is stale. */
async function main(): Promise<void> {
  // npm scripts run from the project root.
  const file = resolve(process.cwd(), 'schema/schema.graphql');
  const sdl = printSdl(await buildBaseSchema());
  if (process.argv.includes('--check')) {
    const current = readFileSync(file, 'utf8');
    if (current !== sdl) {
      console.error('schema/schema.graphql is stale: run `npm run schema` and commit it');
      process.exit(1);
    }
    console.log('schema/schema.graphql is fresh');
    return;
  }
  writeFileSync(file, sdl);
  console.log(`wrote ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
