import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findPublicDir } from './dashboard.controller';

describe('findPublicDir', () => {
  const repo = resolve(__dirname, '..', '..', '..', '..');

  it('finds apps/api/public from the sources and from the build output alike', () => {
    const expected = join(repo, 'apps', 'api', 'public');
    expect(findPublicDir(__dirname)).toBe(expected);
    expect(findPublicDir(join(repo, 'dist', 'apps', 'api', 'src', 'dashboard'))).toBe(expected);
    expect(existsSync(join(expected, 'index.html'))).toBe(true);
  });

  it('says where it looked when the files are missing', () => {
    expect(() => findPublicDir('/')).toThrow(/apps\/api\/public/);
  });
});
