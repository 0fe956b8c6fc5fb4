import type { IncomingHttpHeaders } from 'node:http';
import type { Json, JsonObject } from '../state/json.js';
import type { UploadedFile } from './input/body.js';

/** What a route handler receives. */
export interface RequestContext {
  method: string;
  path: string;
  route: string;
  query: URLSearchParams;
  /** Parsed JSON body (or `payload_json` of a multipart body); `{}` when absent. */
  body: JsonObject;
  rawBody: Json | undefined;
  /** Files uploaded in a multipart body (`files[0]`, `files[1]`, ...), in their order; `[]` for JSON bodies. */
  files: UploadedFile[];
  headers: IncomingHttpHeaders;
  auditLogReason: string | undefined;
  /** Route parameter by name; throws if the route has none such. */
  param(name: string): string;
}

/** A handler's result: JSON body and status (default 200), or undefined for 204. */
export type RouteResult = { status?: number; body: Json } | undefined;

/** A REST route handler. */
export type Handler = (ctx: RequestContext) => RouteResult | Promise<RouteResult>;

/** Options of a route. */
export interface RouteOptions {
  /** Requires `Authorization: Bot <token>` (default true). */
  auth?: boolean;
  /** Exempt from the global rate limit (interaction callbacks). */
  globalExempt?: boolean;
}

/** A recorded REST request. */
export interface RecordedRequest {
  method: string;
  /** Path below the API version, e.g. `/channels/123/messages`. */
  path: string;
  /** Matched route template, e.g. `/channels/:channel/messages`, or null when unknown. */
  route: string | null;
  query: Record<string, string>;
  status: number;
  time: number;
  body: Json | undefined;
  /** X-Audit-Log-Reason header, decoded. */
  auditLogReason?: string;
  /** Set when an injected failure answered this request: `'after'` when the work was done anyway. */
  injected?: 'before' | 'after';
}
