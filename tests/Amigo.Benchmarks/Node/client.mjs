// The stand-in for the official TypeScript SDK's stream reading (the SDK is not on the package mirror here).
// `node client.mjs <url> <streams> [generator|inline]` runs <streams> concurrent requests, prints "first" at the
// first event and at the end one JSON line with the events and the process CPU time (user + system) spent from the
// first event to the last.
//
// generator (the default) has the SDK's shape: fetch, then an async generator over response.body.getReader() that
// decodes each chunk with one streaming TextDecoder, splits the buffered text on newlines and yields JSON.parse of
// each line; the caller consumes it with `for await`, as the SDK's users do. inline does the same work in the read
// loop itself, with no generator between the reader and the consumer: a lower bound for any JavaScript client.
const [url, streamsArg, variantArg] = process.argv.slice(2);
const streams = Number(streamsArg ?? '1');
const variant = variantArg ?? 'generator';
let events = 0;
let cpuAtFirst = null;

function seen(event) {
  if (event.type === undefined) throw new Error('no type');
  if (cpuAtFirst === null) { cpuAtFirst = process.cpuUsage(); process.stdout.write('first\n'); }
  events++;
}

async function* ndjson(response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    pending += decoder.decode(value, { stream: true });
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim()) yield JSON.parse(line);
    }
  }
  pending += decoder.decode();
  if (pending.trim()) yield JSON.parse(pending);
}

async function readWithGenerator(target) {
  const response = await fetch(target);
  for await (const event of ndjson(response)) seen(event);
}

async function readInline(target) {
  const response = await fetch(target);
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of response.body) {
    buffered += decoder.decode(chunk, { stream: true });
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.length === 0) continue;
      seen(JSON.parse(line));
    }
  }
}

const read = variant === 'inline' ? readInline : variant === 'generator' ? readWithGenerator : null;
if (read === null) throw new Error(`unknown variant ${variant}`);
const n = Number(new URL(url).searchParams.get('n'));
const each = new URL(url);
each.searchParams.set('n', String(Math.floor(n / streams)));
await Promise.all(Array.from({ length: streams }, () => read(each.toString())));
const cpu = process.cpuUsage(cpuAtFirst);
process.stdout.write(JSON.stringify({ events, cpuUs: (cpu.user + cpu.system) }) + '\n');
