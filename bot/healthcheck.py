"""The container's HEALTHCHECK: GET /healthz on BRIEFBOT_HEALTH_PORT (the image sets 3000:
the Slack HTTP server's port, or the health listener's in Socket Mode and on Discord) must
answer 200. A port nothing listens on (the listener turned off) leaves the process running as
all there is to check.

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
        connection.request("GET", "/healthz")
        if connection.getresponse().status != 200:
            return 1
    except (OSError, http.client.HTTPException):
        return 1
    finally:
        connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
