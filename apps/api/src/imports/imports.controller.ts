import {
  Controller,
  HttpCode,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
  UseInterceptors,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { PassThrough } from 'node:stream';
import type { Principal } from '@libs/access';
import {
  type RowOutcome,
  SHIPPED_MAPPING_TYPES,
  SheetError,
  type XlsxMapping,
  XlsxRejectsWriter,
  type XlsxValue,
  mappingOf,
  readSheet,
} from '@libs/commands/sheets';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { ValidQuery } from '../http/valid-query';
import { ImportSheet } from './import-sheet';
import { countsOf, rejectionsOf } from './sheet-answer';
import { noMapping, noSheet, notASheetType, sheetRefusal, twoMappings } from './sheet-refusals';
import {
  RAW_SHEET_MEDIA_TYPES,
  REJECTS_FORMATS,
  SHEET_LIMIT_BYTES,
  SHEET_MAX_ROWS,
  SHEET_UPLOAD_PATH,
  SheetUploadQuery,
  XLSX_MEDIA_TYPE,
} from './sheet-upload';
import { SheetUploadInterceptor, type UploadedParts } from './sheet-upload.interceptor';

type UploadRequest = Request & { files?: UploadedParts };

/** An upload's name when it comes as a bare body, for its messages and its rejects file. */
const BARE_BODY_NAME = 'upload.xlsx';

@ApiTags('commands')
@ApiBearerAuth()
@Controller()
export class ImportsController {
  constructor(private readonly commands: CommandBus) {}

  @Post(SHEET_UPLOAD_PATH)
  @HttpCode(200)
  @UseInterceptors(SheetUploadInterceptor)
  @ApiOperation({
    summary: 'Import an Excel sheet, row by row / 上传 Excel 表格逐行导入',
    description: `What \`ledger import FILE.xlsx --mapping …\` does, over HTTP. The workbook's first sheet is read through a mapping from its (Chinese) headers to a command's fields: a shipped template's record type (${SHIPPED_MAPPING_TYPES.length} types, e.g. RecordFollowUp; \`ledger template --type\` writes the sheet) or a mapping's JSON (\`{"type", "columns", "values"}\`, docs/import-xlsx.md). Every row is one command run as the key's owner, with its roles and unit scope, each atomic and refused on its own; a row's command id is derived from its content, so the same sheet (or its fixed rejects) sent again appends nothing twice. Send multipart/form-data with the part \`file\` (and \`mapping\` as a field or a JSON file part), or the workbook itself as the body (content-type ${XLSX_MEDIA_TYPE} or application/octet-stream) with \`?mapping=\`. Up to ${SHEET_LIMIT_BYTES} bytes and ${SHEET_MAX_ROWS} rows; a sheet that cannot be read is refused whole, nothing appended. The answer: the counts and each refused row with its reason in Chinese and English; with \`Accept: ${XLSX_MEDIA_TYPE}\` or \`?rejects=xlsx\`, the refused rows as a workbook — the sheet's columns, then 原行号 row, 拒绝原因 and reason — with the counts in X-Import-* headers.`,
  })
  @ApiConsumes('multipart/form-data', XLSX_MEDIA_TYPE, 'application/octet-stream')
  @ApiProduces('application/json', XLSX_MEDIA_TYPE)
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'The .xlsx workbook / 工作簿' },
        mapping: {
          type: 'string',
          description:
            "A shipped template's record type, or a mapping's JSON (also as a file part) / 映射",
        },
      },
    },
  })
  @ApiQuery({
    name: 'mapping',
    required: false,
    enum: SHIPPED_MAPPING_TYPES,
    description:
      "A shipped template's record type (for a bare body; a form may send it as a field instead) / 随附模板的记录类型",
  })
  @ApiQuery({
    name: 'rejects',
    required: false,
    enum: REJECTS_FORMATS,
    description:
      'xlsx: answer with the rejects workbook (as the Accept header can ask) / 被拒行的格式',
  })
  @ApiResponse({
    status: 200,
    description:
      'Every row run: read, appended, duplicates, unchanged, rejected, eventsAppended, and rejections [{row, code, message {zh, en}, errors}]; or the rejects workbook',
  })
  @ApiResponse({
    status: 400,
    description:
      'No workbook or mapping, bytes that are no xlsx, a header the mapping does not name, a bad mapping or query parameter (zh + en)',
  })
  @ApiResponse({ status: 401, description: 'No key, or a key that is invalid or revoked' })
  @ApiResponse({
    status: 413,
    description: `More than ${SHEET_LIMIT_BYTES} bytes or ${SHEET_MAX_ROWS} rows: nothing appended`,
  })
  @ApiResponse({ status: 415, description: 'Neither multipart/form-data nor an xlsx body' })
  @ApiResponse({
    status: 503,
    description:
      'The store cannot write now: the rows before the failing batch are in; send the same sheet again to complete it',
  })
  async upload(
    @Req() req: UploadRequest,
    @Res({ passthrough: true }) res: Response,
    @CurrentPrincipal() principal: Principal,
    @Query(new ValidQuery(SheetUploadQuery)) query: SheetUploadQuery,
  ) {
    const { bytes, name, formMapping } = uploadOf(req);
    const mapping = mappingFrom(query.mapping, formMapping);
    const sheet = await readSheet(bytes, mapping, { shown: name, maxRows: SHEET_MAX_ROWS }).catch(
      (error: unknown) => {
        throw error instanceof SheetError ? sheetRefusal(error) : error;
      },
    );
    const outcomes = await this.commands.execute(new ImportSheet(sheet, principal));
    const counts = countsOf(outcomes);
    const wantsXlsx =
      query.rejects === 'xlsx' ||
      (query.rejects === undefined &&
        req.headers.accept !== undefined &&
        req.accepts(['application/json', XLSX_MEDIA_TYPE]) === XLSX_MEDIA_TYPE);
    if (!wantsXlsx)
      return { type: mapping.type, file: name, ...counts, rejections: rejectionsOf(outcomes) };

    const workbook = await rejectsWorkbook(name, sheet.header, mapping, outcomes);
    for (const [key, value] of Object.entries(counts))
      res.setHeader(`X-Import-${key[0].toUpperCase()}${key.slice(1)}`, String(value));
    const file = `${name.replace(/\.xlsx$/i, '')}.rejects.xlsx`;
    return new StreamableFile(workbook, {
      type: XLSX_MEDIA_TYPE,
      length: workbook.length,
      // An ASCII name for old clients, the sheet's own (随访.rejects.xlsx) for the rest.
      disposition: `attachment; filename="rejects.xlsx"; filename*=UTF-8''${encodeURIComponent(file)}`,
    });
  }
}

