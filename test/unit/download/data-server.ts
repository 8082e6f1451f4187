import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { DATA_DIR } from '../../shared-path';

/**
 * A local HTTP server on 127.0.0.1 (random port) serving ../shared/data in the data layout, plus routes that
 * misbehave the ways real servers do. The first path segment picks the behaviour, the rest is the layout path:
 *   /data/<p>      the file                      /redirect/<p>  302 to /data/<p>
 *   /html/<p>      an HTML error page (200, text/plain, as some hosts send it)
 *   /short/<p>     the first 40% of the file, cut at a line end, with a matching Content-Length
 *   /cut/<p>       the full Content-Length declared, 40% sent, then the connection dropped
 *   /stall/<p>     64 KiB sent, then silence        /blob/<name>   a buffer registered with `blobs`
 * Anything else is a 404.
 */
export interface DataServer {
  baseUrl: string;
  /** Every request path, in order. */
  requests: string[];
  blobs: Map<string, Uint8Array>;
  close(): Promise<void>;
}

export async function startDataServer(): Promise<DataServer> {
  const requests: string[] = [];
  const blobs = new Map<string, Uint8Array>();
  const server = http.createServer((request, response) => {
    requests.push(request.url ?? '');
    handle(request.url ?? '', response, blobs).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    blobs,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(url: string, response: http.ServerResponse, blobs: Map<string, Uint8Array>): Promise<void> {
  const [, mode, ...rest] = decodeURIComponent(url).split('/');
  const relative = rest.join('/');
  if (mode === 'blob' && blobs.has(relative)) return send(response, 'application/zip', blobs.get(relative) as Uint8Array);
  if (mode === 'redirect') {
    response.writeHead(302, { location: `/data/${relative}` }).end();
    return;
  }
  const content = await readLayoutFile(relative);
  if (!content || !['data', 'html', 'short', 'cut', 'stall'].includes(mode)) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  const partial = Math.floor(content.length * 0.4);
  switch (mode) {
    case 'data':
      return send(response, 'text/plain; charset=utf-8', content);
    case 'html':
      return send(response, 'text/plain', Buffer.from('<!DOCTYPE html>\n<html><body><h1>Page not found</h1></body></html>\n'));
    case 'short':
      return send(response, 'text/plain', content.subarray(0, content.lastIndexOf(0x0a, partial) + 1));
    case 'cut':
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': content.length });
      response.write(content.subarray(0, partial), () => response.destroy());
      return;
    case 'stall':
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': content.length });
      response.write(content.subarray(0, 64 * 1024));
      return;
  }
}

function send(response: http.ServerResponse, type: string, body: Uint8Array): void {
  response.writeHead(200, { 'content-type': type, 'content-length': body.length }).end(body);
}

async function readLayoutFile(relative: string): Promise<Buffer | undefined> {
  if (relative === '' || relative.split('/').includes('..')) return undefined;
  try {
    return await fs.readFile(path.join(DATA_DIR, ...relative.split('/')));
  } catch {
    return undefined;
  }
}
