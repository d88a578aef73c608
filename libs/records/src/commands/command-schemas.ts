// Nested @Type() shapes are only visible through class-transformer's metadata storage.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: unknown;
};
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import type { Action } from './action';
import { ACTIONS } from './catalog';

type Schema = Record<string, unknown> & {
  properties?: Record<string, Record<string, unknown>>;
  required?: string[];
};

const SHARED_DESCRIPTIONS: Record<string, string> = {
  type: 'The command name / 命令类型',
  commandId:
    'Chosen by the sender; repeating it is a no-op that returns the first result / 发送方指定的命令编号，重复提交不会重复记录',
  occurredAt: 'When it happened in the world (YYYY-MM-DD or ISO date-time) / 业务发生日期',
  expectedRevision:
    'Optional optimistic concurrency: the stream revision last seen (-1: none) / 可选：乐观并发控制的流版本号',
};

/**
 * JSON Schemas of every command, generated from the same class-validator DTOs that validate
 * HTTP bodies and import lines, so the documentation cannot drift from the checks.
 */
export function commandSchemas(actions: readonly Action[] = ACTIONS): Record<string, Schema> {
  const all = validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage as never,
    refPointerPrefix: '#/components/schemas/',
  }) as Record<string, Schema>;
  const out: Record<string, Schema> = {};
  for (const action of actions) {
    const name = action.request.name;
    const schema = all[name];
    const properties = { ...(schema.properties ?? {}) };
    properties.type = { type: 'string', const: action.type, description: SHARED_DESCRIPTIONS.type };
    for (const [field, description] of Object.entries(SHARED_DESCRIPTIONS)) {
      if (properties[field] && field !== 'type')
        properties[field] = { ...properties[field], description };
    }
    // Shared fields first, so each command's own fields read as a block after them.
    const { type, commandId, occurredAt, expectedRevision, ...own } = properties;
    out[action.type] = {
      ...schema,
      title: action.type,
      description: `${action.summary.en} / ${action.summary.zh}`,
      properties: { type, commandId, occurredAt, ...own, expectedRevision },
      required: ['type', ...(schema.required ?? []).filter((f) => f !== 'type')],
      additionalProperties: false,
    };
  }
  // Nested shapes (vitals, target lines) referenced by the commands.
  for (const [name, schema] of Object.entries(all)) {
    if (
      !actions.some((a) => a.request.name === name) &&
      !name.endsWith('Request') &&
      name !== 'CommandRequest'
    ) {
      out[name] = { ...schema, additionalProperties: false };
    }
  }
  return out;
}

/** One import line or HTTP body: exactly one of the commands, chosen by `type`. */
export function commandLineSchema(actions: readonly Action[] = ACTIONS): Record<string, unknown> {
  const schemas = commandSchemas(actions);
  const definitions = JSON.parse(
    JSON.stringify(schemas).replaceAll('#/components/schemas/', '#/definitions/'),
  );
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://ledger.example/schemas/command.json',
    title: 'Ledger command (one NDJSON import line, or one POST /api/v1/commands body)',
    oneOf: actions.map((a) => ({ $ref: `#/definitions/${a.type}` })),
    definitions,
  };
}
