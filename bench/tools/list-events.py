#!/usr/bin/env python3
"""Prints the externalId of every webhook event Plugboard stored for one connection, one a line.

usage: list-events.py BASE_URL TENANT_ID CONNECTION_ID TENANT_API_KEY

Pages through GET /api/v1/tenants/{t}/connections/{c}/events?after=&limit= ({items[], next}),
oldest first; prints each event's externalId (its id when it has none),
one line per stored event, so an id that was stored twice is printed twice.
"""
import json
import sys
import urllib.parse
import urllib.request

base, tenant, connection, key = sys.argv[1:5]
if not base.startswith("http://127.0.0.1:"):
    sys.exit(f"refusing a non-loopback URL: {base}")
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy

after, seen_cursors = None, set()
while True:
    query = {"limit": "500"} | ({"after": after} if after else {})
    path = f"/api/v1/tenants/{tenant}/connections/{connection}/events"
    url = f"{base}{path}?{urllib.parse.urlencode(query)}"
    headers = {"Authorization": f"Bearer {key}", "Accept": "application/json"}
    request = urllib.request.Request(url, headers=headers)
    with opener.open(request, timeout=60) as response:
        page = json.load(response)
    items = page.get("items", [])
    for item in items:
        print(item.get("externalId") or item["id"])
    after = page.get("next")
    if not after or not items:
        break
    if after in seen_cursors:
        sys.exit(f"the events API returned cursor {after} twice")
    seen_cursors.add(after)
