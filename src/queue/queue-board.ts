/**
 * Each org's queue as the BullMQ dashboard (@bull-board) shows it. Every org's queue is named
 * `sync` under its own prefix, so the board names them `<org>.sync` to tell them apart.
 */
import type { BaseAdapter } from '@bull-board/api/baseAdapter';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { Queue } from 'bullmq';

export interface OrgQueueBoard {
  readonly orgName: string;
  readonly adapter: BaseAdapter;
}

export function queueBoards(queues: ReadonlyMap<string, Queue>): OrgQueueBoard[] {
  return [...queues].map(([orgName, queue]) => ({
    orgName,
    adapter: new BullMQAdapter(queue, {
      prefix: `${orgName}.`,
      displayName: `${orgName}: sync runs`,
      description: `The runs of org ${orgName} and their steps (pull, score, write).`,
    }),
  }));
}
