import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as sent on the wire (still compressed when the server compressed it). */
  body: Buffer;
}

/** GET without decompressing, so byte counts are what a browser downloads. */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest(url, { method: 'GET', headers });
}

/** Any request (GET, or a form post) without decompressing the response. */
export function rawRequest(
  url: string,
  options: { method: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // A fresh connection each time (agent: false): a pooled keep-alive socket the server is
    // just closing fails the request ("other side closed"), which a loaded machine makes likely.
    const request = http.request(
      url,
      { method: options.method, headers: options.headers ?? {}, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}
