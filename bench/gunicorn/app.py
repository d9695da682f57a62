# The trivial WSGI application Gunicorn serves in the benchmark: GET / answers with the worker's pid,
# like the sample's GET /. Run with 2 sync workers: gunicorn -w 2 -b 127.0.0.1:PORT app:app
import os


def app(environ, start_response):
    body = f"Hello from gunicorn (pid {os.getpid()})".encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
