import { isISO8601 } from 'class-validator';
import { chinaDay } from './dates';
import { refuse } from './rule-error';

/** The field of an import line that carries the source system's recording time. */
export const SOURCE_RECORDED_AT = 'sourceRecordedAt';

/** A date-time with its zone: without one, "10:00" in a Chinese system's export is ambiguous. */
const DATE_TIME_WITH_ZONE =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Checks the source system's recording time of a migrated line and returns it as a UTC instant
 * (the same instant, in the form of the ledger's own recordedAt, so the two compare as strings).
 * It is a claim the migration attests, so it must at least be possible: a date-time with a zone,
 * not later than the ledger time `now` (the recordedAt the line will get), and not on a day
 * before the record says it happened.
 */
export function checkSourceRecordedAt(value: unknown, occurredAt: unknown, now: string): string {
  if (
    typeof value !== 'string' ||
    !DATE_TIME_WITH_ZONE.test(value) ||
    !isISO8601(value, { strict: true })
  )
    refuse(
      'SOURCE_TIME_INVALID',
      'unprocessable',
      `sourceRecordedAt 须为带时区的 ISO 8601 日期时间（如 2024-03-05T09:30:00+08:00），收到 ${shown(value)}`,
      `sourceRecordedAt must be an ISO 8601 date-time with its zone (e.g. 2024-03-05T09:30:00+08:00), not ${shown(value)}`,
      { sourceRecordedAt: value },
    );
  const instant = new Date(value as string).toISOString();
  if (instant > now)
    refuse(
      'SOURCE_TIME_IN_FUTURE',
      'unprocessable',
      `来源系统录入时间 ${value as string} 晚于账本时间 ${now}：不能晚于账本收到它的时间`,
      `sourceRecordedAt ${value as string} is after the ledger time ${now}: a source system cannot have recorded it later than the ledger receives it`,
      { sourceRecordedAt: value, now },
    );
  if (typeof occurredAt === 'string' && isISO8601(occurredAt, { strict: true }))
    if (chinaDay(instant) < chinaDay(occurredAt))
      refuse(
        'SOURCE_TIME_BEFORE_OCCURRED',
        'unprocessable',
        `来源系统录入时间 ${value as string} 早于发生日期 ${occurredAt}：记录不能在发生之前录入`,
        `sourceRecordedAt ${value as string} is on a day before occurredAt ${occurredAt}: a record cannot be entered before it happened`,
        { sourceRecordedAt: value, occurredAt },
      );
  return instant;
}

/** Outside a migration nobody may set a source time: the ledger's own time is the only one. */
export function refuseSourceTimeOutsideMigration(): never {
  return refuse(
    'SOURCE_TIME_WITHOUT_MIGRATION',
    'unprocessable',
    '只有历史数据迁移（import --migration --source …）的行可带 sourceRecordedAt',
    'sourceRecordedAt is accepted only in a historical migration (import --migration --source …)',
  );
}

const shown = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
};
