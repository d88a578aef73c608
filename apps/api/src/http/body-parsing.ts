import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { shapeErrors } from '@libs/records';
import {
  RAW_SHEET_MEDIA_TYPES,
  SHEET_LIMIT_BYTES,
  SHEET_UPLOAD_PATH,
} from '../imports/sheet-upload';
import { BodyShapeError, readingRefusal, unsupportedMediaType } from './request-errors';

/**
 * The largest body accepted. A command is a few hundred bytes; the largest real ones (a year's
 * targets for a unit, an aggregate report) stay well under this. Bulk loads go through import.
 */
export const BODY_LIMIT_BYTES = 100 * 1024;

/** A request carries a body when it says so: a chunked transfer or a non-zero length. */
function carriesBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length'] ?? 0);
  return Number.isNaN(length) || length > 0;
}

/**
 * The API speaks JSON only. A body of another type used to reach the controller as `{}` and
 * came back as "unknown command type undefined"; now it is a 415 naming the type that came.
 */
function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  if (!carriesBody(req) || req.is('application/json')) return next();
  // The sheet upload reads a workbook (a bare body or a multipart form) and checks its own type.
  if (req.path === SHEET_UPLOAD_PATH) return next();
  next(unsupportedMediaType(req.headers['content-type']));
}

/**
 * The JSON parser's errors as refusals, by their `type`, right where they happen: left to
 * themselves they are either mapped by Nest from their message (a SyntaxError) or not at all
 * (size, charset, encoding, a broken gzip stream), and an unmapped error was a 500.
 */
function refuseParserErrors(error: unknown, _req: Request, _res: Response, next: NextFunction) {
  next(readingRefusal(error) ?? error);
}

/**
 * Depth and prototype keys are checked once the JSON is parsed and before any controller, DTO
 * or library recurses into it (the command path checks again, for import lines).
 */
function refuseUnsafeShapes(req: Request, _res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  if (body === null || typeof body !== 'object') return next();
  const errors = shapeErrors(body);
  next(errors.length > 0 ? new BodyShapeError(errors) : undefined);
}

/**
 * Body handling in the order it must run: media type, then the JSON parser (size limit,
 * charset and content-encoding are its 413/415/400s, mapped by the exception filter), then
 * the shape check. Call before `listen`, on an app created with `bodyParser: false`.
 */
export function installBodyParsing(app: NestExpressApplication): void {
  app.use(requireJsonBody);
  app.useBodyParser('json', { limit: BODY_LIMIT_BYTES });
  // Only the upload route gets this far with a workbook's type; multipart is read by its route.
  app.useBodyParser('raw', { type: RAW_SHEET_MEDIA_TYPES, limit: SHEET_LIMIT_BYTES });
  app.use(refuseParserErrors);
  app.use(refuseUnsafeShapes);
}
