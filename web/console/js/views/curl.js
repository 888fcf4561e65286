// "Copy as curl": the call as a shell command (the access token as $SF_ACCESS_TOKEN), copied to
// the clipboard; where the browser will not, the command is selected for Ctrl+C.
import { api } from '../api.js';
import { h } from '../dom.js';
import { errorBox } from '../ui.js';

function select(node) {
  const range = document.createRange();
  range.selectNodeContents(node);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

export function curlPanel(callId) {
  const output = h('pre', {
    class: 'code',
    id: 'curl',
    tabindex: '0',
    'aria-label': 'The call as curl',
    hidden: true,
  });
  const status = h('p', { role: 'status', class: 'hint' });
  const button = h('button', { type: 'button', id: 'copy-curl' }, 'Copy as curl');
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.replaceChildren();
    try {
      const text = await api(`/diagnostics/calls/${encodeURIComponent(callId)}/curl`, { as: 'text' });
      output.textContent = text;
      output.hidden = false;
      try {
        await navigator.clipboard.writeText(text);
        status.textContent = 'Copied to the clipboard. The command reads the token from $SF_ACCESS_TOKEN.';
      } catch {
        select(output);
        output.focus();
        status.textContent = 'The browser did not allow copying: the command is selected, press Ctrl+C (⌘C).';
      }
    } catch (error) {
      status.replaceChildren(errorBox(error));
    } finally {
      button.disabled = false;
    }
  });
  return h('div', { class: 'curl' }, button, status, output);
}
