import { KildeError } from '@kilde/schemas';

/** Header carrying the shared secret of the internal channel (checked by `cms/src/internal/`). */
export const INTERNAL_SECRET_HEADER = 'x-kilde-internal-secret';

/**
 * A call over the internal channel failed. `status` is the CMS's HTTP status, or 503 when the CMS
 * could not be reached or did not answer in time (`code` `CMS_UNAVAILABLE`). For a refusal by the
 * CMS, `code` is Strapi's error name (`ValidationError`, `NotFoundError`, …) and `details` its
 * details, so the caller can pass a clear message on.
 */
export class CmsClientError extends KildeError {
  constructor(code: string, message: string, options: { status: number; details?: unknown; cause?: unknown }) {
    super(code, message, options);
  }
}

export interface CmsClientOptions {
  /** The CMS base URL (`KILDE_CMS_URL`, default `http://127.0.0.1:1337`). */
  baseUrl: string;
  /** `KILDE_INTERNAL_SECRET`. */
  secret: string;
  /** Per request; default 10 s. */
  timeoutMs?: number;
}

interface StrapiErrorBody {
  error?: { status?: number; name?: string; message?: string; details?: unknown };
}

/**
 * The API's side of the internal API → CMS channel: writes that belong to the CMS (question
 * intake, import, webhook endpoint registration) are asked of the CMS over HTTP, so the API
 * process never writes Strapi's tables or races the CMS's SQLite transactions.
 * @remarks Routes live under `/kilde-internal/...` on the CMS and are guarded by the shared
 * secret. Responses are JSON; Strapi's `{ data }` envelope is returned as is.
 */
export class CmsClient {
  readonly baseUrl: string;
  private readonly secret: string;
  private readonly timeoutMs: number;

  constructor(options: CmsClientOptions) {
    if (!/^https?:\/\//.test(options.baseUrl)) throw new TypeError(`CmsClient: baseUrl must be an http(s) URL, got ${options.baseUrl}`);
    if (!options.secret) throw new TypeError('CmsClient: secret is required');
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.secret = options.secret;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /**
   * Sends one request and returns the parsed JSON body.
   * @throws CmsClientError on a non-2xx answer, an unreachable CMS, a timeout or a non-JSON body.
   */
  async request<T>(method: string, path: string, body?: unknown, options: { requestId?: string } = {}): Promise<T> {
    if (!path.startsWith('/')) throw new TypeError(`CmsClient: path must start with /, got ${path}`);
    const headers: Record<string, string> = { [INTERNAL_SECRET_HEADER]: this.secret, accept: 'application/json' };
    // The CMS keeps the API's request id, so outbox rows and audit entries point back to it.
    if (options.requestId) headers['x-request-id'] = options.requestId;
    let payload: string | undefined;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: payload,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      // The path may carry identifiers; the message names only the method and the route's first part.
      throw new CmsClientError(
        'CMS_UNAVAILABLE',
        timedOut ? `The CMS did not answer within ${this.timeoutMs} ms` : 'The CMS could not be reached',
        { status: 503, cause: err },
      );
    }
    const text = await response.text().catch(() => '');
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch (err) {
      throw new CmsClientError('CMS_BAD_RESPONSE', `The CMS answered ${response.status} with a body that is not JSON`, {
        status: response.ok ? 502 : response.status,
        cause: err,
      });
    }
    if (!response.ok) {
      const error = (json as StrapiErrorBody | undefined)?.error;
      throw new CmsClientError(error?.name ?? `HTTP_${response.status}`, error?.message ?? `The CMS answered ${response.status}`, {
        status: response.status,
        details: error?.details,
      });
    }
    return json as T;
  }
}
