// A local NDJSON server for the end-to-end benchmark: GET /<mix>?n=N streams N lines, repeating the turn in
// <mix>.ndjson (written by `Amigo.Benchmarks e2e`), with backpressure. Prints its port, then serves until killed.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const folder = process.argv[2];
const turns = {};
for (const mix of ['text', 'voice']) {
  turns[mix] = fs.readFileSync(path.join(folder, `${mix}.ndjson`), 'utf8').split('\n').filter(l => l.length > 0).map(l => Buffer.from(l + '\n'));
}

// POST .../interact (the SDK's InteractAsync) reads the mix and count from the message it sends: "<mix> n=N".
const server = http.createServer((request, response) => {
  const url = new URL(request.url, 'http://127.0.0.1');
  if (request.method === 'POST' && url.pathname.endsWith('/interact')) {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', chunk => { body += chunk; });
    request.on('end', () => {
      const message = /name="initial_message"\r\n\r\n([a-z]+) n=(\d+)/.exec(body) ?? /([a-z]+) n=(\d+)/.exec(body);
      if (!message) { response.writeHead(400).end(); return; }
      stream(response, turns[message[1]], Number(message[2]));
    });
    return;
  }
  stream(response, turns[url.pathname.slice(1)], Number(url.searchParams.get('n') ?? '0'));
});

function stream(response, lines, n) {
  if (!lines) { response.writeHead(404).end(); return; }
  // Whole turns only, so every stream ends with its interaction-complete event.
  const total = Math.ceil(n / lines.length) * lines.length;
  response.writeHead(200, { 'content-type': 'application/x-ndjson' });
  let sent = 0;
  const pump = () => {
    while (sent < total) {
      const chunk = [];
      for (let i = 0; i < 64 && sent < total; i++, sent++) chunk.push(lines[sent % lines.length]);
      if (!response.write(Buffer.concat(chunk))) { response.once('drain', pump); return; }
    }
    response.end();
  };
  pump();
}

server.listen(0, '127.0.0.1', () => console.log(server.address().port));
