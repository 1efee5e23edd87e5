import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';

const REFUSAL = JSON.stringify({
  errors: [{ message: 'The server is shutting down; retry on another instance', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
});

/**
 * The HTTP side of a bounded shutdown. Wraps the request listener: counts requests in flight and,
 * once draining, refuses every new request (also one arriving on an already open keep-alive
 * connection) with 503 and `Connection: close` before any of the app runs, so nothing a refused
 * request asked for is written. Responses still in flight when draining starts also carry
 * `Connection: close`, so no client sends another request on their connection.
 */
export class HttpDrain {
  private draining = false;
  private readonly inFlight = new Set<ServerResponse>();
  private idle: (() => void) | null = null;

  constructor(private readonly server: Server) {}

  /** The listener to give the HTTP server in place of `app`. */
  wrap(app: RequestListener): RequestListener {
    return (req: IncomingMessage, res: ServerResponse) => {
      if (this.draining) {
        res.writeHead(503, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(REFUSAL), connection: 'close', 'retry-after': '1' });
        res.end(REFUSAL);
        return;
      }
      this.inFlight.add(res);
      res.once('close', () => {
        this.inFlight.delete(res);
        if (this.inFlight.size === 0) this.idle?.();
      });
      app(req, res);
    };
  }

  get requestsInFlight(): number {
    return this.inFlight.size;
  }

  /**
   * Stops accepting connections, closes idle keep-alive ones, and waits for the requests in flight
   * to finish, at most `timeoutMs`. Resolves whether they all finished.
   */
  async drain(timeoutMs: number): Promise<boolean> {
    this.draining = true;
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    this.server.close();
    this.server.closeIdleConnections();
    return this.waitIdle(timeoutMs);
  }

  /** Waits until no request is in flight, at most `timeoutMs`; resolves whether none is. */
  waitIdle(timeoutMs: number): Promise<boolean> {
    if (this.inFlight.size === 0) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.idle = null;
        resolve(false);
      }, timeoutMs);
      this.idle = () => {
        clearTimeout(timer);
        this.idle = null;
        resolve(true);
      };
    });
  }

  /** Destroys every remaining connection: a request cut off here gets no answer, never a success. */
  closeAll(): void {
    this.server.closeAllConnections();
  }
}
