// What is wrong with an org right now, as banners: its alert episodes (auth lost, paused for
// budget, stale), write-back paused by an admin, shadow mode, a last run that failed.
import { h } from '../dom.js';
import { time } from '../format.js';
import { banner } from '../ui.js';

const ALERTS = {
  'auth-lost': ['error', 'Auth lost'],
  'budget-paused': ['warning', 'Paused for API budget'],
  stale: ['warning', 'Stale'],
};

export function orgBanners(org) {
  const banners = (org.alerts ?? []).map((alert) => {
    const [kind, name] = ALERTS[alert.kind] ?? ['warning', alert.kind];
    return banner(kind, h('strong', null, name), ` since ${time(alert.since)}: ${alert.detail}`);
  });
  if (org.writesPaused)
    banners.push(
      banner(
        'warning',
        h('strong', null, 'Write-back paused'),
        ` since ${time(org.writesPaused.at)}: ${org.writesPaused.reason}`,
      ),
    );
  if (org.lastRun?.status === 'failed')
    banners.push(
      banner('error', h('strong', null, 'Last run failed'), `: ${org.lastRun.error ?? 'see the run'}`),
    );
  if (org.shadow)
    banners.push(banner('info', h('strong', null, 'Shadow mode'), ': scores are computed, not written.'));
  else if (!org.writeBack)
    banners.push(banner('info', h('strong', null, 'Write-back off'), ': scores are not written.'));
  return banners;
}
