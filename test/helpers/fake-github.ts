// A fake GitHub REST API on 127.0.0.1 for the endpoints the PR report uses, with paging and scripted failures.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Comment {
  id: number;
  body: string;
}

export interface FakeGitHub {
  url: string;
  comments: Comment[];
  labels: string[];
  requests: { method: string; path: string; authorization: string | undefined }[];
  /** Failures to answer with before handling requests matching a method and path prefix. */
  failNext(
    method: string,
    pathPrefix: string,
    failure: { status: number; headers?: Record<string, string>; message?: string },
    times?: number,
  ): void;
  close(): Promise<void>;
}

export async function startFakeGitHub(options: { owner: string; repo: string; pull: number }): Promise<FakeGitHub> {
  const comments: Comment[] = [];
  const labels: string[] = [];
  const requests: FakeGitHub['requests'] = [];
  const failures: { method: string; prefix: string; status: number; headers: Record<string, string>; message: string }[] = [];
  let nextId = 1000;
  const issuePath = `/repos/${options.owner}/${options.repo}/issues/${options.pull}`;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const readBody = (req: IncomingMessage) =>
    new Promise<any>((resolve) => {
      let data = '';
      req.on('data', (chunk) => (data += chunk));
      req.on('end', () => resolve(data ? JSON.parse(data) : {}));
    });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    requests.push({ method, path: url.pathname, authorization: req.headers.authorization });
    const failure = failures.findIndex((f) => f.method === method && url.pathname.startsWith(f.prefix));
    if (failure >= 0) {
      const [f] = failures.splice(failure, 1);
      return send(res, f!.status, { message: f!.message }, f!.headers);
    }
    if (method === 'GET' && url.pathname === `${issuePath}/comments`) {
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      const last = Math.max(1, Math.ceil(comments.length / perPage));
      const link = (p: number) => `<${`http://${req.headers.host}${url.pathname}?per_page=${perPage}&page=${p}`}>`;
      const headers: Record<string, string> = page < last ? { link: `${link(page + 1)}; rel="next", ${link(last)}; rel="last"` } : {};
      return send(res, 200, comments.slice((page - 1) * perPage, page * perPage), headers);
    }
    if (method === 'POST' && url.pathname === `${issuePath}/comments`) {
      const { body } = await readBody(req);
      const comment = { id: nextId++, body };
      comments.push(comment);
      return send(res, 201, comment);
    }
    const update = url.pathname.match(new RegExp(`^/repos/${options.owner}/${options.repo}/issues/comments/(\\d+)$`));
    if (method === 'PATCH' && update) {
      const comment = comments.find((c) => c.id === Number(update[1]));
      if (!comment) return send(res, 404, { message: 'Not Found' });
      comment.body = (await readBody(req)).body;
      return send(res, 200, comment);
    }
    if (method === 'POST' && url.pathname === `${issuePath}/labels`) {
      for (const label of (await readBody(req)).labels) if (!labels.includes(label)) labels.push(label);
      return send(
        res,
        200,
        labels.map((name) => ({ name })),
      );
    }
    send(res, 404, { message: `fake GitHub: no ${method} ${url.pathname}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    comments,
    labels,
    requests,
    failNext(method, prefix, failure, times = 1) {
      for (let i = 0; i < times; i++)
        failures.push({ method, prefix, status: failure.status, headers: failure.headers ?? {}, message: failure.message ?? 'failure' });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
