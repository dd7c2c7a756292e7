// The stand-in for the official TypeScript SDK's stream reading (it is not on the package mirror here): fetch, a
// TextDecoder stream, split on newlines, JSON.parse per line. `node client.mjs <url> <streams>` runs <streams>
// concurrent requests, prints "first" at the first event and at the end one JSON line with the events and the
// process CPU time (user + system) spent from the first event to the last.
const [url, streamsArg] = process.argv.slice(2);
const streams = Number(streamsArg ?? '1');
let events = 0;
let cpuAtFirst = null;

async function read(target) {
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
      const event = JSON.parse(line);
      if (event.type === undefined) throw new Error('no type');
      if (cpuAtFirst === null) { cpuAtFirst = process.cpuUsage(); process.stdout.write('first\n'); }
      events++;
    }
  }
}

const n = Number(new URL(url).searchParams.get('n'));
const each = new URL(url);
each.searchParams.set('n', String(Math.floor(n / streams)));
await Promise.all(Array.from({ length: streams }, () => read(each.toString())));
const cpu = process.cpuUsage(cpuAtFirst);
process.stdout.write(JSON.stringify({ events, cpuUs: (cpu.user + cpu.system) }) + '\n');
