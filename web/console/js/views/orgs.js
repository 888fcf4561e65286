// `#/orgs`: the orgs this token may see, each with its banners, last run and failing records.
import { api } from '../api.js';
import { h, link } from '../dom.js';
import { count, time } from '../format.js';
import { badge, title } from '../ui.js';
import { orgBanners } from './org-banners.js';

function card(org) {
  const run = org.lastRun;
  return h(
    'li',
    { class: 'panel org-card' },
    h('h2', null, link(`/orgs/${encodeURIComponent(org.name)}`, org.name)),
    orgBanners(org),
    h(
      'p',
      null,
      run ? ['Last run ', badge(run.status), ` ${time(run.startedAt)} (${run.mode})`] : 'No run yet.',
    ),
    h(
      'p',
      null,
      `${count(org.failing)} record(s) failing · `,
      link(`/orgs/${encodeURIComponent(org.name)}/calls`, 'Failed calls'),
    ),
  );
}

export async function orgsView({ signal }) {
  const { orgs } = await api('/orgs', { signal });
  return h(
    'div',
    { 'data-view': 'orgs' },
    title('Orgs'),
    orgs.length === 0
      ? h('p', { class: 'empty' }, 'This token may see no org.')
      : h('ul', { class: 'cards' }, orgs.map(card)),
  );
}
