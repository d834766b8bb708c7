"""`ailedger ingest`: sources of every kind, bad input, idempotence, summaries and exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.cli.conftest import Run, ingest_json, run_process
from tests.fixtures.http import HTTPServerFixture

HTML = """<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>
<meta property="article:published_time" content="2025-02-05T09:00:00+09:00"></head>
<body><nav><a href="/">홈</a> <a href="/it">IT</a></nav><article><h1>{title}</h1>
{body}</article><footer>Copyright ⓒ 가상일보 무단전재 및 재배포 금지</footer></body></html>"""
PARAS = "".join(
    f"<p>{n}번째 문단: 구글은 올해 데이터센터와 AI 반도체에 750억달러를 쓰겠다고 밝혔다. "
    "회사는 클라우드 수요가 공급을 웃돈다며 투자 속도를 늦추지 않겠다고 설명했다.</p>"
    for n in range(8)
)


def write_bad_inputs(root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "good.txt").write_text(
        "구글 투자 기사\n입력 2025.02.05 09:00\n구글은 750억달러를 쓴다.\n"
    )
    (root / "empty.txt").write_bytes(b"")
    (root / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (root / "invalid.txt").write_bytes(b"\xff\xfe\xfa" * 50 + bytes(range(128, 256)) * 10)
    (root / "euckr.html").write_bytes(
        HTML.format(title="메타 투자 확대", body=PARAS.replace("구글", "메타"))
        .replace('charset="utf-8"', 'charset="euc-kr"')
        .encode("cp949")
    )
    (root / "truncated.html").write_text(HTML.format(title="잘린 페이지", body=PARAS)[:-400])
    (root / "noarticle.html").write_text("<html><head><title>x</title></head><body></body></html>")
    (root / "broken.jsonl").write_text(
        '{"text": "첫 기사 본문이다. 엔비디아 투자."}\n{broken\n[1,2]\n'
    )


def test_bad_inputs_each_get_one_line_and_the_batch_goes_on(run: Run, tmp_path: Path) -> None:
    write_bad_inputs(tmp_path / "in")
    report = ingest_json(run, str(tmp_path / "in"))
    failed = {Path(i["source"].split(":")[0]).name for i in report["issues"]}
    assert {"empty.txt", "image.html", "invalid.txt", "noarticle.html"} <= failed
    assert "broken.jsonl" in failed  # two bad records, one good
    for issue in report["issues"]:
        assert "\n" not in issue["message"] and issue["message"].startswith(issue["source"])
    assert report["stored"] == 4  # good.txt, euckr.html, truncated.html, one JSONL record
    docs = json.loads("[" + ",".join(run("docs", "--json").stdout.split("\n")[:-1]) + "]")
    assert any(d["title"] == "메타 투자 확대" and d["encoding"] == "cp949" for d in docs)
    assert not any("\ufffd" in (d["title"] or "") for d in docs)


def test_rerun_adds_nothing_and_same_text_elsewhere_is_one_document(
    run: Run, tmp_path: Path
) -> None:
    src = tmp_path / "a"
    write_bad_inputs(src)
    first = ingest_json(run, str(src))
    second = ingest_json(run, str(src))
    assert second["stored"] == 0 and second["skipped"] == first["stored"]
    copy = tmp_path / "b"
    copy.mkdir()
    shutil.copy(src / "good.txt", copy / "again.txt")
    third = ingest_json(run, str(copy))
    assert third["stored"] == 0 and third["duplicates"] == 1
    stats = json.loads(run("stats", "--json").stdout)
    assert stats["documents"] == first["stored"]
    assert stats["duplicate_sources"] == 1


def test_urls_feeds_and_http_failures(run: Run, http_server: HTTPServerFixture) -> None:
    report = ingest_json(
        run,
        http_server.url("/ok.html"),
        http_server.url("/404"),
        http_server.url("/loop"),
        http_server.url("/euckr.html"),
        http_server.url("/feed.xml"),
    )
    kinds = sorted(i["kind"] for i in report["issues"])
    assert "HTTPStatusError" in kinds and "RedirectLoopError" in kinds
    assert report["stored"] >= 2
    again = ingest_json(run, http_server.url("/ok.html"))
    assert again["stored"] == 0


def test_stdin_text_and_jsonl(run: Run) -> None:
    text = "표준입력 기사\n2025년 3월 4일\nSK하이닉스가 HBM 생산에 20조원을 투자한다.\n"
    report = json.loads(run("ingest", "--json", "-", input=text.encode()).stdout)
    assert report["stored"] == 1
    lines = "\n".join(
        json.dumps(
            {
                "url": f"https://wire.example.com/{n}",
                "title": f"t{n}",
                "published": "2025-03-04",
                "text": f"{n}번 기사: 오라클이 {n}0억달러를 투자한다.",
            }
        )
        for n in range(3)
    )
    report = json.loads(run("ingest", "--json", "-", input=lines.encode()).stdout)
    assert report["stored"] == 3


def test_exit_codes_and_one_line_errors(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    usage = run_process("--db", db, "ingest", "--no-such-option", "x")
    assert usage.returncode == 2
    missing = run_process("--db", db, "ingest", str(tmp_path / "nope.txt"))
    assert missing.returncode == 1
    assert "nope.txt" in missing.stderr and "Traceback" not in missing.stderr
    bad_db = run_process("--db", "postgresql+psycopg://nobody@127.0.0.1:9/none", "stats")
    assert bad_db.returncode == 1
    assert bad_db.stderr.strip().count("\n") == 0 and "Traceback" not in bad_db.stderr
    (tmp_path / "ok.txt").write_text("제목\n본문에 숫자 1조원이 있다.\n")
    ok = run_process("--db", db, "ingest", str(tmp_path / "ok.txt"))
    assert ok.returncode == 0 and "stored" in ok.stdout


def test_a_100_mb_file_is_refused_without_reading_it_into_memory(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        chunk = ("AI 데이터센터 투자 기사 문장. " * 1000 + "\n").encode()
        while handle.tell() < 100 * 2**20:
            handle.write(chunk)
    (tmp_path / "small.txt").write_text("제목\n메타가 650억달러를 쓴다.\n")
    # --no-facts: the Kiwi model (~500 MB, once per process) is not what this test measures
    result = subprocess.run(
        [sys.executable, "-c", PEAK_RSS, "--db", str(tmp_path / "b.db"), "ingest", "--json",
         "--no-facts", str(tmp_path)],
        capture_output=True, text=True, timeout=300, check=False, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["stored"] == 1
    assert [i["kind"] for i in report["issues"]] == ["TooLargeError"]
    peak_mb = int(result.stderr.split("VmHWM")[-1].split()[0]) / 1024
    assert peak_mb < 300, f"ingest peaked at {peak_mb:.0f} MB for a 100 MB input"


# Runs the CLI and reports the child's own peak RSS (VmHWM resets at exec, unlike ru_maxrss).
PEAK_RSS = """
import runpy, sys
sys.argv = ["ailedger", *sys.argv[1:]]
try:
    runpy.run_module("ailedger", run_name="__main__")
finally:
    status = open("/proc/self/status").read()
    print("VmHWM", status.split("VmHWM:")[1].split()[0], file=sys.stderr)
"""
