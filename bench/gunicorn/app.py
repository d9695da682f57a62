# The trivial WSGI application Gunicorn serves in the benchmark: GET / answers with the worker's pid,
# like the sample's GET /. Run with 2 sync workers: gunicorn -w 2 -b 127.0.0.1:PORT app:app
# GET /park?millis=N&pid=P sleeps N ms (at most 60 s) in the worker, which a sync worker does with its
# only thread, as the sample's /park parks a request thread; another pid than P answers 421 at once.
import os
import time
from urllib.parse import parse_qs


def app(environ, start_response):
    if environ.get("PATH_INFO") == "/park":
        query = parse_qs(environ.get("QUERY_STRING", ""))
        pid = query.get("pid", [None])[0]
        if pid is not None and int(pid) != os.getpid():
            return answer(start_response, "421 Misdirected Request", f"pid {os.getpid()} is not pid {pid}")
        time.sleep(min(max(int(query.get("millis", ["1000"])[0]), 0), 60000) / 1000)
        return answer(start_response, "200 OK", f"parked in gunicorn (pid {os.getpid()})")
    return answer(start_response, "200 OK", f"Hello from gunicorn (pid {os.getpid()})")


def answer(start_response, status, text):
    body = text.encode()
    start_response(status, [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
