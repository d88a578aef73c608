import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { Public } from '../auth/public.decorator';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** The page loads only its own scripts and talks only to this API. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // ECharts positions its tooltip with inline styles.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/**
 * The folder of the dashboard's static files. Walks up from this file, so it is found both from
 * the sources (apps/api/src/dashboard, under ts-jest) and from the build (dist/apps/api/src/dashboard).
 */
export function findPublicDir(start = __dirname): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'apps', 'api', 'public');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir)
      throw new Error(`dashboard files (apps/api/public) not found above ${start}`);
  }
}

/** The dashboard shell: static files only, no key needed; every figure comes from the keyed API. */
@ApiExcludeController()
@Public()
@Controller()
export class DashboardController {
  private readonly publicDir = findPublicDir();
  /** Only files present at start-up are served, by exact name: no path ever reaches the disk. */
  private readonly assets = new Set(
    readdirSync(this.publicDir).filter(
      (name) => /^[\w.-]+$/.test(name) && name !== 'index.html' && extname(name) in CONTENT_TYPES,
    ),
  );
  private readonly echarts = require.resolve('echarts/dist/echarts.min.js');

  @Get()
  index(@Res() res: Response): void {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    this.send(res, join(this.publicDir, 'index.html'), 'no-cache');
  }

  @Get('assets/echarts.min.js')
  echartsLibrary(@Res() res: Response): void {
    this.send(res, this.echarts, 'public, max-age=86400');
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    if (!this.assets.has(file)) throw new NotFoundException(`no dashboard file ${file}`);
    this.send(res, join(this.publicDir, file), 'no-cache');
  }

  private send(res: Response, path: string, cacheControl: string): void {
    res.setHeader('Content-Type', CONTENT_TYPES[extname(path)] ?? 'application/octet-stream');
    res.setHeader('Cache-Control', cacheControl);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.sendFile(path, (error) => {
      if (error && !res.headersSent)
        res.status(404).json({
          statusCode: 404,
          error: 'NOT_FOUND',
          message: { zh: '文件不存在', en: 'file not found' },
        });
    });
  }
}
