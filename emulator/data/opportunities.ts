/**
 * Generated opportunities, 0-8 per account: the new-business deal that made a customer, a renewal
 * on every anniversary (won, or lost and the customer churned), the next renewal open at a stage
 * that fits its close date, expansions, and prospects' open or lost deals.
 */
import {
  FORECAST_CATEGORY_BY_NAME,
  OPPORTUNITY_STAGES,
  type OpportunityStage,
} from '../schema/opportunity.js';
import { inAccountCurrency, type AccountProfile } from './account-profile.js';
import { emit, idOf, type GeneratorContext } from './context.js';
import { NEXT_STEPS } from './text-pools.js';
import { DAY, HOUR, wireDate } from './time.js';
import { creatorAt, type UserPool } from './users.js';

export interface OpportunitySummary {
  readonly id: string;
  readonly closeDay: number;
}

type Outcome = 'won' | 'lost' | 'open';

interface Plan {
  readonly type: 'New Customer' | 'Renewal' | 'Existing Customer - Upgrade';
  readonly closeDay: number;
  readonly outcome: Outcome;
  readonly amountUsd: number;
}

const MAX_PER_ACCOUNT = 8;
const OPEN_STAGES = OPPORTUNITY_STAGES.filter((stage) => !stage.closed);

function stageNamed(name: string): OpportunityStage {
  const stage = OPPORTUNITY_STAGES.find((candidate) => candidate.name === name);
  if (!stage) throw new Error(`unknown stage ${name}`);
  return stage;
}

const WON = stageNamed('Closed Won');
const LOST = stageNamed('Closed Lost');

/** The open stage a deal closing in `daysToClose` has usually reached, give or take one. */
function openStage(ctx: GeneratorContext, daysToClose: number, behind: boolean): OpportunityStage {
  const thresholds = [240, 180, 120, 90, 60, 40, 20];
  let index = thresholds.findIndex((days) => daysToClose > days);
  if (index === -1) index = thresholds.length;
  if (ctx.random.chance(0.3)) index += ctx.random.pick([-1, 1]);
  if (behind) index -= 1;
  const stage = OPEN_STAGES[Math.min(Math.max(index, 0), OPEN_STAGES.length - 1)];
  if (!stage) throw new Error('no open stages');
  return stage;
}

function lossChance(account: AccountProfile): number {
  return account.risk === 'atRisk' ? 0.25 : account.risk === 'watch' ? 0.05 : 0.01;
}

function customerPlans(ctx: GeneratorContext, account: AccountProfile, since: number): Plan[] {
  const { random, today } = ctx;
  const plans: Plan[] = [
    { type: 'New Customer', closeDay: since, outcome: 'won', amountUsd: account.arrUsd },
  ];
  let value = account.arrUsd;
  for (let year = 1; ; year += 1) {
    const closeDay = since + Math.round(year * 365.25);
    if (closeDay > today + 365) break;
    value = Math.round((value * random.between(0.95, 1.15)) / 100) * 100;
    if (closeDay > today) {
      plans.push({ type: 'Renewal', closeDay, outcome: 'open', amountUsd: value });
      break;
    }
    const lost = random.chance(lossChance(account));
    plans.push({ type: 'Renewal', closeDay, outcome: lost ? 'lost' : 'won', amountUsd: value });
    if (lost) {
      account.churnedDay = closeDay;
      break;
    }
  }
  const expansions =
    account.risk === 'healthy' ? random.int(0, 2) : account.risk === 'watch' ? random.int(0, 1) : 0;
  for (let i = 0; i < expansions; i += 1) {
    const closeDay = since + 60 + random.int(0, Math.max(0, today + 180 - since - 60));
    if (account.churnedDay !== null && closeDay >= account.churnedDay) continue;
    const outcome: Outcome = closeDay > today ? 'open' : random.chance(0.6) ? 'won' : 'lost';
    plans.push({
      type: 'Existing Customer - Upgrade',
      closeDay,
      outcome,
      amountUsd: value * random.between(0.1, 0.4),
    });
  }
  return plans;
}

