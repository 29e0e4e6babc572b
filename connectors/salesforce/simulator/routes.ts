import { COLLECTION_ROUTES } from './collection-routes';
import { COMPOSITE_BATCH_ROUTES } from './composite-batch-routes';
import { COMPOSITE_ROUTES } from './composite-routes';
import { EVENT_CHANNEL_ROUTES } from './event-channels';
import { MISC_ROUTES } from './misc-routes';
import { QUERY_ROUTES } from './query-routes';
import { SOBJECT_ROUTES } from './sobject-routes';
import { TOOLING_DESCRIBE_ROUTES } from './tooling-describe-routes';
import { TOOLING_ROUTES } from './tooling-routes';
import { TREE_ROUTES } from './tree-routes';
import type { Route } from './router';

/**
 * Every REST route under /services/data/vNN.N, most specific first: the first whose method and
 * pattern match answers (replication before by-id, Tooling describe before record routes).
 */
export const ROUTES: readonly Route[] = [
  ...MISC_ROUTES,
  ...SOBJECT_ROUTES,
  ...COLLECTION_ROUTES,
  ...COMPOSITE_ROUTES,
  ...COMPOSITE_BATCH_ROUTES,
  ...TREE_ROUTES,
  ...QUERY_ROUTES,
  ...TOOLING_DESCRIBE_ROUTES,
  ...EVENT_CHANNEL_ROUTES,
  ...TOOLING_ROUTES,
];
