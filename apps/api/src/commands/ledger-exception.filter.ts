import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { storageFailureBody, storageFailureOf } from '../health/storage-failure';
import type { StoreHealth } from '../health/store-health.service';
import { requestErrorBodyOf } from '../http/request-errors';
import { type ErrorBody, errorBodyOf } from './error-body';
import { ModelWarmingError } from '../indicators/model-warming';

/**
 * Every failure leaves as JSON with a stable code and a sentence in Chinese and English; a
 * stack trace never reaches the client. Only what is truly ours (a bug) is a 500: a refused
 * request is a 4xx, a failing disk a 503/507.
 */
@Catch()
export class LedgerExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  /** Without a StoreHealth (unit tests) storage failures are still answered, just not tracked. */
  constructor(private readonly storeHealth?: StoreHealth) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof ModelWarmingError) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
      response.status(503).json(exception.body());
      return;
    }
    const known = errorBodyOf(exception);
    if (known) {
      response.status(known.statusCode).json(known);
      return;
    }
    const refused = requestErrorBodyOf(exception);
    if (refused) {
      // At debug only: the client's mistake, but an operator may need to see why it was refused.
      this.logger.debug(`refused ${refused.statusCode}: ${(exception as Error).message}`);
      response.status(refused.statusCode).json(refused);
      return;
    }
    const storage = storageFailureOf(exception);
    if (storage) {
      this.storeHealth?.recordFailure(storage);
      this.logger.error(
        `store failure ${storage.storeCode}: ${(exception as Error).message} (answered ${storage.statusCode})`,
      );
      if (storage.retryAfter) response.setHeader('Retry-After', String(storage.retryAfter));
      response.status(storage.statusCode).json(storageFailureBody(storage));
      return;
    }
    if (exception instanceof HttpException) {
      response.status(exception.getStatus()).json(this.httpExceptionBody(exception));
      return;
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(500).json({
      statusCode: 500,
      error: 'INTERNAL',
      message: { zh: '服务器内部错误', en: 'internal error' },
    });
  }

  private httpExceptionBody(exception: HttpException): ErrorBody {
    const status = exception.getStatus();
    const body: ErrorBody = {
      statusCode: status,
      error: exception.name,
      message: { zh: '请求无法处理', en: exception.message },
    };
    // Nest's own 400s (a path parameter that does not decode): the request is what is wrong.
    if (status === 400)
      body.errors = [
        {
          field: '(request)',
          constraint: 'badRequest',
          en: exception.message,
          zh: '(request)：请求格式不正确',
        },
      ];
    return body;
  }
}
