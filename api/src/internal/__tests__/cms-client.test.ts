import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CmsClient, CmsClientError, INTERNAL_SECRET_HEADER } from '../cms-client';

interface Seen {
  method?: string;
  url?: string;
  secret?: string;
  contentType?: string;
  body: string;
}

/** A real HTTP server standing in for the CMS: answers by path. */
async function fakeCms(): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, secret: req.headers[INTERNAL_SECRET_HEADER] as string | undefined, contentType: req.headers['content-type'], body });
      if (req.url === '/kilde-internal/echo') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: { received: body === '' ? null : JSON.parse(body) } }));
      } else if (req.url === '/kilde-internal/refuse') {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: null, error: { status: 400, name: 'ValidationError', message: 'text is too short', details: { errors: [{ path: ['text'], message: 'too short' }] } } }));
      } else if (req.url === '/kilde-internal/html') {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html>bad gateway</html>');
      } else if (req.url === '/kilde-internal/slow') {
        setTimeout(() => res.end('{}'), 500);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

describe('CmsClient', () => {
  let cms: Awaited<ReturnType<typeof fakeCms>>;
  beforeAll(async () => {
    cms = await fakeCms();
  });
  afterAll(async () => {
    await new Promise<void>((r) => {
      cms.server.close(() => r());
      cms.server.closeAllConnections();
    });
  });

  it('sends the secret header and a JSON body, and returns the parsed answer', async () => {
    const client = new CmsClient({ baseUrl: `${cms.url}/`, secret: 's3cret-s3cret-s3cret-s3cret-s3cret' });
    const out = await client.request<{ data: { received: unknown } }>('POST', '/kilde-internal/echo', { a: 1, text: 'hei på deg' });
    expect(out).toEqual({ data: { received: { a: 1, text: 'hei på deg' } } });
    const last = cms.seen.at(-1);
    expect(last).toMatchObject({ method: 'POST', url: '/kilde-internal/echo', secret: 's3cret-s3cret-s3cret-s3cret-s3cret', contentType: 'application/json' });
  });

  it('sends no body and no content type for a GET', async () => {
    const client = new CmsClient({ baseUrl: cms.url, secret: 'x'.repeat(32) });
    await client.request('GET', '/kilde-internal/echo');
    expect(cms.seen.at(-1)).toMatchObject({ method: 'GET', body: '', contentType: undefined });
  });

  it("passes the CMS's refusal on with its status, name and details", async () => {
    const client = new CmsClient({ baseUrl: cms.url, secret: 'x'.repeat(32) });
    const err = await client.request('POST', '/kilde-internal/refuse', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CmsClientError);
    expect(err).toMatchObject({ status: 400, code: 'ValidationError', message: 'text is too short', details: { errors: [{ path: ['text'], message: 'too short' }] } });
  });

  it('reports a body that is not JSON', async () => {
    const client = new CmsClient({ baseUrl: cms.url, secret: 'x'.repeat(32) });
    await expect(client.request('GET', '/kilde-internal/html')).rejects.toMatchObject({ code: 'CMS_BAD_RESPONSE', status: 502 });
  });

  it('gives up after the timeout with 503 CMS_UNAVAILABLE', async () => {
    const client = new CmsClient({ baseUrl: cms.url, secret: 'x'.repeat(32), timeoutMs: 100 });
    await expect(client.request('GET', '/kilde-internal/slow')).rejects.toMatchObject({ code: 'CMS_UNAVAILABLE', status: 503 });
  });

  it('reports an unreachable CMS as 503 CMS_UNAVAILABLE', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const client = new CmsClient({ baseUrl: `http://127.0.0.1:${port}`, secret: 'x'.repeat(32) });
    await expect(client.request('GET', '/kilde-internal/ping')).rejects.toMatchObject({ code: 'CMS_UNAVAILABLE', status: 503 });
  });

  it('refuses a bad base URL, an empty secret and a relative path', async () => {
    expect(() => new CmsClient({ baseUrl: 'localhost:1337', secret: 'x' })).toThrow(/baseUrl/);
    expect(() => new CmsClient({ baseUrl: 'http://localhost:1337', secret: '' })).toThrow(/secret/);
    await expect(new CmsClient({ baseUrl: cms.url, secret: 'x' }).request('GET', 'kilde-internal/ping')).rejects.toThrow(/path/);
  });
});
