// PM2 cluster mode with two instances of server.js, for the benchmark's `pm2 reload` comparison.
// PM2's defaults otherwise: no wait_ready, kill_timeout 1600 ms, as most deployments run it.
module.exports = {
  apps: [{
    name: 'bench-node',
    script: __dirname + '/server.js',
    exec_mode: 'cluster',
    instances: 2,
    env: { PORT: process.env.PORT || '18109' },
    autorestart: true,
    merge_logs: true,
  }],
};
