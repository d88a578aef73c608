import { randomBytes } from 'node:crypto';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  type LedgerModel,
  UnitTree,
  asOfInstant,
  buildModel,
  catalogForPeriod,
  periodOf,
} from '@libs/indicators';
import {
  CommandRequest,
  type Facts,
  IsId,
  action,
  assertNotInFuture,
  chinaDay,
  refuse,
  type Decision,
} from '@libs/records';
import type { AuditPorts } from '../audit-catalog';
import { equidistantIndices, populationDigest } from '../sampling/equidistant';
import { type PopulationFilter, samplePopulation } from '../sampling/population';
import {
  type SampleEvent,
  type SampleState,
  type SampledResident,
  evolveSample,
  initialSampleState,
  sampleStream,
} from '../sampling/sample-state';

export class DrawSampleRequest extends CommandRequest {
  /** Chosen by the auditor; one draw per id, ever. */
  @IsId() sampleId!: string;
  @IsId() indicator!: string;
  @IsId() unitId!: string;
  @IsInt() @Min(2000) @Max(2100) period!: number;
  /** Population as the ledger knew it then (default: now); recorded so the draw can be repeated. */
  @IsOptional()
  @IsISO8601(
    { strict: true },
    { message: '$property must be an ISO 8601 date / $property 须为 ISO 8601 日期' },
  )
  asOf?: string;
  @IsInt() @Min(1) @Max(10_000) size!: number;
  /** Any text; generated when absent, and recorded either way. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[\x21-\x7e]+$/, {
    message: '$property must be printable ASCII / $property 须为可打印 ASCII 字符',
  })
  seed?: string;
  @IsIn(['counted', 'all']) population!: PopulationFilter;
}

/** Read by the handler before deciding: the population behind the number, and the seed. */
export interface SampleFacts extends Facts {
  sampling?: {
    indicatorKnown: boolean;
    unitKnown: boolean;
    asOf: string;
    seed: string;
    population: Omit<SampledResident, 'index'>[];
  };
}

export function decideDrawSample(
  c: Decision<DrawSampleRequest>,
  state: SampleState,
): SampleEvent[] {
  if (state.drawn) {
    refuse(
      'SAMPLE_ALREADY_DRAWN',
      'conflict',
      `样本 ${c.sampleId} 已抽取，不能重抽；如需另抽请使用新编号（会留下记录）`,
      `sample ${c.sampleId} was already drawn and cannot be redrawn; a new draw needs a new id (and shows in the log)`,
      {
        sampleId: c.sampleId,
        seed: state.drawn.seed,
      },
    );
  }
  assertNotInFuture(c.occurredAt, c.now);
  const f = (c.facts as SampleFacts).sampling;
  if (!f)
    return refuse(
      'SAMPLE_FACTS_MISSING',
      'unprocessable',
      '缺少抽样总体',
      'the population was not loaded',
      {},
    );
  if (!f.indicatorKnown)
    refuse(
      'UNKNOWN_INDICATOR',
      'not_found',
      `未知指标 ${c.indicator}`,
      `unknown indicator ${c.indicator}`,
      { indicator: c.indicator },
    );
  if (!f.unitKnown)
    refuse(
      'UNIT_NOT_FOUND',
      'not_found',
      `机构 ${c.unitId} 在 ${c.period} 年不存在`,
      `unit ${c.unitId} does not exist in ${c.period}`,
      { unitId: c.unitId },
    );
  if (f.population.length === 0) {
    refuse(
      'EMPTY_POPULATION',
      'unprocessable',
      `没有可抽取的居民`,
      `no residents to draw from for ${c.indicator} in ${c.unitId}, ${c.period}`,
      { indicator: c.indicator, unitId: c.unitId },
    );
  }
  const sorted = [...f.population].sort((a, b) =>
    a.residentId < b.residentId ? -1 : a.residentId > b.residentId ? 1 : 0,
  );
  const draw = equidistantIndices(sorted.length, c.size, f.seed);
  return [
    {
      type: 'SampleDrawn',
      data: {
        sampleId: c.sampleId,
        indicator: c.indicator,
        unitId: c.unitId,
        period: c.period,
        asOf: f.asOf,
        population: c.population,
        populationSize: sorted.length,
        populationDigest: populationDigest(sorted.map((r) => r.residentId)),
        size: c.size,
        interval: draw.interval,
        start: draw.start,
        seed: f.seed,
        residents: draw.indices.map((index) => ({ ...sorted[index], index })),
        occurredAt: c.occurredAt,
      },
    },
  ];
}

/** Loads the population from lineage as of `asOf`, in the handler: the decider stays pure. */
export async function loadSampleFacts(
  r: DrawSampleRequest,
  ports: AuditPorts,
): Promise<SampleFacts> {
  const asOf = r.asOf ? asOfInstant(r.asOf) : ports.clock().toISOString();
  const seed = r.seed ?? randomBytes(8).toString('hex');
  const def = catalogForPeriod(r.period)?.indicators.find((d) => d.id === r.indicator);
  const model: LedgerModel = ports.model ? await ports.model() : await buildModel(ports.store);
  const period = periodOf(r.period, asOf, chinaDay(ports.clock().toISOString()));
  const unitKnown = new UnitTree(model, period).nodes.has(r.unitId);
  const population =
    def && unitKnown ? samplePopulation(model, def, r.unitId, period, r.population) : [];
  return { sampling: { indicatorKnown: !!def, unitKnown, asOf, seed, population } };
}

export const drawSample = (ports: AuditPorts) =>
  action({
    type: 'DrawSample',
    summary: {
      zh: '入户核查抽样（等间距抽样，种子与样本留痕）',
      en: 'Draw residents for home visits (equidistant, seed and sample recorded)',
    },
    request: DrawSampleRequest,
    stream: (r) => sampleStream(r.sampleId),
    decider: { evolve: evolveSample, initialState: initialSampleState, decide: decideDrawSample },
    unitsTouched: (r) => [r.unitId],
    facts: (r) => loadSampleFacts(r, ports),
  });
