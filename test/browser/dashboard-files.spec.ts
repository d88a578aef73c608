import { startApi, type RunningApi } from '../support/api-app';

/** The dashboard's files over HTTP: no key needed, exact names only, sensible headers. */
describe('dashboard files', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => api?.close());

  const fetchRaw = (path: string) => fetch(`${api.base}${path}`);

  it('serves the page at / without a key, never cached, with a strict content policy', async () => {
    const response = await fetchRaw('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).toContain('基本公共卫生服务进度台账');
  });

  it('serves the scripts, the styles and ECharts from node_modules', async () => {
    for (const [path, type] of [
      ['/assets/app.js', /^text\/javascript/],
      ['/assets/i18n.js', /^text\/javascript/],
      ['/assets/styles.css', /^text\/css/],
      ['/assets/favicon.svg', /^image\/svg\+xml/],
      ['/assets/echarts.min.js', /^text\/javascript/],
    ] as const) {
      const response = await fetchRaw(path);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.headers.get('content-type')).toMatch(type);
    }
    expect(await (await fetchRaw('/assets/echarts.min.js')).text()).toContain('echarts');
  });

  it('answers 404 for anything that is not one of its files', async () => {
    for (const path of [
      '/assets/missing.js',
      '/assets/..%2Fpackage.json',
      '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/assets/index.html',
    ]) {
      expect({ path, status: (await fetchRaw(path)).status }).toEqual({ path, status: 404 });
    }
  });

  it('still guards the API behind a key', async () => {
    expect((await api.get('/api/v1/rates', null)).status).toBe(401);
  });
});
