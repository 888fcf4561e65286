/**
 * Every measure of the shipped scorecard (config/health-model.yaml), value -> points, read off the
 * YAML by hand: thresholds are steps (the first band the value reaches), curves are straight lines
 * between their points and flat beyond the ends.
 */
import { describe, expect, it } from 'vitest';

import type { ResolvedMeasure } from '../../../../src/health/model/scoring-profile.js';
import { pointsFor } from '../../../../src/health/scorecard/points.js';
import { shippedModel } from '../support/model.js';

function measure(id: string, segment: string | null = null): ResolvedMeasure {
  const profile = shippedModel().profiles.find((candidate) => candidate.segment === segment);
  const found = profile?.groups.flatMap((group) => group.measures).find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no measure ${id}`);
  return found;
}

// [measure id, value, expected points]
const table: [string, number, number][] = [
  // openP1: atMost 0 -> 100, otherwise 0
  ['openP1', 0, 100],
  ['openP1', 1, 0],
  ['openP1', 5, 0],
  // openP2: 0 -> 100, <=1 -> 70, <=3 -> 40, otherwise 10
  ['openP2', 0, 100],
  ['openP2', 1, 70],
  ['openP2', 2, 40],
  ['openP2', 3, 40],
  ['openP2', 4, 10],
  // escalated: 0 -> 100, <=1 -> 50, otherwise 0
  ['escalated', 0, 100],
  ['escalated', 1, 50],
  ['escalated', 2, 0],
  // slaBreaches: 0 -> 100, <=1 -> 60, <=3 -> 30, otherwise 0
  ['slaBreaches', 0, 100],
  ['slaBreaches', 1, 60],
  ['slaBreaches', 3, 30],
  ['slaBreaches', 4, 0],
  // caseVolume (ratio): <=1.5 -> 100, <=2 -> 70, <=3 -> 40, otherwise 10
  ['caseVolume', 1, 100],
  ['caseVolume', 1.5, 100],
  ['caseVolume', 1.6, 70],
  ['caseVolume', 2, 70],
  ['caseVolume', 2.5, 40],
  ['caseVolume', 3.1, 10],
  // resolutionTime (business hours): <=8 -> 100, <=24 -> 75, <=72 -> 40, otherwise 10
  ['resolutionTime', 8, 100],
  ['resolutionTime', 8.5, 75],
  ['resolutionTime', 24, 75],
  ['resolutionTime', 72, 40],
  ['resolutionTime', 73, 10],
  // renewalProbability, curve (10,0) (50,50) (90,100):
  ['renewalProbability', 0, 0], // flat below 10
  ['renewalProbability', 10, 0],
  ['renewalProbability', 30, 25], // 0 + (30-10)/(50-10) x 50 = 25
  ['renewalProbability', 40, 37.5], // 30/40 x 50 = 37.5
  ['renewalProbability', 50, 50],
  ['renewalProbability', 70, 75], // 50 + (70-50)/(90-50) x 50 = 75
  ['renewalProbability', 90, 100],
  ['renewalProbability', 100, 100], // flat above 90
  // lostRenewals: 0 -> 100, otherwise 0
  ['lostRenewals', 0, 100],
  ['lostRenewals', 1, 0],
  // expansionPipeline: >=50000 -> 100, >=10000 -> 85, >=1 -> 70, otherwise 50
  ['expansionPipeline', 0, 50],
  ['expansionPipeline', 1, 70],
  ['expansionPipeline', 9999, 70],
  ['expansionPipeline', 10000, 85],
  ['expansionPipeline', 50000, 100],
  // lastActivity (days): <=14 -> 100, <=30 -> 80, <=60 -> 50, <=90 -> 25, otherwise 0
  ['lastActivity', 0, 100],
  ['lastActivity', 14, 100],
  ['lastActivity', 15, 80],
  ['lastActivity', 30, 80],
  ['lastActivity', 60, 50],
  ['lastActivity', 61, 25],
  ['lastActivity', 90, 25],
  ['lastActivity', 91, 0],
  // seatUtilisation (%): >=80 -> 100, >=60 -> 75, >=40 -> 45, otherwise 15
  ['seatUtilisation', 80, 100],
  ['seatUtilisation', 79, 75],
  ['seatUtilisation', 60, 75],
  ['seatUtilisation', 40, 45],
  ['seatUtilisation', 39.9, 15],
  // usageTrend (%): >=0 -> 100, >=-10 -> 70, >=-25 -> 35, otherwise 10
  ['usageTrend', 5, 100],
  ['usageTrend', 0, 100],
  ['usageTrend', -10, 70],
  ['usageTrend', -25, 35],
  ['usageTrend', -26, 10],
  // nps (-100..100): >=50 -> 100, >=20 -> 80, >=0 -> 50, otherwise 20
  ['nps', 100, 100],
  ['nps', 50, 100],
  ['nps', 49, 80],
  ['nps', 20, 80],
  ['nps', 0, 50],
  ['nps', -1, 20],
  ['nps', -100, 20],
  // csat (percent 0-100): >=90 -> 100, >=80 -> 80, >=60 -> 50, otherwise 20
  ['csat', 90, 100],
  ['csat', 85.5, 80],
  ['csat', 60, 50],
  ['csat', 59.9, 20],
];

describe('the shipped measures', () => {
  it.each(table)('%s at %d scores %d points', (id, value, points) => {
    const m = measure(id);
    expect(pointsFor(m.rule, m.direction, value)).toBeCloseTo(points, 10);
  });

  it('cover every measure of the scorecard', () => {
    const ids = shippedModel().config.groups.flatMap((group) => group.measures.map((m) => m.id));
    expect(new Set(table.map(([id]) => id))).toEqual(new Set(ids));
  });

  // Enterprise segment: expansionPipeline >=250000 -> 100, >=50000 -> 85, >=1 -> 70, otherwise 50.
  it.each([
    [0, 50],
    [50000, 85],
    [249999, 85],
    [250000, 100],
  ])('the Enterprise segment scores an expansion pipeline of %d at %d', (value, points) => {
    const m = measure('expansionPipeline', 'Enterprise');
    expect(pointsFor(m.rule, m.direction, value)).toBe(points);
  });

  it('resolve segment weights: Enterprise Commercial 35, SMB Adoption 25, the rest as the base', () => {
    const weights = (segment: string | null) =>
      Object.fromEntries(
        (shippedModel().profiles.find((p) => p.segment === segment)?.groups ?? []).map((g) => [
          g.name,
          g.weight,
        ]),
      );
    expect(weights(null)).toEqual({
      Support: 30,
      Commercial: 30,
      Engagement: 15,
      Adoption: 15,
      Relationship: 10,
    });
    expect(weights('Enterprise')).toEqual({
      Support: 35,
      Commercial: 35,
      Engagement: 10,
      Adoption: 15,
      Relationship: 10,
    });
    expect(weights('SMB')).toEqual({
      Support: 30,
      Commercial: 30,
      Engagement: 10,
      Adoption: 25,
      Relationship: 10,
    });
  });
});
