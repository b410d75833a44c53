/**
 * The byte-carrying side of releases, which the JSON pipeline (server.ts) does not do: asset uploads on the uploads
 * host (`<github>/uploads/repos/…/assets?name=`, what `upload_url` names; the API path itself is accepted too, for
 * Octokit's `uploadReleaseAsset` called with `baseUrl` = the emulator), and downloads: `GET …/releases/assets/{id}`
 * with `Accept: application/octet-stream` and `browser_download_url` both answer 302 to a short-lived signed URL, as
 * GitHub redirects to its asset storage. Every request still goes through the emulator's pipeline (auth, rate limit,
 * faults, access) via `call`; only the raw bytes travel beside it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, roleOn } from './auth.js';
import { findRepo, type World } from './model.js';
import type { ReleaseAssetRecord } from './model-releases.js';
import { RAW_UPLOAD, type RawUpload } from './routes/releases.js';
import { UPLOADS_PREFIX } from './serialize-releases.js';
import type { GithubEmulator } from './server.js';

/** How long a signed asset URL stays valid (GitHub's are about five minutes). */
const SIGNED_URL_MS = 5 * 60_000;
const BLOB_PATH = '/_sandbox/release-asset-blobs/';

const UPLOAD = /^(?:\/uploads)?(\/repos\/[^/]+\/[^/]+\/releases\/\d+\/assets)$/;
const ASSET = /^\/repos\/[^/]+\/[^/]+\/releases\/assets\/\d+$/;
const BROWSER = /^\/([^/]+)\/([^/]+)\/releases\/download\/([^/]+)\/([^/]+)$/;

export interface ReleaseUploads {
  /** Whether this request is one of the byte-carrying ones. */
  serves(req: IncomingMessage): boolean;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

const sign = (world: World, id: number, expires: number) => createHmac('sha256', world.releases.secret).update(`asset:${id}:${expires}`).digest('hex');

function findAsset(world: World, id: number): ReleaseAssetRecord | undefined {
  for (const r of world.releases.releases) {
    const a = r.assets.find((x) => x.id === id);
    if (a) return a;
  }
  return undefined;
}

/** Creates the handler over an emulator. */
export function createReleaseUploads(github: GithubEmulator): ReleaseUploads {
  const pathOf = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://sandbox').pathname;
  const wantsBytes = (req: IncomingMessage) => String(req.headers.accept ?? '').includes('application/octet-stream');

  const json = (res: ServerResponse, status: number, headers: Record<string, string>, body: unknown) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(text)) });
    res.end(text);
  };
  const redirectToBlob = (res: ServerResponse, asset: ReleaseAssetRecord) => {
    const now = github.env.clock.now();
    const expires = now + SIGNED_URL_MS;
    const location = `${github.env.baseUrl()}${BLOB_PATH}${asset.id}?expires=${expires}&sig=${sign(github.world(), asset.id, expires)}`;
    res.writeHead(302, { location, 'content-length': '0' });
    res.end();
  };

  return {
    serves(req) {
      const path = pathOf(req);
      const method = req.method ?? 'GET';
      if (method === 'POST') return UPLOAD.test(path);
      if (method !== 'GET') return false;
      return path.startsWith(BLOB_PATH) || BROWSER.test(path) || (ASSET.test(path) && wantsBytes(req));
    },
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://sandbox');
      const path = url.pathname;
      const remote = req.socket.remoteAddress ?? '127.0.0.1';
      const world = github.world();
      const upload = UPLOAD.exec(path);
      if (upload && req.method === 'POST') {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const data = Buffer.concat(chunks);
        const declared = req.headers['content-length'];
        if (declared !== undefined && Number(declared) !== data.length) {
          json(res, 400, { 'content-type': 'application/json; charset=utf-8' }, { message: 'Bad Content-Length', documentation_url: 'https://docs.github.com/rest', status: '400' });
          return;
        }
        const raw: RawUpload = { data, contentType: req.headers['content-type'] };
        const r = await github.call({ method: 'POST', url: `${upload[1]}${url.search}`, headers: { authorization: req.headers.authorization }, body: { [RAW_UPLOAD]: raw }, remote, internal: false });
        json(res, r.status, r.headers, r.body);
        return;
      }
      if (path.startsWith(BLOB_PATH)) {
        const id = Number(path.slice(BLOB_PATH.length));
        const expires = Number(url.searchParams.get('expires'));
        const expected = Buffer.from(sign(world, id, expires));
        const given = Buffer.from(url.searchParams.get('sig') ?? '');
        const asset = findAsset(world, id);
        if (!asset || expires < github.env.clock.now() || expected.length !== given.length || !timingSafeEqual(expected, given)) {
          res.writeHead(403, { 'content-type': 'application/xml' });
          res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired or the signature does not match</Message></Error>');
          return;
        }
        asset.download_count++;
        res.writeHead(200, {
          'content-type': asset.content_type,
          'content-length': String(asset.data.length),
          'content-disposition': `attachment; filename=${asset.name}`,
        });
        res.end(asset.data);
        return;
      }
      const browser = BROWSER.exec(path);
      if (browser) {
        const [, owner, name, tag, file] = browser.map((s) => decodeURIComponent(s)) as [string, string, string, string, string];
        const repo = findRepo(world, owner, name);
        let role = null;
        try {
          if (repo) role = roleOn(world, authenticate(world, github.env.clock, req.headers.authorization, remote), repo);
        } catch {
          role = null;
        }
        const release = repo && role ? world.releases.releases.find((r) => r.repo_id === repo.id && !r.draft && r.tag_name === tag) : undefined;
        const asset = release?.assets.find((a) => a.name === file);
        if (!asset) {
          res.writeHead(404, { 'content-type': 'text/plain' });
          res.end('Not Found');
          return;
        }
        redirectToBlob(res, asset);
        return;
      }
      // GET …/releases/assets/{id} asking for the bytes: the JSON route decides access and existence.
      const r = await github.call({ method: 'GET', url: `${path}${url.search}`, headers: { authorization: req.headers.authorization }, remote, internal: false });
      const asset = r.status === 200 ? findAsset(world, (r.body as { id: number }).id) : undefined;
      if (!asset) {
        json(res, r.status, r.headers, r.body);
        return;
      }
      redirectToBlob(res, asset);
    },
  };
}

/** The uploads base URL for an emulator base URL (what Octokit's `uploadReleaseAsset` takes as `baseUrl`). */
export function uploadsBaseUrl(githubBase: string): string {
  return `${githubBase}${UPLOADS_PREFIX}`;
}