/** The workbook and any mapping sent with it, from a multipart form or a bare body. */
function uploadOf(req: UploadRequest): { bytes: Buffer; name: string; formMapping?: string } {
  const parts = req.files ?? {};
  const file = parts.file?.[0];
  if (file) {
    const fields = (req.body ?? {}) as Record<string, unknown>;
    const texts = [
      ...(typeof fields.mapping === 'string' ? [fields.mapping] : []),
      ...(parts.mapping ?? []).map((part) => part.buffer.toString('utf8')),
    ];
    if (texts.length > 1) throw twoMappings();
    return { bytes: file.buffer, name: file.originalname || BARE_BODY_NAME, formMapping: texts[0] };
  }
  if (Buffer.isBuffer(req.body) && req.body.length > 0)
    return { bytes: req.body, name: BARE_BODY_NAME };
  // A form without its file, or an empty body: the workbook is missing. A body of any other
  // type (CSV, JSON) is not read here at all.
  const type = req.headers['content-type'];
  if (type === undefined || req.is(['multipart/form-data', ...RAW_SHEET_MEDIA_TYPES]))
    throw noSheet();
  throw notASheetType(type);
}

function mappingFrom(fromQuery: string | undefined, fromForm: string | undefined): XlsxMapping {
  if (fromQuery !== undefined && fromForm !== undefined) throw twoMappings();
  const text = fromQuery ?? fromForm;
  if (text === undefined || text.trim() === '') throw noMapping(SHIPPED_MAPPING_TYPES);
  try {
    return mappingOf(text, 'mapping');
  } catch (error) {
    throw error instanceof SheetError ? sheetRefusal(error) : error;
  }
}

/** The refused rows as the CLI writes FILE.rejects.xlsx, into memory. */
async function rejectsWorkbook(
  name: string,
  header: readonly XlsxValue[],
  mapping: XlsxMapping,
  outcomes: readonly RowOutcome[],
): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const writer = XlsxRejectsWriter.toStream(stream, name, [...header], mapping);
  for (const o of outcomes)
    if (o.outcome === 'rejected')
      await writer.write({
        line: o.item.line,
        reason: o.reason,
        input: o.item.input,
        ...(o.item.cells ? { cells: o.item.cells } : {}),
      });
  await writer.close();
  await ended;
  return Buffer.concat(chunks);
}
