import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { EventEmitter } from 'node:events';
import { ApiError, errors } from './errors.js';
import { isObject, parseBody, readBody } from './body.js';
import { FaultInjector } from './faults.js';
import type { DelayInjection, FailureInjection } from './faults.js';
import { WindowLimiter, bucketHash, rateLimitHeaders } from './rate-limit.js';
import type { Json, JsonObject, RecordedRequest } from './types.js';

/** What a route handler receives. */
export interface RequestContext {
  method: string;
  path: string;
  route: string;
  query: URLSearchParams;
  /** Parsed JSON body (or `payload_json` of a multipart body); `{}` when absent. */
  body: JsonObject;
  rawBody: Json | undefined;
  headers: IncomingHttpHeaders;
  auditLogReason: string | undefined;
  /** Route parameter by name; throws if the route has none such. */
  param(name: string): string;
}

/** A handler's result: JSON body and status (default 200), or undefined for 204. */
export type RouteResult = { status?: number; body: Json } | undefined;

/** A REST route handler. */
export type Handler = (ctx: RequestContext) => RouteResult | Promise<RouteResult>;

interface Route {
  method: string;
  segments: string[];
  template: string;
  handler: Handler;
  auth: boolean;
  globalExempt: boolean;
}

/** Options of a route. */
export interface RouteOptions {
  /** Requires `Authorization: Bot <token>` (default true). */
  auth?: boolean;
  /** Exempt from the global rate limit (interaction callbacks). */
  globalExempt?: boolean;
}

/** Settings for the HTTP pipeline. */
export interface HttpSettings {
  botToken: string;
  globalRateLimitPerSecond: number | undefined;
  routeRateLimit: { limit: number; windowSeconds: number } | false;
}

const API_PREFIX = /^\/api\/v(?:9|10)(?=\/)/;

/** Minimal router + the request pipeline (auth, global limit, buckets, injected faults, recording). */
export class RestServer {
  private readonly routes: Route[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly unknownRoutes: { method: string; path: string }[] = [];
  /** Exceptions thrown by route handlers (emulator bugs), answered as 500. */
  readonly serverErrors: Error[] = [];
  readonly failures = new FaultInjector<FailureInjection>();
  readonly delays = new FaultInjector<DelayInjection>();
  /** 429 answers served, by cause. */
  readonly rateLimited = { global: 0, route: 0, injected: 0 };
  private readonly global: WindowLimiter | undefined;
  private readonly buckets: WindowLimiter | undefined;

  constructor(
    private readonly settings: HttpSettings,
    private readonly events: EventEmitter,
  ) {
    this.global = settings.globalRateLimitPerSecond
      ? new WindowLimiter(settings.globalRateLimitPerSecond, 1000)
      : undefined;
    const rl = settings.routeRateLimit;
    this.buckets = rl ? new WindowLimiter(rl.limit, rl.windowSeconds * 1000) : undefined;
  }

  /** Registers a route; `template` uses `:name` segments, e.g. `/channels/:channel/messages`. */
  add(method: string, template: string, handler: Handler, opts: RouteOptions = {}): void {
    this.routes.push({
      method,
      template,
      handler,
      segments: template.split('/').filter(Boolean),
      auth: opts.auth ?? true,
      globalExempt: opts.globalExempt ?? false,
    });
  }

  private match(method: string, path: string): { route: Route; params: Map<string, string> } | undefined {
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== parts.length) continue;
      const params = new Map<string, string>();
      let ok = true;
      route.segments.forEach((segment, i) => {
        const part = parts[i] ?? '';
        if (segment.startsWith(':')) params.set(segment.slice(1), part);
        else if (segment !== part) ok = false;
      });
      if (ok) return { route, params };
    }
    return undefined;
  }

  /** node:http request listener. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const prefix = API_PREFIX.exec(url.pathname);
    const path = prefix ? url.pathname.slice(prefix[0].length) : url.pathname;
    const raw = await readBody(req);
    const rawBody = raw.length ? await parseBody(raw, req.headers['content-type']) : undefined;
    const reasonHeader = req.headers['x-audit-log-reason'];
    const auditLogReason = typeof reasonHeader === 'string' ? decodeURIComponent(reasonHeader) : undefined;
    const found = prefix ? this.match(method, path) : undefined;
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
      this.rateLimited[cause] += 1;
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
    if (route.auth && req.headers.authorization !== `Bot ${this.settings.botToken}`) {
      send(401, errors.unauthorized().toJSON() as Json);
      return;
    }
    if (this.global && !route.globalExempt) {
      const state = this.global.hit(this.settings.botToken);
      if (state.limited) return limited('global', Math.max(0.001, state.resetAfter), true);
    }
    if (this.buckets) {
      const major = params.get('channel') ?? params.get('guild') ?? params.get('token') ?? '';
      const state = this.buckets.hit(`${bucket}:${major}`);
      headers = rateLimitHeaders(state, bucket);
      if (state.limited) return limited('route', state.resetAfter, false);
    }
    const injected = this.failures.take(method, path);
    const fail = (spec: FailureInjection): void => {
      record.injected = spec.after ? 'after' : 'before';
      if (spec.status === 429) limited('injected', spec.retryAfterSeconds ?? 0.1, false);
      else send(spec.status, { message: `${spec.status}: Injected failure`, code: 0 });
    };
    if (injected && !injected.after) return fail(injected);
    const delay = this.delays.take(method, path);
    if (delay && !delay.after) await sleep(delay.ms);
    const ctx: RequestContext = {
      method,
      path,
      route: route.template,
      query: url.searchParams,
      body: isObject(rawBody) ? rawBody : {},
      rawBody,
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
