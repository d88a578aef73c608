import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import { ACTIONS_BY_TYPE } from '@libs/records';
import type { ImportItem, RejectReason } from './import-item';
import type { CsvRecord } from './csv-record';
import { SheetError } from './sheet-error';

/** Commands with nested lists or free-form objects: import them as NDJSON. */
export const CSV_UNSUPPORTED_TYPES: readonly string[] = [
  'AssignTargets',
  'CorrectRecord',
  // Its live births are a list of objects (child id, sex, weight).
  'RecordDelivery',
];

type CellKind = 'string' | 'number' | 'boolean' | 'list';
type Constructor = abstract new () => unknown;

interface Column {
  /** Where the value goes in the command, e.g. ['vitals', 'systolic']. */
  path: string[];
  kind: CellKind;
}

const TRUE = new Set(['true', '1', '是']);
const FALSE = new Set(['false', '0', '否']);
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * CSV rows become the same command objects as NDJSON lines, then go through the same validation.
 * The header names the command's JSON fields. Each cell is converted by the field's declared type
 * in the command's request class: numbers, booleans (true/false/1/0/是/否), lists split on `|`
 * or `;`. An empty cell leaves the field out. Fields of a nested object (RecordCheckup's vitals)
 * can be plain columns (`systolic`) or dotted (`vitals.systolic`). A cell that does not convert
 * is passed on as text, so validation names the field.
 */
export async function* csvToCommands(
  records: AsyncIterable<CsvRecord>,
  defaultType?: string,
): AsyncGenerator<ImportItem> {
  let header: string[] | undefined;
  const plans = new Map<string, Column[] | RejectReason>();
  for await (const record of records) {
    const { line, raw: input, bytesRead } = record;
    if (!header) {
      header = checkHeader(record);
      continue;
    }
    if (record.reject) {
      yield { line, input, bytesRead, reject: record.reject };
      continue;
    }
    const cells = record.cells!;
    if (cells.length !== header.length) {
      yield { line, input, bytesRead, reject: columnCount(cells.length, header.length) };
      continue;
    }
    const typeAt = header.indexOf('type');
    const type = (typeAt >= 0 && cells[typeAt] !== '' ? cells[typeAt] : undefined) ?? defaultType;
    let plan = type === undefined ? undefined : plans.get(type);
    if (type !== undefined && plan === undefined) {
      plan = planColumns(type, header);
      // Only known types are kept, so a column of garbage types cannot grow the cache.
      if (ACTIONS_BY_TYPE.has(type)) plans.set(type, plan);
    }
    if (plan && !Array.isArray(plan)) {
      yield { line, input, bytesRead, reject: plan };
      continue;
    }
    const columns = plan ?? header.map((name) => ({ path: [name], kind: 'string' as const }));
    const command: Record<string, unknown> = type === undefined ? {} : { type };
    columns.forEach((column, i) => {
      if (cells[i] !== '' && column.path[0] !== 'type')
        put(command, column.path, convert(cells[i], column.kind));
    });
    yield { line, input, bytesRead, command };
  }
}

function checkHeader(record: CsvRecord): string[] {
  if (!record.cells) {
    throw new SheetError(
      'HEADER_UNREADABLE',
      `the CSV header (line ${record.line}) cannot be read: ${record.reject?.en ?? 'no cells'}`,
      `CSV 表头（第 ${record.line} 行）无法读取：${record.reject?.zh ?? '没有单元格'}`,
    );
  }
  const names = record.cells;
  const blank = names.findIndex((n) => n === '');
  if (blank >= 0)
    throw new SheetError(
      'HEADER_BLANK_COLUMN',
      `the CSV header (line ${record.line}) has an empty column name in column ${blank + 1}`,
      `CSV 表头（第 ${record.line} 行）第 ${blank + 1} 列没有列名`,
    );
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated)
    throw new SheetError(
      'HEADER_REPEATED_COLUMN',
      `the CSV header (line ${record.line}) names column "${repeated}" twice`,
      `CSV 表头（第 ${record.line} 行）有两列都叫"${repeated}"`,
    );
  return names;
}

/** How each header column maps into a command of this type; unknown types are left to validation. */
function planColumns(type: string, header: string[]): Column[] | RejectReason {
  const action = ACTIONS_BY_TYPE.get(type);
  if (!action) return header.map((name) => ({ path: [name], kind: 'string' }));
  if (CSV_UNSUPPORTED_TYPES.includes(type)) {
    return {
      code: 'CSV_TYPE_NOT_SUPPORTED',
      en: `${type} has nested fields and cannot be imported from CSV; use NDJSON`,
      zh: `${type} 含嵌套字段，不能用 CSV 导入，请用 NDJSON`,
    };
  }
  const request = action.request as Constructor;
  const nested = propertiesOf(request)
    .map((name) => ({ name, type: designType(request, name) }))
    .filter((p): p is { name: string; type: Constructor } => typeof p.type === 'function');
  return header.map((name) => {
    const path = name.split('.');
    if (path.length === 2) {
      const parent = nested.find((p) => p.name === path[0]);
      return { path, kind: parent ? kindOf(designType(parent.type, path[1])) : 'string' };
    }
    const own = designType(request, name);
    if (own !== undefined) return { path, kind: kindOf(own) };
    const parent = nested.find((p) => designType(p.type, name) !== undefined);
    return parent
      ? { path: [parent.name, name], kind: kindOf(designType(parent.type, name)) }
      : { path, kind: 'string' };
  });
}

const propertiesOf = (target: Constructor): string[] => [
  ...new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(target, '', false, false)
      .map((m) => m.propertyName),
  ),
];

/**
 * The property's declared TypeScript type as emitted by the compiler: Number, Boolean, Array,
 * String, or a class for a nested object; undefined when the class has no such property.
 */
function designType(target: Constructor, property: string): CellKind | Constructor | undefined {
  const type = Reflect.getMetadata('design:type', target.prototype, property) as unknown;
  if (type === undefined) return undefined;
  if (type === Number) return 'number';
  if (type === Boolean) return 'boolean';
  if (type === Array) return 'list';
  if (type === String || type === Object || typeof type !== 'function') return 'string';
  return type as Constructor;
}

const kindOf = (type: CellKind | Constructor | undefined): CellKind =>
  typeof type === 'string' ? type : 'string';

function convert(cell: string, kind: CellKind): unknown {
  switch (kind) {
    case 'number':
      return NUMBER.test(cell) ? Number(cell) : cell;
    case 'boolean': {
      const word = cell.toLowerCase();
      return TRUE.has(word) ? true : FALSE.has(word) ? false : cell;
    }
    case 'list':
      return cell
        .split(/[|;]/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
    default:
      return cell;
  }
}

function put(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const child = node[key];
    node = (child !== null && typeof child === 'object' ? child : (node[key] = {})) as Record<
      string,
      unknown
    >;
  }
  node[path[path.length - 1]] = value;
}

const columnCount = (cells: number, columns: number): RejectReason => ({
  code: 'CSV_COLUMN_COUNT',
  en: `the row has ${cells} cells but the header has ${columns} columns`,
  zh: `该行有 ${cells} 个单元格，表头有 ${columns} 列`,
});
