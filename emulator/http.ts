import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { EventEmitter } from 'node:events';
import { ApiError, errors } from './errors.js';
import { isObject } from './body.js';
import { FailureInjector, WindowLimiter, bucketHash, rateLimitHeaders } from './rate-limit.js';
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

/** Minimal router + the request pipeline (auth, global limit, injected failures, buckets, recording). */
export class RestServer {
  private readonly routes: Route[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly unknownRoutes: { method: string; path: string }[] = [];
  /** Exceptions thrown by route handlers (emulator bugs), answered as 500. */
  readonly serverErrors: Error[] = [];
  readonly failures = new FailureInjector();
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
    let headers: Record<string, string> = {};
    const send = (status: number, body: Json | undefined, extra: Record<string, string> = {}): void => {
      record.status = status;
      const all = { ...headers, ...extra };
      if (body === undefined) {
        res.writeHead(status, all).end();
      } else {
        res.writeHead(status, { ...all, 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      }
      this.requests.push(record);
      this.events.emit('request', record);
    };
    headers = rateLimitHeaders(
      { limited: false, limit: 50, remaining: 49, resetAfter: 1, reset: Date.now() / 1000 + 1 },
      bucket,
    );
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
      if (state.limited) {
        const retryAfter = Math.max(0.001, state.resetAfter);
        send(
          429,
          { message: 'You are being rate limited.', retry_after: retryAfter, global: true, code: 0 },
          {
            'Retry-After': String(Math.ceil(retryAfter)),
            'X-RateLimit-Global': 'true',
            'X-RateLimit-Scope': 'global',
          },
        );
        return;
      }
    }
    if (this.buckets) {
      const major = params.get('channel') ?? params.get('guild') ?? params.get('token') ?? '';
      const state = this.buckets.hit(`${bucket}:${major}`);
      headers = rateLimitHeaders(state, bucket);
      if (state.limited) {
        send(
          429,
          { message: 'You are being rate limited.', retry_after: state.resetAfter, global: false, code: 0 },
          {
            'Retry-After': String(Math.ceil(state.resetAfter)),
            'X-RateLimit-Scope': 'user',
          },
        );
        return;
      }
    }
    const injected = this.failures.take(method, path);
    if (injected) {
      if (injected.status === 429) {
        const retryAfter = injected.retryAfterSeconds ?? 0.1;
        send(
          429,
          { message: 'You are being rate limited.', retry_after: retryAfter, global: false, code: 0 },
          {
            'Retry-After': String(retryAfter),
            'X-RateLimit-Scope': 'user',
          },
        );
      } else {
        send(injected.status, { message: `${injected.status}: Injected failure`, code: 0 });
      }
      return;
    }
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
    try {
      const result = await route.handler(ctx);
      if (result === undefined) send(204, undefined);
      else send(result.status ?? 200, result.body);
    } catch (error) {
      if (error instanceof ApiError) {
        send(error.status, error.toJSON() as Json);
      } else {
        this.serverErrors.push(error instanceof Error ? error : new Error(String(error)));
        send(500, { message: '500: Internal Server Error', code: 0 });
      }
    }
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function parseBody(raw: Buffer, contentType: string | undefined): Promise<Json | undefined> {
  try {
    if (contentType?.startsWith('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
      const payload = form.get('payload_json');
      return typeof payload === 'string' ? (JSON.parse(payload) as Json) : {};
    }
    return JSON.parse(raw.toString('utf8')) as Json;
  } catch {
    return undefined;
  }
}
