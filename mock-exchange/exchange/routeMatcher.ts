// An exact matcher for the journey fast path's few fixed route patterns: a path is split on '/' and compared segment
// by segment, literal to literal, `:name` to any non-empty segment. It matches less than Express does (no other
// letter case, no trailing slash, no percent-encoding) on purpose: what it does not match goes to Express, which
// answers it as ever.

/** A route as mounted: method and Express pattern (`/api/v1/applications/:applicationId`). */
export interface Pattern {
  method: string;
  path: string;
}

export interface Matched<T> {
  route: T;
  params: Record<string, string>;
}

interface Compiled<T> {
  route: T;
  /** A literal segment, or the parameter's name after ':'. */
  segments: { literal?: string; param?: string }[];
}

export function createRouteMatcher<T extends Pattern>(routes: readonly T[]) {
  const byMethod = new Map<string, Compiled<T>[]>();
  for (const route of routes) {
    if (!route.path.startsWith('/')) throw new Error(`routeMatcher: pattern ${route.path} must start with '/'`);
    const segments = route.path
      .slice(1)
      .split('/')
      .map((segment) => (segment.startsWith(':') ? { param: segment.slice(1) } : { literal: segment }));
    for (const segment of segments) {
      if (segment.literal !== undefined && /[:*?()]/.test(segment.literal))
        throw new Error(`routeMatcher: ${route.path} has a pattern feature this matcher does not know`);
    }
    const list = byMethod.get(route.method) ?? [];
    list.push({ route, segments });
    byMethod.set(route.method, list);
  }

  return {
    /** The route and its parameters for a request's method and path (the query string already cut off); undefined when none matches exactly. */
    match(method: string, pathname: string): Matched<T> | undefined {
      const candidates = byMethod.get(method);
      if (!candidates || pathname.charCodeAt(0) !== 47 /* '/' */ || pathname.includes('%')) return undefined;
      const parts = pathname.slice(1).split('/');
      for (const { route, segments } of candidates) {
        if (segments.length !== parts.length) continue;
        const params: Record<string, string> = {};
        let matches = true;
        for (let i = 0; i < segments.length && matches; i += 1) {
          const { literal, param } = segments[i]!;
          const part = parts[i]!;
          if (param !== undefined) {
            params[param] = part;
            matches = part !== '';
          } else matches = part === literal;
        }
        if (matches) return { route, params };
      }
      return undefined;
    },
  };
}
