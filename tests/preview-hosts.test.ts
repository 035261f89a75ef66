/**
 * `preview --host`: listening on every address (`0.0.0.0`) answers to this machine's own names and
 * addresses, and still to no other Host (DNS rebinding); the address printed is one to open here.
 */
import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { get } from './helpers/http.js';
import { withPreview } from './helpers/preview.js';

describe('gareport preview --host 0.0.0.0', () => {
  it("answers to the machine's loopback names and its own addresses, and to no other name", async () => {
    await withPreview({ options: { host: '0.0.0.0' } }, async (preview) => {
      expect(preview.url).toBe(`http://127.0.0.1:${preview.port}/`);
      const own = Object.values(networkInterfaces())
        .flatMap((list) => list ?? [])
        .filter((a) => a.family === 'IPv4')
        .map((a) => a.address);
      for (const address of ['127.0.0.1', 'localhost', ...own]) {
        const reply = await get(`${preview.url}kosovo/`, { host: `${address}:${preview.port}` });
        expect(reply.status, address).toBe(200);
      }
      for (const host of ['evil.example', `evil.example:${preview.port}`, `0.0.0.0:${preview.port + 1}`]) {
        expect((await get(`${preview.url}kosovo/`, { host })).status, host).toBe(403);
      }
    });
  });
});
