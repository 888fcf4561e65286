/** `/metrics` through the API: Prometheus text read from Redis, for tokens that may see every org. */
import { describe, expect } from 'vitest';

import { apiTest } from '../../support/api-app.js';

describe('GET /metrics', () => {
  apiTest(
    'answers Prometheus text with every org’s figures; an org-limited token is refused',
    async ({ api }) => {
      const response = await fetch(`${api.base}/metrics`, {
        headers: { authorization: 'Bearer tok-viewer' },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await response.text();
      expect(text).toContain('pulse_metrics_redis_up 1');
      for (const org of ['acme', 'beta'])
        expect(text).toContain(`pulse_queue_jobs{org="${org}",state="waiting"} 0`);
      expect(text).toMatch(/# TYPE pulse_salesforce_calls_total counter/);
      expect((await api.call('betaViewer', 'GET', '/metrics')).status).toBe(403);
      expect((await api.call('anonymous', 'GET', '/metrics')).status).toBe(401);
    },
  );
});
