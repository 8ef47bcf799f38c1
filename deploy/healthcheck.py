"""The container's HEALTHCHECK: Briefbot's HTTP port, when it serves Slack over HTTP, must
answer an HTTP request; in Socket Mode or on Discord alone nothing listens there, and the
bot's process running is all there is to check (a /healthz for every mode is issue 15's).

Exit 0 healthy, 1 unhealthy; standard library only, so it runs in the slim image as is.
"""

from __future__ import annotations

import http.client
import os
import socket
import sys

PORT = int(os.environ.get("BRIEFBOT_HEALTH_PORT", "3000"))


def main() -> int:
    try:
        socket.create_connection(("127.0.0.1", PORT), timeout=3).close()
    except ConnectionRefusedError:
        return 0  # no HTTP server in this mode
    except OSError:
        return 1  # the port neither answers nor refuses: the process is stuck
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
    try:
        connection.request("GET", "/slack/events")  # 405: the server is up and answering
        connection.getresponse()
    except (OSError, http.client.HTTPException):
        return 1
    finally:
        connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
