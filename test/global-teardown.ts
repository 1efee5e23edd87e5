/** Stops the embedded PostgreSQL of the run (its temporary data folder goes with it). */
export default async function globalTeardown(): Promise<void> {
  const cluster = (globalThis as Record<string, unknown>).__PG_CLUSTER__ as { stop(): Promise<void> } | undefined;
  await cluster?.stop();
}
