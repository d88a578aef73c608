import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsInt, Max, Min, ValidateNested } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import {
  type TargetEvent,
  type TargetState,
  evolveTargets,
  initialTargetState,
} from '../streams/target-events';
import { streamIds } from '../streams/stream-ids';
import { TARGET_KEYS, type TargetKey } from '../streams/vocabulary';
import { assertNotInFuture, chinaDay } from '../rules/dates';
import { refuse } from '../rules/rule-error';
import { assertUnitOpen } from '../rules/unit-guards';

export class TargetLine {
  @IsIn(TARGET_KEYS) indicator!: TargetKey;
  @IsInt() @Min(0) @Max(100_000_000) count!: number;
}

export class AssignTargetsRequest extends CommandRequest {
  @IsId() unitId!: string;
  @IsInt() @Min(2000) @Max(2100) year!: number;
  /** Task counts (应管人数 and the like); the whole sheet replaces any earlier one. */
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => TargetLine)
  targets!: TargetLine[];
}

export function decideAssignTargets(
  c: Decision<AssignTargetsRequest>,
  state: TargetState,
): TargetEvent[] {
  assertNotInFuture(c.occurredAt, c.now);
  // Targets may be set before or during the year, for a unit that is open at some point in it.
  const unit = c.facts.unit;
  if (!unit?.registered) assertUnitOpen(unit, c.unitId, chinaDay(c.occurredAt));
  if (unit?.closedOn && unit.closedOn <= `${c.year}-01-01`)
    assertUnitOpen(unit, c.unitId, `${c.year}-01-01`);
  if (unit && unit.openedOn > `${c.year}-12-31`) assertUnitOpen(unit, c.unitId, `${c.year}-12-31`);
  const keys = c.targets.map((t) => t.indicator);
  const repeated = keys.filter((k, i) => keys.indexOf(k) !== i);
  if (repeated.length > 0) {
    refuse(
      'TARGET_REPEATED',
      'unprocessable',
      `指标重复：${repeated.join(', ')}`,
      `indicator given twice: ${repeated.join(', ')}`,
      { repeated },
    );
  }
  const targets = Object.fromEntries(c.targets.map((t) => [t.indicator, t.count]));
  const same = (a: Record<string, number | undefined>, b: Record<string, number | undefined>) =>
    Object.keys(a).length === Object.keys(b).length &&
    Object.entries(a).every(([k, v]) => b[k] === v);
  if (state.assigned && same(state.targets, targets)) return [];
  return [
    {
      type: 'TargetsAssigned',
      data: { unitId: c.unitId, year: c.year, targets, occurredAt: c.occurredAt },
    },
  ];
}

export const assignTargets = action({
  type: 'AssignTargets',
  summary: { zh: '下达年度任务数（应管人数等）', en: 'Assign a unit its task counts for a year' },
  request: AssignTargetsRequest,
  stream: (r) => streamIds.targets(r.unitId, r.year),
  decider: { evolve: evolveTargets, initialState: initialTargetState, decide: decideAssignTargets },
  unitsTouched: (r) => [r.unitId],
  facts: async (r, lookup) => ({ unit: await lookup.unit(r.unitId) }),
});
