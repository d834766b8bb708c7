"""A hostile article for the web tests: markup, script, javascript: links and SQL-looking text in
its title, URL and body, around sentences the extractor turns into facts. Every payload sets
`window.__pwned` if it ever runs."""

from __future__ import annotations

import json

TITLE = "<script>window.__pwned='title'</script>\"><img src=x onerror=\"window.__pwned='img'\">"
URL = "javascript:window.__pwned='url'"
TEXT = "\n".join(
    [
        "입력 2025.03.04 10:00",
        "엔비디아는 올해 <script>window.__pwned='body'</script> 데이터센터에 800억달러를 "
        "투자한다고 밝혔다.",
        '"><img src=x onerror="window.__pwned=\'attr\'"> 삼성전자는 엔비디아와 AI 반도체 '
        "협력을 강화하기로 했다.",
        "<a href=\"javascript:window.__pwned='link'\">자세히 보기</a> '; DROP TABLE facts; -- "
        '" OR 1=1 -- </textarea></script><svg onload="window.__pwned=\'svg\'">',
        '=HYPERLINK("http://127.0.0.1/") 네이버는 2조원을 들여 GPU 1만 장을 확보한다.',
    ]
)
MARKER = "DROP TABLE facts"  # text search finds the hostile article by this


def jsonl() -> bytes:
    """The article as one JSON Lines record, as `ailedger ingest` reads it."""
    record = {"title": TITLE, "url": URL, "published": "2025-03-04", "text": TEXT}
    return (json.dumps(record, ensure_ascii=False) + "\n").encode()
