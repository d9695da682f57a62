// A plain Node.js HTTP server with the sample app's routes, for the benchmark under bench/.
//   GET /                    hello, naming the process that answered
//   GET /cpu?iterations=N    N rounds of SHA-256, each over the previous digest (default 20000)
//   GET /locked?iterations=N the same work; a Node process runs one request at a time anyway,
//                            which is what the JVM's /locked simulates with a global lock
//   GET /park?millis=N&pid=P parks the process's one thread (its event loop) for N ms without using
//                            CPU, as the sample's /park parks a request thread; another pid than
//                            P answers 421 at once
// PORT sets the port (default 3000). Run alone (`node server.js`) or from cluster.js / PM2.
'use strict';
const http = require('node:http');
const crypto = require('node:crypto');

// crypto.hash (Node 20.12+) is the one-shot form, several times faster than createHash per round.
const sha256 = typeof crypto.hash === 'function'
  ? (data) => crypto.hash('sha256', data, 'buffer')
  : (data) => crypto.createHash('sha256').update(data).digest();

function rounds(iterations) {
  let digest = Buffer.from('cluster', 'utf8');
  for (let i = 0; i < iterations; i++) {
    digest = sha256(digest);
  }
  return digest.toString('hex');
}

const port = Number(process.env.PORT) || 3000;

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/') {
    res.end(`Hello from pid ${process.pid}\n`);
  } else if (url.pathname === '/cpu' || url.pathname === '/locked') {
    const iterations = Number(url.searchParams.get('iterations') ?? 20000);
    res.end(`${rounds(iterations)} from pid ${process.pid}\n`);
  } else if (url.pathname === '/park') {
    const pid = url.searchParams.get('pid');
    if (pid !== null && Number(pid) !== process.pid) {
      res.statusCode = 421;
      res.end(`pid ${process.pid} is not pid ${pid}\n`);
      return;
    }
    const millis = Math.min(Math.max(Number(url.searchParams.get('millis') ?? 1000), 0), 60000);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, millis); // blocks the event loop, idle
    res.end(`parked in pid ${process.pid}\n`);
  } else {
    res.statusCode = 404;
    res.end('Not found\n');
  }
});

server.listen(port, '0.0.0.0', () => {
  if (process.send) {
    process.send('ready'); // PM2's wait_ready, if turned on
  }
});
