/** The write context of a user in this org: its records, validation rules and what the user sees. */
import type { EmulatorState } from '../server/emulator-state.js';
import type { WriteContext } from './plan-write.js';

export function writeContextOf(state: EmulatorState, userId: string): WriteContext {
  return {
    store: state.store,
    rules: state.validationRules,
    userId,
    ...(state.visibility.mode === 'all' ? {} : { canSee: (record) => state.visibility.isVisible(record) }),
  };
}
