import type { Handler, RouteOptions } from './route-types.js';

/** A registered route. */
export interface Route {
  method: string;
  segments: string[];
  template: string;
  handler: Handler;
  auth: boolean;
  globalExempt: boolean;
}

/** The emulated REST routes: registration and matching of `:name` templates. */
export class Router {
  private readonly routes: Route[] = [];

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

  /** The first route matching `method` and `path`, with its parameters. */
  match(method: string, path: string): { route: Route; params: Map<string, string> } | undefined {
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
}
