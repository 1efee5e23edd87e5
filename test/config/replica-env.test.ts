import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, parseEnv } from '../../src/config/env';
import { formatLsn, parseLsn } from '../../src/db/replicas';

const dataDir = () => mkdtempSync(join(tmpdir(), 'cfg-'));
const PRIMARY = 'postgres://u:p@db:5432/x';

describe('read replica configuration', () => {
  it('without DATABASE_REPLICA_URLS nothing is routed; with it, a list of URLs and the lag bound', () => {
    expect(parseEnv({ DATA_DIR: dataDir(), DATABASE_URL: PRIMARY })).toMatchObject({
      databaseReplicaUrls: [],
      databaseReplicaMaxLagMs: 10_000,
      databaseReplicaCheckMs: 1_000,
      trustProxy: false,
    });
    expect(
      parseEnv({
        DATA_DIR: dataDir(),
        DATABASE_URL: PRIMARY,
        DATABASE_REPLICA_URLS: 'postgres://u:p@r1:5432/x, postgresql://u:p@r2/x',
        DATABASE_REPLICA_MAX_LAG_MS: '2500',
        DATABASE_REPLICA_CHECK_MS: '250',
        TRUST_PROXY: '1',
      }),
    ).toMatchObject({
      databaseReplicaUrls: ['postgres://u:p@r1:5432/x', 'postgresql://u:p@r2/x'],
      databaseReplicaMaxLagMs: 2500,
      databaseReplicaCheckMs: 250,
      trustProxy: 1,
    });
  });

  it('names each bad setting', () => {
    const problems = (env: Record<string, string>) => {
      try {
        parseEnv({ DATA_DIR: dataDir(), ...env });
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
      }
      throw new Error('expected a ConfigError');
    };
    expect(problems({ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URLS: 'postgres://u:p@r1/x,mysql://r2/x' })).toMatch(/DATABASE_REPLICA_URLS.*postgres:\/\//);
    expect(problems({ DATABASE_REPLICA_URLS: 'postgres://u:p@r1/x' })).toMatch(/DATABASE_REPLICA_URLS: needs DATABASE_URL/);
    expect(problems({ DATABASE_URL: PRIMARY, DATABASE_REPLICA_MAX_LAG_MS: '-1', DATABASE_REPLICA_CHECK_MS: '10' })).toMatch(
      /DATABASE_REPLICA_MAX_LAG_MS[\s\S]*DATABASE_REPLICA_CHECK_MS/,
    );
    expect(problems({ TRUST_PROXY: 'all of them!' })).toMatch(/TRUST_PROXY/);
  });

  it('reads and prints WAL positions as PostgreSQL does, and refuses anything else', () => {
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    expect(formatLsn(parseLsn('16/B374D848')!)).toBe('16/B374D848');
    expect(parseLsn('0/0')).toBe(0n);
    expect(parseLsn('1/2')! < parseLsn('1/10')!).toBe(true);
    for (const bad of ['', 'yesterday', '16B374D848', '1/2/3', 'G/1', '123456789/0', '-1/0']) expect(parseLsn(bad)).toBeNull();
  });
});
