import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { type Principal, authorize, readActor, recordResidentRead } from '@libs/access';
import { withinScope } from '@libs/access/unit-scope';
import {
  EVENT_STORE,
  type EventStore,
  type RecordedEvent,
  logPages,
  systemClock,
} from '@libs/ledger';
import { IsId, chinaDay, refuse, storeFactLookup, streamIds } from '@libs/records';
import { DETECTORS, type DetectorId } from '@libs/fabrication/alert';
import {
  ALERT_STATUSES,
  SEVERITIES,
  type Severity,
  listAlerts,
  loadAlert,
} from '@libs/fabrication/alerts/alerts-view';
import type { AlertStatus } from '@libs/fabrication/alerts/alert-state';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { ValidQuery } from '../http/valid-query';
import { LedgerProjection } from '../indicators/ledger-projection.service';
import { YEAR_MESSAGE, YEAR_PATTERN } from '@libs/indicators';

export class AlertsQuery {
  /** Evaluation year; absent: alerts of every year (the answer says `period: null`). */
  @IsOptional()
  @Matches(YEAR_PATTERN, { message: YEAR_MESSAGE })
  period?: string;

  @IsOptional()
  @IsId()
  unit?: string;

  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: Severity;

  @IsOptional()
  @IsIn(ALERT_STATUSES)
  status?: AlertStatus;

  @IsOptional()
  @IsIn(DETECTORS)
  detector?: DetectorId;
}

const PAGE = 5000;

const isString = (value: unknown): value is string => typeof value === 'string';

const eventView = (e: RecordedEvent) => ({
  eventId: e.eventId,
  streamId: e.streamId,
  position: e.position,
  revision: e.revision,
  type: e.type,
  occurredAt: e.occurredAt,
  recordedAt: e.recordedAt,
  // A back-dating alert on a migrated record is judged by this time: the supervisor sees it too.
  sourceRecordedAt: e.sourceRecordedAt ?? null,
  actor: e.actor,
  commandId: e.commandId,
  data: e.data,
  hash: e.hash,
});

