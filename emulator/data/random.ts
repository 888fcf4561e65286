/**
 * Seeded randomness for the generator: one private faker instance (never the global one), so the
 * same seed gives the same org, plus the few draws the generator needs, kept cheap for large orgs.
 */
import { en, Faker } from '@faker-js/faker';

export interface Random {
  /** The seeded faker, for names and phrases. */
  readonly faker: Faker;
  /** A float in [0, 1). */
  unit(): number;
  /** A float in [min, max). */
  between(min: number, max: number): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One of `entries` with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
}

export function createRandom(seed: number): Random {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  const unit = (): number => Math.min(faker.number.float(), 0.999_999_999);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(unit() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  return {
    faker,
    unit,
    between: (min, max) => min + unit() * (max - min),
    int: (min, max) => min + Math.floor(unit() * (max - min + 1)),
    chance: (probability) => unit() < probability,
    pick,
    weighted(entries) {
      let total = 0;
      for (const [, weight] of entries) total += weight;
      let target = unit() * total;
      for (const [item, weight] of entries) {
        target -= weight;
        if (target < 0) return item;
      }
      const last = entries[entries.length - 1];
      if (!last) throw new Error('weighted pick from an empty list');
      return last[0];
    },
  };
}
