#!/usr/bin/env node
// A bounded loopback load on one endpoint of strata serve: N concurrent clients, each sending the same body
// (or, with --vary-seed, a new seed per request so the answer cache never hits) until the request count or the
// time budget runs out. Prints one JSON line: requests, errors by status, throughput, p50/p90/p99 latency, bytes received.
// With --gzip it asks for gzip (Accept-Encoding, as a browser does) and decompresses each answer, as a browser would.
//   node load.mjs --url http://127.0.0.1:8080/v1/evaluate --body FILE --clients 8 --requests 2000 --seconds 20 [--vary-seed] [--gzip]
import fs from 'node:fs';
import http from 'node:http';
import zlib from 'node:zlib';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : 'true']);
  return acc;
}, []));
const url = new URL(args.url);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
  console.error('load.mjs: only loopback targets'); process.exit(2);
}
const base = JSON.parse(fs.readFileSync(args.body, 'utf8'));
const clients = Number(args.clients ?? 1);
const maxRequests = Number(args.requests ?? 1000);
const deadline = Date.now() + 1000 * Number(args.seconds ?? 20);
const vary = args['vary-seed'] === 'true';
const gzip = args.gzip === 'true';
let received = 0;
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
const latencies = [];
const statuses = {};
let sent = 0;
let seed = Math.floor(Math.random() * 1e9);

function once() {
  const body = JSON.stringify(vary ? { ...base, seed: seed++ } : base);
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(gzip ? { 'accept-encoding': 'gzip' } : {}) };
    const req = http.request(url, { method: 'POST', agent, headers }, (res) => {
      res.on('data', (chunk) => { received += chunk.length; });
      const plain = res.headers['content-encoding'] === 'gzip' ? res.pipe(zlib.createGunzip()) : res;
      if (plain !== res) plain.on('data', () => {});
      plain.on('error', (e) => { statuses['gunzip'] = (statuses['gunzip'] ?? 0) + 1; resolve(); });
      plain.on('end', () => {
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        resolve();
      });
    });
    req.on('error', (e) => { statuses[e.code ?? 'error'] = (statuses[e.code ?? 'error'] ?? 0) + 1; resolve(); });
    req.end(body);
  });
}

async function client() {
  while (sent < maxRequests && Date.now() < deadline) {
    sent++;
    await once();
  }
}

const start = process.hrtime.bigint();
await Promise.all(Array.from({ length: clients }, client));
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
latencies.sort((a, b) => a - b);
const q = (p) => latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : null;
const round = (v) => v === null ? null : Math.round(v * 100) / 100;
console.log(JSON.stringify({ clients, requests: latencies.length, seconds: round(seconds), per_second: round(latencies.length / seconds),
  p50_ms: round(q(0.5)), p90_ms: round(q(0.9)), p99_ms: round(q(0.99)), statuses, vary_seed: vary, gzip,
  received_bytes_per_request: latencies.length ? Math.round(received / latencies.length) : null }));
agent.destroy();