function prospectPlans(ctx: GeneratorContext, account: AccountProfile): Plan[] {
  const { random, today } = ctx;
  const createdDay = Math.floor(account.createdMs / DAY);
  const plans: Plan[] = [];
  const count = random.int(0, 2);
  for (let i = 0; i < count; i += 1) {
    const closeDay = createdDay + 14 + random.int(0, 400);
    plans.push({
      type: 'New Customer',
      closeDay,
      outcome: closeDay > today ? 'open' : 'lost',
      amountUsd: account.arrUsd,
    });
  }
  return plans;
}

export function generateOpportunities(
  ctx: GeneratorContext,
  account: AccountProfile,
  users: UserPool,
): OpportunitySummary[] {
  const { random, nowMs, today } = ctx;
  const since = account.customerSinceDay;
  let plans: Plan[];
  if (since !== null) plans = random.chance(0.04) ? [] : customerPlans(ctx, account, since);
  else plans = account.record['Type'] === 'Prospect' ? prospectPlans(ctx, account) : [];
  plans.sort((a, b) => a.closeDay - b.closeDay);
  if (plans.length > MAX_PER_ACCOUNT) plans = plans.slice(plans.length - MAX_PER_ACCOUNT);

  const summaries: OpportunitySummary[] = [];
  for (const plan of plans) {
    const stage =
      plan.outcome === 'won'
        ? WON
        : plan.outcome === 'lost'
          ? LOST
          : openStage(ctx, plan.closeDay - today, account.risk === 'atRisk' && plan.type === 'Renewal');
    const closeMs = plan.closeDay * DAY + random.int(9 * 3600, 18 * 3600) * 1000;
    const leadDays = plan.type === 'Renewal' ? random.int(90, 150) : random.int(20, 120);
    let createdMs = closeMs - leadDays * DAY - random.int(0, 3600) * 1000;
    if (plan.outcome === 'open')
      createdMs = Math.min(createdMs, nowMs - random.int(3600, 45 * 86_400) * 1000);
    createdMs = Math.min(Math.max(createdMs, account.createdMs + HOUR), nowMs);
    const modifiedMs = stage.closed
      ? Math.min(closeMs + random.int(0, 36 * 3600) * 1000, nowMs)
      : createdMs + random.unit() * (nowMs - createdMs);
    const ownerId = random.chance(0.9) ? account.ownerId : random.pick(users.ownerIds);
    const year = new Date(plan.closeDay * DAY).getUTCFullYear();
    const label =
      plan.type === 'Renewal'
        ? `Renewal FY${year}`
        : plan.type === 'New Customer'
          ? 'New Business'
          : 'Upgrade';

    const record = emit(
      ctx,
      'Opportunity',
      {
        createdMs,
        createdById: creatorAt(users, ownerId, createdMs),
        modifiedMs,
        modifiedById: creatorAt(users, ownerId, modifiedMs),
      },
      {
        AccountId: account.id,
        Name: `${account.name} - ${label}`,
        Description: random.chance(0.2) ? random.faker.company.catchPhrase() : null,
        StageName: stage.name,
        Amount: inAccountCurrency(plan.amountUsd, account),
        Probability: stage.probability,
        CloseDate: wireDate(plan.closeDay),
        Type: plan.type,
        NextStep: !stage.closed && random.chance(0.5) ? random.pick(NEXT_STEPS) : null,
        IsClosed: stage.closed,
        IsWon: stage.won,
        ForecastCategory: FORECAST_CATEGORY_BY_NAME.get(stage.forecastCategoryName) ?? 'Pipeline',
        ForecastCategoryName: stage.forecastCategoryName,
        CurrencyIsoCode: account.currency,
        OwnerId: ownerId,
      },
    );
    if (record) summaries.push({ id: idOf(record), closeDay: plan.closeDay });
  }
  return summaries;
}
