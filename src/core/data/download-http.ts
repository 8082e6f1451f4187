import { ProbeLensError, throwIfCancelled } from '../errors';

export interface FetchOptions {
  signal?: AbortSignal;
  /** Give up when no response or no body bytes arrive for this long. */
  idleTimeoutMs: number;
  /** Refuse bodies larger than this: no default dataset file comes close, so a larger one is the wrong file. */
  maxBytes: number;
  /** Called as body bytes arrive: bytes so far, and the total when the server declared one. */
  onBytes?: (received: number, total: number | undefined) => void;
}

export interface FetchedBody {
  bytes: Uint8Array;
  contentType: string;
  /** The URL after redirects. */
  finalUrl: string;
}

/**
 * GETs a URL into memory (following redirects), with an idle timeout, progress and cancellation. Every failure
 * is a ProbeLensError: 'cancelled' when the caller's signal fired, 'download' otherwise, naming the URL.
 */
export async function fetchBody(url: string, options: FetchOptions): Promise<FetchedBody> {
  throwIfCancelled(options.signal);
  const idle = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const touch = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => idle.abort(), options.idleTimeoutMs);
  };
  const signal = options.signal ? AbortSignal.any([options.signal, idle.signal]) : idle.signal;
  const fail = (error: unknown, received?: number): ProbeLensError => {
    if (options.signal?.aborted) return new ProbeLensError('Cancelled.', 'cancelled');
    if (idle.signal.aborted) {
      const seconds = options.idleTimeoutMs / 1000;
      return new ProbeLensError(
        `No data from ${url} for ${seconds} s${received ? ` after ${received} bytes` : ''}: the server or the ` +
          'connection stalled. Try again later, or set a mirror base URL.',
        'download',
      );
    }
    return transportError(url, error, received);
  };

  touch();
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal, redirect: 'follow' });
    } catch (error) {
      throw fail(error);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw httpError(url, response);
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    const total = Number.isFinite(declared) && declared >= 0 ? declared : undefined;
    if (total !== undefined && total > options.maxBytes) throw tooLarge(url, total, options.maxBytes);

    const chunks: Uint8Array[] = [];
    let received = 0;
    try {
      // The body is an async-iterable web stream in Node; read it chunk by chunk to report progress.
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        touch();
        received += chunk.byteLength;
        if (received > options.maxBytes) throw tooLarge(url, received, options.maxBytes);
        chunks.push(chunk);
        options.onBytes?.(received, total);
      }
    } catch (error) {
      throw error instanceof ProbeLensError ? error : fail(error, received);
    }
    if (total !== undefined && received !== total) {
      throw new ProbeLensError(
        `The download from ${url} stopped after ${received} of ${total} bytes. Try again.`,
        'download',
      );
    }
    return { bytes: concat(chunks, received), contentType: response.headers.get('content-type') ?? '', finalUrl: response.url || url };
  } finally {
    clearTimeout(timer);
  }
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function httpError(url: string, response: Response): ProbeLensError {
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  const advice =
    response.status === 404 || response.status === 410
      ? 'The file is not at that address; if a mirror base URL is set, check that it serves the data layout ' +
        '(sst2/train.tsv, conll2003/eng.train, ...).'
      : response.status === 401 || response.status === 403
        ? 'The server refused access.'
        : 'Try again later, or set a mirror base URL.';
  return new ProbeLensError(`${status} from ${url}. ${advice}`, 'download');
}

function transportError(url: string, error: unknown, received: number | undefined): ProbeLensError {
  // Node's fetch reports network failures as TypeError("fetch failed") with the system error as its cause.
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const code = cause?.code;
  const why =
    (code && NETWORK_ERRORS[code] ? `${NETWORK_ERRORS[code]}, ${code}` : code) ??
    cause?.message ??
    (error as Error | undefined)?.message ??
    String(error);
  const what =
    received === undefined
      ? `Could not download ${url} (${why}).`
      : `The download from ${url} broke off after ${received} bytes (${why}).`;
  return new ProbeLensError(
    `${what} Check the connection, or turn on offline mode and point the dataset settings at local files.`,
    'download',
  );
}

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'the server closed the connection',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};

function tooLarge(url: string, bytes: number, max: number): ProbeLensError {
  return new ProbeLensError(
    `${url} sends ${bytes} bytes or more, more than the ${max} expected at most: this is not the dataset file.`,
    'download',
  );
}
