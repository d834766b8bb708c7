"""`ailedger parse`: quantities and dates as JSON lines, money converted at the article's date."""

from __future__ import annotations

import json

from tests.cli.conftest import Run


def lines(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_the_issue_example(run: Run) -> None:
    text = "메타는 올해 최대 650억달러(약 95조원)를 투자한다"
    out = lines(run("parse", text, "--date", "2025-01-25").stdout)
    money = [o for o in out if o["dim"] == "money"]
    assert len(money) == 1
    (m,) = money
    assert m["value"] == 65_000_000_000 and m["currency"] == "USD"
    assert m["approx"] is True and m["bound"] == "upper"
    assert m["krw_stated"] == 95_000_000_000_000
    assert m["krw"] == 95_000_000_000_000 and isinstance(m["usd"], int)
    fx = m["fx"]
    assert isinstance(fx, dict) and fx["source"] == "stated" and fx["krw_rate"] > 1000
    dates = [o for o in out if o["dim"] == "date"]
    assert [(d["text"], d["value"]) for d in dates] == [("올해", "2025")]
    assert text[m["start"] : m["end"]] == m["text"]  # type: ignore[misc]


def test_stdin_english_and_ecb_rates(run: Run) -> None:
    out = lines(
        run(
            "parse",
            "--lang",
            "en",
            "--date",
            "2025-01-24",
            input="Microsoft will spend $80 billion.",
        ).stdout
    )
    (m,) = [o for o in out if o["dim"] == "money"]
    assert m["value"] == 80_000_000_000 and m["fx"]["source"] == "ecb"  # type: ignore[index]


def test_without_a_date_nothing_is_converted_or_resolved(run: Run) -> None:
    out = lines(run("parse", "올해 GPU 1만장과 1조원").stdout)
    assert all("fx" not in o for o in out)
    assert {o["dim"] for o in out} >= {"count", "money", "date"}
    assert next(o for o in out if o["dim"] == "date").get("value") is None


def test_bad_date_is_a_usage_error(run: Run) -> None:
    result = run("parse", "1조원", "--date", "어제")
    assert result.exit_code == 2 and "--date" in result.stderr
