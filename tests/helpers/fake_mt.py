"""A deterministic machine translator for the tests: JSON lines in, JSON lines out.

Each text comes back as "EN<n>:" followed by its codes in reverse order, which
a real engine might do too (English word order differs); nothing leaves the
machine.
"""

import json
import re
import sys

for line in sys.stdin:
    item = json.loads(line)
    codes = re.findall(r"⟦\w+⟧", item["text"])
    english = f"EN{item['id']}: " + " and ".join(reversed(codes))
    print(json.dumps({"id": item["id"], "text": english}, ensure_ascii=False))
