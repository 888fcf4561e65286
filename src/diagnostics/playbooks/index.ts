/** Integration-troubleshooting playbooks: the schema, the loader, and matching a failed call to one. */
export {
  explainingFailure,
  failureOfCall,
  failureOfError,
  failuresOfCall,
  type CallFailure,
} from './call-failure.js';
export {
  INTEGRATION_PLAYBOOKS_DIR,
  loadPlaybooks,
  type LoadedPlaybook,
  type LoadPlaybooksOptions,
} from './load-playbooks.js';
export { matchPlaybook, type PlaybookChoice } from './match-playbook.js';
export { PlaybookError } from './playbook-error.js';
export {
  ERROR_CLASSES,
  Playbook,
  PlaybookFile,
  PlaybookLink,
  PlaybookMatch,
  PlaybookStep,
} from './playbook-schema.js';
