import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { errorBodyOf } from './error-body';

/**
 * Every failure leaves as JSON with a stable code and a sentence in Chinese and English; a
 * stack trace never reaches the client.
 */
@Catch()
export class LedgerExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const known = errorBodyOf(exception);
    if (known) {
      response.status(known.statusCode).json(known);
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const malformed = status === 400 && exception.message.includes('JSON');
      response.status(status).json({
        statusCode: status,
        error: malformed ? 'MALFORMED_JSON' : exception.name,
        message: malformed
          ? {
              zh: '请求体不是有效的 JSON',
              en: `the request body is not valid JSON: ${exception.message}`,
            }
          : { zh: '请求无法处理', en: exception.message },
      });
      return;
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(500).json({
      statusCode: 500,
      error: 'INTERNAL',
      message: { zh: '服务器内部错误', en: 'internal error' },
    });
  }
}
