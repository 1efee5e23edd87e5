import autocannon from 'autocannon';

type RequestParams = { method?: string; path?: string; headers?: Record<string, string>; body?: string };

/** One HTTP request of an operation, as a contender expects it. */
export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** An operation as sent to one contender: a fixed request, or a rotation of requests (C). */
export interface Target {
  baseUrl: string;
  requests: RequestSpec[];
}

/** What one fixed-duration run measured. */
export interface RunResult {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  non2xx: number;
}

/** Runs autocannon against a target at a fixed concurrency for `durationS` seconds. */
export async function runLoad(target: Target, connections: number, durationS: number): Promise<RunResult> {
  let next = 0;
  const specs = target.requests;
  const first = specs[0];
  const result = await autocannon({
    url: target.baseUrl,
    connections,
    duration: durationS,
    // A heavy operation at high concurrency may queue for longer than autocannon's default 10 s.
    timeout: Math.max(30, durationS),
    requests: [
      {
        method: first.method,
        path: first.path,
        headers: first.headers,
        body: first.body,
        // A rotation changes the body (and the token) on every request; a single spec stays as it is.
        ...(specs.length > 1
          ? {
              setupRequest: (req: RequestParams) => {
                const s = specs[next++ % specs.length];
                return { ...req, method: s.method, path: s.path, headers: s.headers, body: s.body };
              },
            }
          : {}),
      },
    ],
  });
  return {
    // Completed responses over the run's duration: a per-second-bucket average reads 0 when responses take longer than a second.
    reqPerSec: (result['2xx'] + result.non2xx) / (result.duration || durationS),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result['2xx'] + result.non2xx,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Sends one request and returns the parsed JSON body (throws on a non-2xx status). */
export async function sendOnce(target: Target, index = 0): Promise<unknown> {
  const s = target.requests[index % target.requests.length];
  const res = await fetch(target.baseUrl + s.path, { method: s.method, headers: s.headers, body: s.body });
  const text = await res.text();
  if (!res.ok) throw new Error(`${s.method} ${s.path}: HTTP ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as unknown;
}

/** Median of numbers (mean of the middle two for an even count). */
export function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
