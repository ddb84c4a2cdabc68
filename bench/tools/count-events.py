#!/usr/bin/env python3
"""Counts the webhook events Plugboard stored for one connection, through its events API.

usage: count-events.py BASE_URL TENANT_ID CONNECTION_ID TENANT_API_KEY

Pages through GET /api/v1/tenants/{t}/connections/{c}/events?after=&limit= ({items[], next})
and prints the number of events. Warns on stderr when an externalId (the message mid) appears
twice: a replayed delivery must not be stored twice.
"""
import json
import sys
import urllib.parse
import urllib.request

base, tenant, connection, key = sys.argv[1:5]
if not base.startswith("http://127.0.0.1:"):
    sys.exit(f"refusing a non-loopback URL: {base}")
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy

total, external_ids, after = 0, set(), None
while True:
    query = {"limit": "500"} | ({"after": after} if after else {})
    path = f"/api/v1/tenants/{tenant}/connections/{connection}/events"
    url = f"{base}{path}?{urllib.parse.urlencode(query)}"
    headers = {"Authorization": f"Bearer {key}", "Accept": "application/json"}
    request = urllib.request.Request(url, headers=headers)
    with opener.open(request, timeout=60) as response:
        page = json.load(response)
    items = page.get("items", [])
    total += len(items)
    external_ids.update(item.get("externalId") or item["id"] for item in items)
    after = page.get("next")
    if not after or not items:
        break

if len(external_ids) != total:
    duplicates = total - len(external_ids)
    print(f"warning: {duplicates} events share an externalId with another", file=sys.stderr)
print(total)
