import type { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FailureInjection } from '../faults/injections.js';
import { bucketHash, rateLimitHeaders } from '../faults/rate-limit.js';
import type { RestFaults } from '../faults/rest-faults.js';
import { isObject, type Json } from '../state/json.js';
import type { CdnAnswer } from './attachment-cdn.js';
import { ApiError, errors } from './errors.js';
import { parseBody, readBody } from './input/body.js';
import type { RecordedRequest, RequestContext } from './route-types.js';
import type { Router } from './router.js';

const API_PREFIX = /^\/api\/v(?:9|10)(?=\/)/;

/**
 * The request pipeline (auth, global limit, buckets, injected faults, recording) over the routes. A GET
 * outside the API that `cdn` answers (attachment bytes) is neither limited nor recorded.
 */
export class RestServer {
  readonly requests: RecordedRequest[] = [];
  readonly unknownRoutes: { method: string; path: string }[] = [];
  /** Exceptions thrown by route handlers (emulator bugs), answered as 500. */
  readonly serverErrors: Error[] = [];

  constructor(
    private readonly botToken: string,
    private readonly router: Router,
    private readonly faults: RestFaults,
    private readonly events: EventEmitter,
    private readonly cdn: (pathname: string) => CdnAnswer | undefined,
  ) {}

  /** node:http request listener. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const prefix = API_PREFIX.exec(url.pathname);
    const path = prefix ? url.pathname.slice(prefix[0].length) : url.pathname;
    const file = !prefix && method === 'GET' ? this.cdn(url.pathname) : undefined;
    if (file) {
      res
        .writeHead(file.status, { 'Content-Type': file.contentType, 'Content-Length': file.data.length })
        .end(file.data);
      return;
    }
    const raw = await readBody(req);
    const { json: rawBody, files } = await parseBody(raw, req.headers['content-type']);
    const reasonHeader = req.headers['x-audit-log-reason'];
    const auditLogReason = typeof reasonHeader === 'string' ? decodeURIComponent(reasonHeader) : undefined;
    const found = prefix ? this.router.match(method, path) : undefined;
    const record: RecordedRequest = {
      method,
      path,
      route: found?.route.template ?? null,
      query: Object.fromEntries(url.searchParams),
      status: 0,
      time: Date.now(),
      body: rawBody,
      ...(auditLogReason !== undefined ? { auditLogReason } : {}),
    };
    const bucket = bucketHash(method, found?.route.template ?? path);
    let headers: Record<string, string> = rateLimitHeaders(
      { limited: false, limit: 50, remaining: 49, resetAfter: 1, reset: Date.now() / 1000 + 1 },
      bucket,
    );
    const send = (status: number, body: Json | undefined, extra: Record<string, string> = {}): void => {
      record.status = status;
      const all = { ...headers, ...extra };
      if (!res.destroyed) {
        if (body === undefined) res.writeHead(status, all).end();
        else res.writeHead(status, { ...all, 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      }
      this.requests.push(record);
      this.events.emit('request', record);
    };
    const limited = (cause: 'global' | 'route' | 'injected', retryAfter: number, global: boolean): void => {
      this.faults.rateLimited[cause] += 1;
      send(
        429,
        { message: 'You are being rate limited.', retry_after: retryAfter, global, code: 0 },
        global
          ? {
              'Retry-After': String(Math.ceil(retryAfter)),
              'X-RateLimit-Global': 'true',
              'X-RateLimit-Scope': 'global',
            }
          : {
              'Retry-After': String(cause === 'injected' ? retryAfter : Math.ceil(retryAfter)),
              'X-RateLimit-Scope': 'user',
            },
      );
    };
    if (!found) {
      this.unknownRoutes.push({ method, path: url.pathname });
      send(404, { message: '404: Not Found', code: 0 });
      return;
    }
    const { route, params } = found;
    if (route.auth && req.headers.authorization !== `Bot ${this.botToken}`) {
      send(401, errors.unauthorized().toJSON() as Json);
      return;
    }
    if (!route.globalExempt) {
      const state = this.faults.hitGlobal(this.botToken);
      if (state?.limited) return limited('global', Math.max(0.001, state.resetAfter), true);
    }
    const major = params.get('channel') ?? params.get('guild') ?? params.get('token') ?? '';
    const state = this.faults.hitBucket(`${bucket}:${major}`);
    if (state) {
      headers = rateLimitHeaders(state, bucket);
      if (state.limited) return limited('route', state.resetAfter, false);
    }
    const injected = this.faults.failures.take(method, path);
    const fail = (spec: FailureInjection): void => {
      record.injected = spec.after ? 'after' : 'before';
      if (spec.status === 429) limited('injected', spec.retryAfterSeconds ?? 0.1, false);
      else send(spec.status, { message: `${spec.status}: Injected failure`, code: 0 });
    };
    if (injected && !injected.after) return fail(injected);
    const delay = this.faults.delays.take(method, path);
    if (delay && !delay.after) await sleep(delay.ms);
    const ctx: RequestContext = {
      method,
      path,
      route: route.template,
      query: url.searchParams,
      body: isObject(rawBody) ? rawBody : {},
      rawBody,
      files,
      headers: req.headers,
      auditLogReason,
      param(name) {
        const value = params.get(name);
        if (value === undefined) throw new Error(`route ${route.template} has no :${name}`);
        return value;
      },
    };
    let status = 200;
    let body: Json | undefined;
    try {
      const result = await route.handler(ctx);
      if (result === undefined) status = 204;
      else [status, body] = [result.status ?? 200, result.body];
    } catch (error) {
      if (error instanceof ApiError) {
        [status, body] = [error.status, error.toJSON() as Json];
      } else {
        this.serverErrors.push(error instanceof Error ? error : new Error(String(error)));
        [status, body] = [500, { message: '500: Internal Server Error', code: 0 }];
      }
    }
    if (delay?.after) await sleep(delay.ms);
    if (injected) return fail(injected);
    send(status, body);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
