/**
 * The change against the score about 30 days earlier (Health_Score_Change__c), from the history:
 * the point closest to that day within the tolerance, or null when there is none.
 */
import { MS_PER_DAY, parseInstant } from './business-time/wall-clock.js';
import type { HealthModelConfig } from './scorecard/model-config.js';
import type { ScorePoint } from './snapshot.js';

export function scoreChangeOf(
  score: number | null,
  history: readonly ScorePoint[],
  settings: HealthModelConfig['history'],
  nowMs: number,
): number | null {
  if (score === null) return null;
  const targetMs = nowMs - settings.changeAfterDays * MS_PER_DAY;
  const toleranceMs = settings.toleranceDays * MS_PER_DAY;
  let best: { distance: number; atMs: number; score: number } | null = null;
  for (const point of history) {
    const atMs = parseInstant(point.at);
    const distance = Math.abs(atMs - targetMs);
    if (!(distance <= toleranceMs) || atMs > nowMs) continue;
    // Closest wins; on a tie, the earlier point.
    if (best === null || distance < best.distance || (distance === best.distance && atMs < best.atMs)) {
      best = { distance, atMs, score: point.score };
    }
  }
  return best === null ? null : score - Math.round(best.score);
}
