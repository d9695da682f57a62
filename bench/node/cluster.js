// The classic Node.js cluster tutorial: the primary forks one worker per core and forks a new one
// whenever a worker exits; the workers share the port. WORKERS overrides the count (the benchmark
// uses 2). The primary logs "listening <pid>" with a timestamp so the benchmark can time recovery.
'use strict';
const cluster = require('node:cluster');
const os = require('node:os');

const numWorkers = Number(process.env.WORKERS) || os.availableParallelism();

if (cluster.isPrimary) {
  console.log(`Primary ${process.pid} is running`);

  for (let i = 0; i < numWorkers; i++) {
    cluster.fork();
  }

  cluster.on('listening', (worker) => {
    console.log(`listening ${worker.process.pid} ${Date.now()}`);
  });

  cluster.on('exit', (worker, code, signal) => {
    console.log(`worker ${worker.process.pid} died (${signal || code}), forking a new one`);
    cluster.fork();
  });
} else {
  // Workers can share any TCP connection; here it is an HTTP server.
  require('./server.js');
  console.log(`Worker ${process.pid} started`);
}
