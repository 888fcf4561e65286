/**
 * The `endpoint` label of a Salesforce call: the kind of resource, never an id, an object name or
 * a query string, so the number of series stays small and fixed whatever the org holds. Only the
 * path is read (the query string never is); a path Pulse does not know becomes `other`.
 */

/** Bulk API 2.0 ingest sub-resources Pulse uses (`/jobs/ingest/<id>/<resource>`). */
const INGEST_RESOURCES = new Set(['batches', 'successfulResults', 'failedResults', 'unprocessedrecords']);
/** `/sobjects/<Object>/<verb>` resources that are not record ids. */
const SOBJECT_VERBS = new Set(['describe', 'deleted', 'updated', 'listviews', 'quickActions']);
/** REST resources named by their first segment alone (their sub-paths hold ids or names). */
const SIMPLE_RESOURCES = new Set(['limits', 'search', 'parameterizedSearch', 'tooling', 'recent', 'ui-api']);
const OAUTH_RESOURCES = new Set(['token', 'revoke', 'userinfo', 'introspect']);

function jobResource(kind: 'query' | 'ingest', resource: string): string {
  if (kind === 'query') return resource === 'results' ? 'jobs/query/results' : 'jobs/query/other';
  return INGEST_RESOURCES.has(resource) ? `jobs/ingest/${resource}` : 'jobs/ingest/other';
}

function dataResource(segments: readonly string[]): string {
  const [first, second, third] = segments;
  if (first === undefined) return 'resources';
  switch (first) {
    case 'query':
    case 'queryAll':
      // `/query/<locator>` is queryMore: the next page of a query.
      return second === undefined ? first : `${first}/more`;
    case 'sobjects':
      if (second === undefined) return 'sobjects';
      if (third === undefined) return 'sobjects/object';
      if (SOBJECT_VERBS.has(third)) return `sobjects/${third}`;
      return segments.length === 3 ? 'sobjects/record' : 'sobjects/other';
    case 'composite':
      if (second === undefined) return 'composite';
      return ['sobjects', 'batch', 'tree', 'graph'].includes(second)
        ? `composite/${second}`
        : 'composite/other';
    case 'jobs':
      if (second !== 'query' && second !== 'ingest') return 'jobs/other';
      if (third === undefined) return `jobs/${second}`;
      if (segments.length === 3) return `jobs/${second}/job`;
      return jobResource(second, segments[3] ?? '');
    default:
      return SIMPLE_RESOURCES.has(first) ? first : 'other';
  }
}

/** @param path the URL's path, e.g. `/services/data/v64.0/sobjects/Account/describe` */
export function endpointLabel(path: string): string {
  const segments = path.split('/').filter((segment) => segment !== '');
  const [root, area, version] = segments;
  if (root === 'id') return 'identity';
  if (root !== 'services') return 'other';
  if (area === 'oauth2') {
    const resource = segments[2];
    return resource !== undefined && OAUTH_RESOURCES.has(resource) ? resource : 'oauth2/other';
  }
  if (area !== 'data') return 'other';
  if (version === undefined) return 'versions';
  if (!/^v\d+\.\d+$/.test(version)) return 'other';
  return dataResource(segments.slice(3));
}
