// The playbook matched to a call: what the failure means, why it matched, its likely causes and
// the steps to fix it, whether a replay helps, and its links.
import { h } from '../dom.js';
import { section, terms } from '../ui.js';

function step(item) {
  return h(
    'li',
    null,
    terms([
      ['Check', item.check],
      ['Fix', item.fix],
      ['Where', item.setup],
      ['Permissions', item.permissions?.join(', ')],
    ]),
  );
}

/** External pages open as links; files of the repository (`docs/...`) are named, not linked. */
function linkItem(item) {
  return h(
    'li',
    null,
    item.url.startsWith('https://')
      ? h('a', { href: item.url, rel: 'noopener noreferrer', target: '_blank' }, item.title)
      : `${item.title} (${item.url})`,
  );
}

export function playbookSection(detail) {
  const playbook = detail.playbook;
  if (!playbook) return section('Playbook', h('p', { class: 'empty' }, 'No playbook matches this call.'));
  return h(
    'section',
    { class: 'panel', id: 'playbook' },
    h('h2', null, `Playbook: ${playbook.title}`),
    h('p', null, playbook.summary),
    detail.matchedBecause.length > 0
      ? h('p', { class: 'hint' }, `Matched because ${detail.matchedBecause.join('; ')}.`)
      : null,
    h('h3', null, 'Likely causes, most likely first'),
    h(
      'ol',
      { id: 'causes' },
      playbook.causes.map((cause) => h('li', null, cause)),
    ),
    h('h3', null, 'Steps'),
    h('ol', { id: 'steps', class: 'steps' }, playbook.steps.map(step)),
    h('h3', null, 'Does a replay help?'),
    h('p', null, h('strong', null, playbook.replay.helps ? 'Yes. ' : 'Probably not. '), playbook.replay.why),
    playbook.links?.length ? [h('h3', null, 'Read more'), h('ul', null, playbook.links.map(linkItem))] : null,
    h('p', { class: 'hint' }, `Playbook ${playbook.id}, from ${playbook.source}.`),
  );
}
