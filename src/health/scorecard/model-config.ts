/**
 * The shape of `config/health-model.yaml`: measure groups and measures with their weights and
 * points, status bands, segment profiles, risk-flag rules and the optional inputs mapped from
 * Account fields. Cross-references are checked here, so a typo names its key at load time.
 */
import { z } from 'zod';

import { BUILTIN_SIGNALS, isBuiltinSignal, signalInfo } from '../signals/signal-catalog.js';
import { Condition, signalReferences } from './condition.js';
import { CurvePoint, Direction, Threshold, checkPointsRule } from './points.js';

/** The flags the model sets whatever their rules say (issue 5's invariants); the config must list them. */
export const GUARANTEED_FLAGS = { openP1: 'Open P1', slaBreach: 'SLA Breach' } as const;

const Points = z.number().min(0).max(100);
const Weight = z.number().positive();

const Measure = z
  .object({
    id: z.string().regex(/^[a-z][A-Za-z0-9]*$/, { error: 'expected a camelCase id such as "openP1"' }),
    label: z.string().min(1),
    signal: z.string().min(1),
    direction: Direction,
    weight: Weight,
    thresholds: z.array(Threshold).min(1).optional(),
    otherwise: Points.optional(),
    curve: z.array(CurvePoint).optional(),
  })
  .strict()
  .superRefine((measure, ctx) => {
    for (const issue of checkPointsRule(measure, measure.direction))
      ctx.addIssue({ code: 'custom', ...issue });
  });
export type MeasureConfig = z.output<typeof Measure>;

const Group = z
  .object({ name: z.string().min(1), weight: Weight, measures: z.array(Measure).min(1) })
  .strict();
export type GroupConfig = z.output<typeof Group>;

const Band = z.object({ status: z.string().min(1), minScore: z.number().int().min(0).max(100) }).strict();

const MeasureOverride = z
  .object({
    weight: Weight.optional(),
    thresholds: z.array(Threshold).min(1).optional(),
    otherwise: Points.optional(),
    curve: z.array(CurvePoint).optional(),
  })
  .strict();
export type MeasureOverride = z.output<typeof MeasureOverride>;

const Segment = z
  .object({
    name: z.string().min(1),
    /** Left out: matches every account (only the last segment may do that). */
    when: Condition.optional(),
    /** Group name -> weight for accounts of this segment (0 leaves the group out). */
    groupWeights: z.record(z.string(), z.number().min(0)).default({}),
    /** Measure id -> weight and/or points for accounts of this segment. */
    measures: z.record(z.string(), MeasureOverride).default({}),
  })
  .strict();
export type SegmentConfig = z.output<typeof Segment>;

const RiskFlagRule = z
  .object({
    /** A value of the Risk_Flags__c multi-select picklist; the list order is the picklist order. */
    name: z
      .string()
      .min(1)
      .max(255)
      .refine((name) => !name.includes(';'), { error: 'expected a name without ";"' }),
    when: Condition,
    /** Shown with the flag; keep it free of running counts so it stays stable. */
    reason: z.string().min(1),
  })
  .strict();
export type RiskFlagRule = z.output<typeof RiskFlagRule>;

const Input = z.object({ field: z.string().min(1) }).strict();

const Names = z.array(z.string().min(1)).min(1);

