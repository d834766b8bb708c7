"""The dashboard in real headless Chromium: every page opens, filters, click-through from the
league table to the highlighted evidence, the currency switch, the CSV download, the reader's
removed-blocks toggle, pages without JavaScript, and a hostile article that runs no script.
Screenshots go to tests/artifacts/."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web import hostile
from tests.web.conftest import Server, Watch, get_json, shot

CHART_READY = "[data-chart][data-ready=true]"


def _clean(watch: Watch) -> None:
    assert not watch.errors, watch.errors
    assert not watch.dialogs, watch.dialogs
    assert not watch.console, watch.console


def test_league_table_to_actor_to_fact_to_evidence(
    page: Page, server: Server, watch: Watch
) -> None:
    page.goto("/")
    page.wait_for_selector(CHART_READY)
    expect(page.locator("table.league tbody tr")).to_have_count(20)
    shot(page, "overview")
    first = page.locator("table.league a.actor").first
    name = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/actors/"))
    expect(page.locator("h1")).to_contain_text(name)
    page.wait_for_selector(CHART_READY)
    shot(page, "actor")
    fact_link = page.locator("table.facts a.span").first
    fact_link.click()
    page.wait_for_url(re.compile(r"/facts/[0-9a-f]+-\d+#evidence$"))
    key = page.url.rsplit("/", 1)[1].split("#")[0]
    fact = get_json(server, f"/facts/{key}.json")
    mark = page.locator("mark#evidence")
    expect(mark).to_have_text(fact["item"]["span"])
    expect(mark).to_be_in_viewport()
    expect(page.locator("blockquote.sentence")).to_have_text(fact["sentence"])
    if fact["fx"] is not None:
        expect(page.locator("section.fx")).to_contain_text(fact["fx"]["date"])
    shot(page, "fact")
    _clean(watch)


def test_currency_switch(page: Page, server: Server, watch: Watch) -> None:
    page.goto("/")
    page.wait_for_selector(CHART_READY)
    expect(page.locator("table.league thead")).to_contain_text("(USD)")
    page.locator("a.cur[data-currency=KRW]").click()
    page.wait_for_url(re.compile(r"cur=KRW"))
    page.wait_for_selector(CHART_READY)
    expect(page.locator("table.league thead")).to_contain_text("(KRW)")
    expect(page.locator("a.cur.on")).to_have_text("KRW")
    amounts = page.locator("table.league td.amount").all_inner_texts()
    assert amounts and all(a.endswith(" KRW") for a in amounts)
    expect(page.locator(".chart .gtitle")).to_contain_text("KRW")  # the chart redrew in won
    league = get_json(server, "/index.json", cur="KRW")["league"]
    names = page.locator("table.league a.actor").all_inner_texts()
    assert names == [r["actor"]["name"] for r in league]
    shot(page, "overview-krw")
    _clean(watch)


def test_conflict_count_to_conflicts_to_an_entry(page: Page, server: Server, watch: Watch) -> None:
    page.goto("/")
    count = get_json(server, "/index.json")["open_conflicts"]
    link = page.locator("a.conflicts")
    expect(link).to_contain_text(f"{count} open conflicts")
    link.click()
    page.wait_for_url(re.compile(r"/conflicts$"))
    blocks = page.locator("div.conflict")
    expect(blocks).to_have_count(count)
    first = get_json(server, "/conflicts.json")["conflicts"][0]
    block = page.locator(f"#conflict-{first['id']}")
    expect(block).to_contain_text(first["detail"])
    expect(block.locator("mark")).to_have_text([first["a"]["span"], first["b"]["span"]])
    shot(page, "conflicts")
    block.locator("a.entry").first.click()
    page.wait_for_url(re.compile(r"/entries/[0-9a-f]+$"))
    entry_id = page.url.rsplit("/", 1)[1]
    assert entry_id in (first["entry_a"], first["entry_b"])
    expect(page.locator("#conflict-" + first["id"])).to_be_visible()
    shot(page, "entry")
    page.locator("table.claims a.claim").first.click()
    page.wait_for_url(re.compile(r"/facts/[0-9a-f]+-\d+#evidence$"))
    expect(page.locator("mark#evidence")).to_be_in_viewport()
    _clean(watch)


def test_facts_switch_to_ledger_entries(page: Page, server: Server, watch: Watch) -> None:
    page.goto("/facts?type=money&actor=nvidia")
    page.locator("#as-entries").click()
    page.wait_for_url(re.compile(r"/entries\?"))
    expected = get_json(server, "/entries.json", type="money", actor="nvidia")
    rows = page.locator("table.entries tbody tr")
    expect(rows).to_have_count(min(expected["total"], 50))
    assert set(page.locator("table.entries tbody td:nth-child(2)").all_inner_texts()) == {"money"}
    page.check("input[name=conflicted]")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"conflicted=true"))
    conflicted = get_json(server, "/entries.json", type="money", actor="nvidia", conflicted="true")
    expect(page.locator("table.entries tbody tr")).to_have_count(max(1, conflicted["total"]))
    page.goto("/entries?conflicted=true&sort=sources")
    shot(page, "entries")
    page.locator("table.entries a.entry").first.click()
    page.wait_for_url(re.compile(r"/entries/[0-9a-f]+$"))
    expect(page.locator("h2#conflicts")).to_be_visible()
    _clean(watch)


def test_facts_filter_and_csv_download(page: Page, server: Server, watch: Watch) -> None:
    page.goto("/facts")
    page.select_option("select[name=type]", "money")
    page.fill("input[name=actor]", "엔비디아")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"type=money"))
    tags = page.locator("table.facts tbody td:first-child").all_inner_texts()
    who = page.locator("table.facts tbody td:nth-child(2)").all_inner_texts()
    assert tags and set(tags) == {"money"} and set(who) == {"Nvidia"}
    shot(page, "facts")
    with page.expect_download() as download_info:
        page.click("a.download:text('CSV')")
    download = download_info.value
    assert download.suggested_filename == "facts.csv"
    with Path(download.path()).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    total = get_json(server, "/facts.json", type="money", actor="엔비디아")["total"]
    assert len(rows) == total and {(r["type"], r["actor"]) for r in rows} == {("money", "Nvidia")}
    _clean(watch)


def test_alliance_graph_opens_an_actor(page: Page, watch: Watch) -> None:
    page.goto("/alliances")
    page.wait_for_selector(CHART_READY)
    points = page.locator(".scatterlayer .trace").nth(1).locator("path.point")
    assert points.count() > 5
    shot(page, "alliances")
    box = points.first.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile(r"/actors/"))
    expect(page.locator("h1")).not_to_be_empty()
    _clean(watch)


def test_documents_and_the_removed_blocks_toggle(page: Page, server: Server, watch: Watch) -> None:
    page.goto("/documents?q=K-클라우드")
    shot(page, "documents")
    page.locator("table.documents a").first.click()
    page.wait_for_url(re.compile(r"/documents/[0-9a-f]+$"))
    expect(page.locator("del.removed")).to_have_count(0)
    expect(page.locator("a.fact-span").first).to_be_visible()
    shot(page, "document")
    page.click("#removed-toggle")
    page.wait_for_url(re.compile(r"removed=true"))
    doc_id = page.url.rsplit("/", 1)[1].split("?")[0]
    blocks = get_json(server, f"/documents/{doc_id}.json", removed="true")["blocks"]
    assert blocks
    expect(page.locator("del.removed")).to_have_count(len(blocks))
    expect(page.locator("del.removed").first).to_have_attribute("data-rule", blocks[0]["rule"])
    shot(page, "document-removed")
    _clean(watch)


def test_briefing_citations_lead_to_the_evidence(page: Page, server: Server, watch: Watch) -> None:
    page.goto("/briefing")
    expect(page.locator("h1")).to_have_text("AI 인프라 브리핑")
    cite = page.locator("a.cite").first
    number = cite.inner_text().strip("[]")
    shot(page, "briefing")
    cite.click()
    page.wait_for_url(re.compile(rf"#ref-{number}$"))
    reference = page.locator(f"li#ref-{number}")
    expect(reference).to_be_in_viewport()
    reference.locator("a.source").click()
    page.wait_for_url(re.compile(r"/facts/[0-9a-f]+-\d+#evidence$"))
    expect(page.locator("mark#evidence")).to_be_visible()
    sources = get_json(server, "/briefing.json")["sources"]
    assert page.url.endswith(f"/facts/{sources[number]}#evidence")
    page.locator("a.entry").click()  # the ledger entry: every source of the same fact
    page.wait_for_url(re.compile(r"/entries/[0-9a-f]+$"))
    entry = get_json(server, page.url.replace(server.url, "") + ".json")["entry"]
    expect(page.locator("table.claims tbody tr")).to_have_count(len(entry["claims"]))
    shot(page, "entry-cited")
    _clean(watch)


def test_pages_read_without_javascript(browser: Browser, server: Server) -> None:
    context = browser.new_context(base_url=server.url, java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto("/")
        expect(tab.locator("table.league tbody tr")).to_have_count(20)
        tab.goto("/facts")
        tab.select_option("select[name=type]", "compute")
        tab.click("form.filters button[type=submit]")
        assert set(tab.locator("table.facts tbody td:first-child").all_inner_texts()) == {"compute"}
        tab.locator("table.facts a.span").first.click()
        expect(tab.locator("mark#evidence")).to_be_visible()
        tab.goto("/alliances")
        assert tab.locator("table.edges tbody tr").count() > 5
    finally:
        context.close()


HOSTILE_PAGES = [
    "/documents/{doc}",
    "/documents/{doc}?removed=true",
    "/facts/{fact}",
    "/facts?q=pwned",
    "/documents?q=" + hostile.MARKER,
    "/actors/nvidia",
    "/briefing",
    "/entries?actor=nvidia",
    "/conflicts",
    "/",
]


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_hostile_article_runs_no_script(
    page: Page, server: Server, watch: Watch, path: str
) -> None:
    docs = get_json(server, "/documents.json", q=hostile.MARKER)["items"]
    facts = get_json(server, "/facts.json", doc=docs[0]["id"])["items"]
    page.goto(path.format(doc=docs[0]["id"], fact=facts[0]["key"]))
    page.wait_for_load_state("load")
    if page.locator("[data-chart]").count():
        page.wait_for_selector(CHART_READY)
    assert page.evaluate("window.__pwned") is None
    # no element the article brought: Plotly's own SVG is in the chart or its text-size tester
    injected = ":is(img, svg, iframe, object, embed):not(.chart *):not(#js-plotly-tester)"
    assert page.locator(injected).count() == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0
    if path.startswith("/documents/"):  # the markup shows as the text it is
        expect(page.locator("h1")).to_have_text(hostile.TITLE)
        expect(page.locator("p.meta")).to_contain_text(hostile.URL)
        shot(page, "hostile-" + ("removed" if "removed" in path else "document"))
    _clean(watch)
