"""Facts: a rule name -> one sentence on why the fact reads as it does (`extract --explain`)."""

from __future__ import annotations

_ACTOR = {
    "noun_phrase": "the name heads the noun phrase of the amount (메타의 설비투자 650억달러)",
    "noun_phrase_group": "several names head the noun phrase of the amount together",
    "subject": "the actor is the nearest subject or topic before it (…은/는/이/가)",
    "subject_group": "coordinated subjects (A와 B는) state it together: no single actor",
    "subject_after": "the subject follows it (a relative clause: …를 투자한 메타는)",
    "subject_after_group": "coordinated subjects follow it (a relative clause)",
    "previous_subject": "the sentence opens with a continuation word and goes on about the "
    "previous sentence's subject",
    "previous_subject_group": "the sentence continues the previous sentence's coordinated subjects",
    "ellipsis": "the sentence names no subject of its own, so the subject the text is about "
    "carries over",
    "ellipsis_group": "the sentence names no subject; the coordinated subject carries over",
    "total": "a stated total over several named actors: actor_group lists them",
    "none": "no actor is named in a way the structure supports: left empty",
    "founded": "the founded company itself",
    "table_row": "a table row: the name in its first cell",
    "table_row_group": "a table row: the names in its first cell together",
    "main_actor": "no subject in the sentence: the actor the article is mostly about",
}
_OTHER = {
    "ranking/parenthesis": "the name right before the rank in parentheses: 영국(4위)",
    "ranking/named_after": "the name right after the rank: 1위는 미국",
    "ranking/listed_before": "names listed before the rank hold the places above: A, B에 이어 3위",
    "partnership/partner": "the subject and a partner marked 와/과 near a partnership cue",
    "partnership/group": "coordinated names next to a partnership cue",
    "partnership/joint": "names coordinated as the subject build or plan something together",
    "partnership/investment": "the subject invests in the named company",
    "partnership/supply": "the subject supplies the named company (…에 공급)",
}
_LAUNCH = {
    "release": "a release cue after a named product",
    "operation": "an operation cue (가동, 양산, 준공 …) after what starts",
    "founding": "a founding cue after what is founded",
}


def why(rule: str) -> str:
    """The reason behind `rule` (e.g. "money/subject")."""
    if rule in _OTHER:
        return _OTHER[rule]
    kind, _, actor = rule.partition("/")
    if kind == "launch" and "/" in actor:
        cue, _, actor = actor.partition("/")
        actor, _, dated = actor.partition("/")
        when = "; undated and told as done: the month of publication" if dated else ""
        return f"launch: {_LAUNCH.get(cue, cue)}; " + _ACTOR.get(actor, actor) + when
    return f"{kind}: " + _ACTOR.get(actor, actor)