export const HealthModelConfig = z
  .object({
    /** Status bands, best first: the first whose `minScore` the score reaches. The last must be 0. */
    bands: z.array(Band).min(1),
    groups: z.array(Group).min(1),
    /** Segment profiles, in priority order: the first whose `when` holds is used. */
    segments: z.array(Segment).default([]),
    riskFlags: z.array(RiskFlagRule).min(1),
    /** Optional inputs: signal name -> the Account field it is read from. A missing value is left out, never zero. */
    inputs: z
      .record(z.string().regex(/^[a-z][A-Za-z0-9]*$/, { error: 'expected a camelCase signal name' }), Input)
      .default({}),
    /** Opportunity Type values (case-insensitive) that mean a renewal or an expansion. */
    opportunityTypes: z
      .object({ renewal: Names.default(['Renewal']), expansion: Names.default(['Expansion', 'Upsell']) })
      .strict()
      .prefault({}),
    /** A support spike: at least `minCases` in 30 days and `minRatio` times the monthly average of the 90 days before. */
    supportSpike: z
      .object({
        minRatio: z.number().positive().default(2),
        minCases: z.number().int().min(1).default(3),
        /** The smallest monthly baseline, so 3 cases after a quiet quarter count as 3x, not infinity. */
        baselineFloorPerMonth: z.number().positive().default(1),
      })
      .strict()
      .prefault({}),
    /** The score change compares with the history point closest to `changeAfterDays` ago, within `toleranceDays`. */
    history: z
      .object({
        changeAfterDays: z.number().int().min(1).default(30),
        toleranceDays: z.number().int().min(0).default(7),
      })
      .strict()
      .prefault({}),
    reasons: z
      .object({
        maxFactors: z.number().int().min(1).max(10).default(3),
        maxStrengths: z.number().int().min(0).max(10).default(2),
        /** Health_Reasons__c is a Long Text Area; the text is cut to fit. */
        // Health_Reasons__c is a Long Text Area of 32,768 characters: more could never be written.
        maxChars: z.number().int().min(200).max(32_768).default(4000),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((model, ctx) => {
    const issue = (path: (string | number)[], message: string, input: unknown) => {
      ctx.addIssue({ code: 'custom', path, message, input });
    };
    const known = (signal: string) => isBuiltinSignal(signal) || Object.hasOwn(model.inputs, signal);
    const unknownSignal = `expected a signal such as ${Object.keys(BUILTIN_SIGNALS).slice(0, 4).join(', ')}... or a name under "inputs"`;
    const checkCondition = (condition: Condition, path: (string | number)[]) => {
      for (const reference of signalReferences(condition, path)) {
        if (!known(reference.signal)) issue(reference.path, unknownSignal, reference.signal);
      }
    };

    for (const name of Object.keys(model.inputs)) {
      if (isBuiltinSignal(name) && name !== 'arr' && signalInfo(name).input !== true) {
        issue(['inputs', name], 'expected an input name that is not a computed signal', name);
      }
    }
    model.bands.forEach((band, index) => {
      const previous = model.bands[index - 1];
      if (previous && band.minScore >= previous.minScore)
        issue(['bands', index, 'minScore'], 'expected bands best first, minScore falling', band.minScore);
      if (model.bands.findIndex((other) => other.status === band.status) !== index)
        issue(['bands', index, 'status'], 'expected each status once', band.status);
    });
    const lastBand = model.bands[model.bands.length - 1];
    if (lastBand && lastBand.minScore !== 0)
      issue(
        ['bands', model.bands.length - 1, 'minScore'],
        'expected the last band to start at 0',
        lastBand.minScore,
      );

    const measures = new Map<string, MeasureConfig>();
    model.groups.forEach((group, groupIndex) => {
      if (model.groups.findIndex((other) => other.name === group.name) !== groupIndex)
        issue(['groups', groupIndex, 'name'], 'expected each group name once', group.name);
      group.measures.forEach((measure, index) => {
        const path = ['groups', groupIndex, 'measures', index];
        if (measures.has(measure.id)) issue([...path, 'id'], 'expected each measure id once', measure.id);
        measures.set(measure.id, measure);
        if (!known(measure.signal)) issue([...path, 'signal'], unknownSignal, measure.signal);
        else if (signalInfo(measure.signal).kind === 'text')
          issue(
            [...path, 'signal'],
            'expected a signal with numbers (text signals can only be tested in a "when")',
            measure.signal,
          );
      });
    });

    model.segments.forEach((segment, index) => {
      const path = ['segments', index];
      if (segment.when) checkCondition(segment.when, [...path, 'when']);
      else if (index < model.segments.length - 1)
        issue(
          [...path, 'name'],
          'expected only the last segment to have no "when" (it matches every account)',
          segment.name,
        );
      for (const name of Object.keys(segment.groupWeights)) {
        if (!model.groups.some((group) => group.name === name))
          issue([...path, 'groupWeights', name], 'expected the name of a group', name);
      }
      const weights = model.groups.map((group) => segment.groupWeights[group.name] ?? group.weight);
      if (!weights.some((weight) => weight > 0))
        issue(
          [...path, 'groupWeights'],
          'expected at least one group with a weight over 0',
          segment.groupWeights,
        );
      for (const [id, override] of Object.entries(segment.measures)) {
        const measure = measures.get(id);
        if (!measure) {
          issue([...path, 'measures', id], 'expected the id of a measure', id);
          continue;
        }
        if (override.thresholds === undefined && override.curve === undefined) {
          if (override.otherwise !== undefined)
            issue(
              [...path, 'measures', id, 'otherwise'],
              'expected "otherwise" only with "thresholds"',
              override.otherwise,
            );
          continue;
        }
        for (const problem of checkPointsRule(override, measure.direction))
          issue([...path, 'measures', id, ...problem.path], problem.message, problem.input);
      }
    });

    model.riskFlags.forEach((rule, index) => {
      if (model.riskFlags.findIndex((other) => other.name === rule.name) !== index)
        issue(['riskFlags', index, 'name'], 'expected each flag name once', rule.name);
      checkCondition(rule.when, ['riskFlags', index, 'when']);
    });
    for (const name of Object.values(GUARANTEED_FLAGS)) {
      if (!model.riskFlags.some((rule) => rule.name === name)) {
        issue(
          ['riskFlags'],
          `expected a flag named "${name}" (Pulse sets it whatever the rules say; its place in the list is its picklist order)`,
          model.riskFlags,
        );
      }
    }
  });
export type HealthModelConfig = z.output<typeof HealthModelConfig>;
