#!/usr/bin/env python3
"""Callback receiver of the replica suite: answers every POST with 200 and appends one JSON line per delivery
to LOG ({"ArrivedMs", "Body"}: Body is the callback as sent). Prints "listening on http://127.0.0.1:PORT" once
it accepts connections. Usage: callbacks.py LOG"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

log = open(sys.argv[1], "a", buffering=1)
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keeps the sender's connections alive, as a real receiver would

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            parsed = json.loads(body)
        except ValueError:
            parsed = {"Unparsed": body.decode("utf-8", "replace")}
        line = json.dumps({"ArrivedMs": int(time.time() * 1000), "Body": parsed})
        with lock:
            log.write(line + "\n")
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):  # one line per delivery is in LOG already
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print("listening on http://127.0.0.1:%d" % server.server_address[1], flush=True)
server.serve_forever()
