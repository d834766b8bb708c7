"""Brief: a checked Briefing -> Markdown or HTML text (the same content, no computation)."""

from __future__ import annotations

import html

from .model import Briefing, Reference, Section
from .phrases import words


def _refs(b: Briefing) -> list[Reference]:
    text = markdown_body(b)
    return [r for r in b.references if f"[{r.number}]" in text]


def _section_md(s: Section) -> list[str]:
    out = [f"## {s.title}", ""]
    if s.sentences:
        out += [" ".join(x.text for x in s.sentences), ""]
    if s.rows:
        out += ["| " + " | ".join(s.header) + " |", "|" + "---|" * len(s.header)]
        out += ["| " + " | ".join(r.cells) + " |" for r in s.rows] + [""]
    for q, a in s.faq:
        out += [f"**Q. {q.text}**", "", f"A. {a.text}", ""]
    return out


def markdown_body(b: Briefing) -> str:
    lines = [f"# {b.title}", ""]
    for s in b.sections:
        lines += _section_md(s)
    return "\n".join(lines)


def markdown(b: Briefing) -> str:
    """The briefing as Markdown: sections, glossary, references."""
    w = words(b.lang)
    lines = [markdown_body(b)]
    if b.glossary:
        lines += [f"## {w['sections']['glossary']}", ""]
        lines += [f"- **{t}**: {d}" for t, d in b.glossary] + [""]
    lines += [f"## {w['sections']['references']}", ""]
    for r in _refs(b):
        more = w["others"].format(n=r.others) if r.others else ""
        day = r.published or w["undated"]
        lines.append(f"{r.number}. {r.label} — {r.title}, {day}, {r.where}{more}")
    return "\n".join(lines) + "\n"


def _p(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


def to_html(b: Briefing) -> str:
    """The briefing as one HTML page (escaped text, the same content as the Markdown)."""
    out = [
        f'<!doctype html><html lang="{b.lang}"><meta charset="utf-8">',
        f"<title>{html.escape(b.title)}</title>",
        f"<h1>{html.escape(b.title)}</h1>",
    ]
    for s in b.sections:
        out.append(f"<h2>{html.escape(s.title)}</h2>")
        if s.sentences:
            out.append(_p(" ".join(x.text for x in s.sentences)))
        if s.rows:
            head = "".join(f"<th>{html.escape(h)}</th>" for h in s.header)
            body = "".join(
                "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r.cells) + "</tr>"
                for r in s.rows
            )
            out.append(f"<table><tr>{head}</tr>{body}</table>")
        for q, a in s.faq:
            out.append(f"<p><b>Q. {html.escape(q.text)}</b><br>A. {html.escape(a.text)}</p>")
    w = words(b.lang)
    if b.glossary:
        items = "".join(
            f"<dt>{html.escape(t)}</dt><dd>{html.escape(d)}</dd>" for t, d in b.glossary
        )
        out.append(f"<h2>{html.escape(w['sections']['glossary'])}</h2><dl>{items}</dl>")
    refs = "".join(
        f'<li value="{r.number}">{html.escape(r.label)} — {html.escape(r.title)}, '
        f"{r.published or w['undated']}, {html.escape(r.where)}</li>"
        for r in _refs(b)
    )
    out.append(f"<h2>{html.escape(w['sections']['references'])}</h2><ol>{refs}</ol></html>")
    return "\n".join(out) + "\n"
