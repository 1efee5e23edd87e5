import { ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A child server the harness started; stopped on exit, Ctrl-C and failure. */
export interface Child {
  name: string;
  proc: ChildProcess;
  port: number;
  /** Last lines of its output, for error messages. */
  tail(): string;
  stop(): Promise<void>;
}

const children = new Set<Child>();

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Spawns a server process (its own process group, so a stop reaches its children) and records it. */
export function spawnServer(name: string, command: string, args: string[], env: Record<string, string>, port: number, cwd?: string): Child {
  const proc = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true, cwd });
  const lines: string[] = [];
  const keep = (b: Buffer) => {
    lines.push(...b.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const child: Child = {
    name,
    proc,
    port,
    tail: () => lines.join('\n'),
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) {
        children.delete(child);
        return;
      }
      try {
        process.kill(-proc.pid!, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-proc.pid!, 'SIGKILL');
        } catch {
          /* gone */
        }
      }, 15_000);
      await exited;
      clearTimeout(timer);
      if (proc.exitCode !== 0) console.error(`[bench] ${name} stopped with ${proc.exitCode ?? proc.signalCode}:\n${lines.slice(-5).join('\n')}`);
      // Only now: until it has exited, the exit hook (killAllSync) must still see it.
      children.delete(child);
    },
  };
  children.add(child);
  return child;
}

/** Waits until `url` answers (any HTTP status below 500), or the child exits, or the time is up. */
export async function waitForHttp(child: Child, url: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.proc.exitCode !== null) throw new Error(`${child.name} exited with ${child.proc.exitCode}:\n${child.tail()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${child.name} did not answer ${url} within ${timeoutMs / 1000} s:\n${child.tail()}`);
}

/** The children that have exited, with their last output lines (for failure messages). */
export function deadChildren(): string[] {
  return [...children]
    .filter((c) => c.proc.exitCode !== null || c.proc.signalCode !== null)
    .map((c) => `${c.name} exited (${c.proc.exitCode ?? c.proc.signalCode}); last output:\n${c.tail()}`);
}

/** Stops every child still running (SIGKILL for a synchronous exit path). */
export async function stopAll(): Promise<void> {
  await Promise.all([...children].map((c) => c.stop()));
}

/** Synchronous last resort for process.on('exit'): kill what is left. */
export function killAllSync(): void {
  for (const c of children) {
    try {
      process.kill(-c.proc.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

/** Resident memory of a process in MB: current (VmRSS) and peak over its life (VmHWM). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/**
 * Resets a process's peak resident memory (VmHWM) to its current RSS (Linux: `5` into
 * /proc/<pid>/clear_refs), so that a later VmHWM is the peak since now. Returns false where that
 * is not allowed; the 250 ms samples still bound the peak from below.
 */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

// Linux accounts CPU in clock ticks of USER_HZ, which is 100 on every mainstream architecture.
const TICK_MS = 10;

/** utime + stime (ms) by pid of every process whose /proc entry `pick` accepts (by process group and name). */
function cpuMsWhere(pick: (pgrp: number, comm: string) => boolean): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const open = stat.indexOf('(');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' '); // from field 3 (state) on
      if (!pick(Number(fields[2]), stat.slice(open + 1, close))) continue;
      out.set(Number(entry), (Number(fields[11]) + Number(fields[12])) * TICK_MS);
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

/** CPU times by pid of a contender's process group and of every PostgreSQL process on this machine. */
export interface CpuSnapshot {
  server: Map<number, number>;
  postgres: Map<number, number>;
}

/** Takes a CPU snapshot of a contender and of PostgreSQL. */
export function cpuSnapshot(child: Child): CpuSnapshot {
  const pgid = child.proc.pid!;
  return { server: cpuMsWhere((pgrp) => pgrp === pgid), postgres: cpuMsWhere((_pgrp, comm) => comm === 'postgres') };
}

/**
 * CPU milliseconds spent between two snapshots, by the contender and by PostgreSQL. Processes
 * that started in between count from zero; backends that exited in between take their time
 * with them (the contenders keep their pools open while a run lasts).
 */
export function cpuSpent(before: CpuSnapshot, after: CpuSnapshot): { serverMs: number; postgresMs: number } {
  const spent = (a: Map<number, number>, b: Map<number, number>) => [...b].reduce((s, [pid, ms]) => s + ms - (a.get(pid) ?? 0), 0);
  return { serverMs: spent(before.server, after.server), postgresMs: spent(before.postgres, after.postgres) };
}