/** Fabrication alerts: supervisors see their subtree, auditors everything; actions go through /commands. */
@ApiTags('alerts')
@ApiBearerAuth()
@Controller('api/v1')
export class AlertsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projection: LedgerProjection,
  ) {}

  /** Units by their current name, so a reader sees 鲸园街道社区卫生服务中心 rather than a code. */
  private unitNames(unitIds: Iterable<string>): Record<string, string> {
    const names: Record<string, string> = {};
    for (const unitId of unitIds) {
      const versions = this.projection.model.units.get(unitId)?.versions;
      if (versions) names[unitId] = versions[versions.length - 1].data.name;
    }
    return names;
  }

  /** Actors by the name they were given; the local operator and unknown ids stay as they are. */
  private async actorNames(actorIds: Iterable<string>): Promise<Record<string, string>> {
    const names: Record<string, string> = {};
    for (const actorId of new Set(actorIds)) {
      const { name } = await readActor(this.store, actorId);
      if (name) names[actorId] = name;
    }
    return names;
  }

  /**
   * Doctors by the name they were registered with (王医生), read from their streams; a doctor
   * registered without a name is left out and shown by id.
   */
  private async doctorNames(doctorIds: Iterable<string>): Promise<Record<string, string>> {
    const lookup = storeFactLookup(this.store);
    const names: Record<string, string> = {};
    for (const doctorId of new Set(doctorIds)) {
      const { name } = await lookup.doctor(doctorId);
      if (name) names[doctorId] = name;
    }
    return names;
  }

  private today() {
    return chinaDay(systemClock().toISOString());
  }

  @Get('alerts')
  @ApiOperation({
    summary:
      'Fabrication alerts in your scope, most severe first, with their status / 疑似造假预警',
  })
  @ApiQuery({ name: 'period', required: false, description: 'Evaluation year, e.g. 2024' })
  @ApiQuery({
    name: 'unit',
    required: false,
    description: 'A unit and its sub-units (default: your scope)',
  })
  @ApiQuery({ name: 'severity', required: false, enum: SEVERITIES })
  @ApiQuery({ name: 'status', required: false, enum: ALERT_STATUSES })
  @ApiQuery({ name: 'detector', required: false, enum: DETECTORS })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ValidQuery(AlertsQuery)) params: AlertsQuery,
  ) {
    const { severity, status, detector } = params;
    const period = params.period === undefined ? undefined : Number(params.period);
    // Only an actor scoped at the root lists every unit's alerts; the others, their subtree.
    const unitId = params.unit || principal.unitId;
    const lookup = storeFactLookup(this.store);
    const today = this.today();
    await authorize(
      principal,
      { permission: 'audit:read', units: unitId ? [unitId] : [], read: true },
      lookup,
      today,
    );
    const seen = new Map<string, Promise<boolean>>();
    const inScope = unitId
      ? (u: string) => {
          if (!seen.has(u)) seen.set(u, withinScope(lookup, unitId, u, today));
          return seen.get(u)!;
        }
      : undefined;
    const result = await listAlerts(this.store, { period, severity, status, detector, inScope });
    const units = [
      ...result.alerts.map((a) => a.unitId),
      ...result.alerts.filter((a) => a.subject.kind === 'unit').map((a) => a.subject.id),
    ];
    const doctors = result.alerts.filter((a) => a.subject.kind === 'doctor');
    return {
      unitId,
      period: period ?? null,
      ...result,
      names: {
        units: this.unitNames(units),
        doctors: await this.doctorNames(doctors.map((a) => a.subject.id)),
      },
    };
  }

  @Get('alerts/:alertId')
  @ApiOperation({
    summary:
      "One alert: its actions, its evidence events in full and, for a resident, the resident's timeline / 预警详情与证据",
  })
  async one(@CurrentPrincipal() principal: Principal, @Param('alertId') alertId: string) {
    const alert = await loadAlert(this.store, alertId);
    if (!alert)
      return refuse(
        'ALERT_NOT_FOUND',
        'not_found',
        `预警 ${alertId} 不存在`,
        `alert ${alertId} does not exist`,
        { alertId },
      );
    const lookup = storeFactLookup(this.store);
    const today = this.today();
    await authorize(
      principal,
      { permission: 'audit:read', units: [alert.unitId], read: true },
      lookup,
      today,
    );
    let timeline: ReturnType<typeof eventView>[] | null = null;
    const found = new Map<string, RecordedEvent>();
    const wanted = new Set(alert.evidence);
    if (alert.subject.kind === 'resident') {
      // Opening an alert about a resident opens their record: the read is recorded.
      await authorize(
        principal,
        { permission: 'residents:read', units: [alert.unitId], read: true },
        lookup,
        today,
      );
      const events = await this.store.readStream(streamIds.resident(alert.subject.id));
      for (const e of events) if (wanted.has(e.eventId)) found.set(e.eventId, e);
      await recordResidentRead(
        this.store,
        systemClock,
        principal,
        alert.subject.id,
        `alert ${alert.alertId}`,
      );
      timeline = events.map(eventView);
    }
    // Evidence outside the resident's stream (a doctor's day, a report): found in the log.
    for await (const page of logPages(this.store, { pageSize: PAGE })) {
      if (found.size >= wanted.size) break;
      for (const e of page) if (wanted.has(e.eventId)) found.set(e.eventId, e);
    }
    const events = [...found.values(), ...(timeline ?? [])];
    const units = [alert.unitId, ...events.map((e) => e.data.unitId).filter(isString)];
    if (alert.subject.kind === 'unit') units.push(alert.subject.id);
    const doctors = events.map((e) => e.data.doctorId).filter(isString);
    if (alert.subject.kind === 'doctor') doctors.push(alert.subject.id);
    return {
      ...alert,
      evidenceEvents: alert.evidence.map((id) => {
        const e = found.get(id);
        return e ? eventView(e) : { eventId: id, missing: true };
      }),
      timeline,
      names: {
        units: this.unitNames(units),
        actors: await this.actorNames([
          ...events.map((e) => e.actor),
          ...alert.actions.map((a) => a.actor),
          alert.raisedBy,
        ]),
        doctors: await this.doctorNames(doctors),
      },
    };
  }
}
