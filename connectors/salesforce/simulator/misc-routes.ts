import { reply } from './reply';
import type { Route } from './router';

/** The version root's resource list and the org limits resource. */
export const MISC_ROUTES: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/',
    handler: (c) => {
      const base = `/services/data/v${c.req.version}`;
      const names = ['sobjects', 'query', 'queryAll', 'composite', 'tooling', 'limits'];
      return reply(200, Object.fromEntries(names.map((name) => [name, `${base}/${name}`])));
    },
  },
  { method: 'GET', pattern: '/limits', handler: (c) => reply(200, c.services.limits()) },
];
