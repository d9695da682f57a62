-- wrk script: after the run, print one machine-readable line
-- WRKCSV,duration_us,requests,connect_errors,read_errors,write_errors,status_errors,timeouts,p50_ms,p90_ms,p99_ms,max_ms
-- (status_errors are answers with a status above 399).
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRKCSV,%d,%d,%d,%d,%d,%d,%d,%.3f,%.3f,%.3f,%.3f\n",
    summary.duration, summary.requests, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
