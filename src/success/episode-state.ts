/** One playbook's episode state for one subject (an account, or one of its cases), as stored. */
import type { AccountView, CaseView } from './account-view.js';

export interface EpisodeState {
  readonly playbookId: string;
  /** The account id, or `<accountId>/<caseId>` for a case trigger. */
  readonly subjectId: string;
  readonly accountId: string;
  /** The case of a case trigger, as last seen open. */
  readonly case?: CaseView;
  /** 0 while only a baseline is recorded; then 1, 2... one per episode. */
  readonly seq: number;
  /** The trigger holds now. */
  readonly active: boolean;
  readonly openedAt?: string;
  readonly closedAt?: string;
  /** How many times each action of this episode has fired, by action index. */
  readonly fired: readonly number[];
  /**
   * How many actions the playbook had when the episode opened: an action added later never fires
   * for it (a new post-mortem must not go out for every episode that ended before it existed).
   */
  readonly actionCount?: number;
  /** The account as last scored: what reminders and post-mortems render from. */
  readonly view: AccountView;
}
