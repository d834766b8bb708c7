"""Money facts: the actor comes from the sentence's structure, never just the nearest name."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.facts.helpers import actors, facts_of, money


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("구글은 올해 데이터센터에 750억달러를 쓴다.", "Google"),
        ("메타가 최대 600억 달러를 투자한다고 밝혔다.", "Meta"),
        ("아마존웹서비스(AWS)는 일본에 2조3000억엔을 투입한다.", "Amazon"),
        ("마이크로소프트(MS)는 회계연도 2025년에 800억달러를 들인다.", "Microsoft"),
        ("엔비디아의 CEO 젠슨 황은 50억 달러를 투자하겠다고 말했다.", "Nvidia"),
        ("사티아 나델라 MS CEO는 올해 800억 달러를 쓰겠다고 했다.", "Microsoft"),
        ("구글 또한 자본지출에 750억 달러를 배정했다.", "Google"),
        ("오라클의 올해 설비투자 250억달러는 사상 최대다.", "Oracle"),
        ("지난해 대한민국 정부 예산 656조원과 비교하면 큰 규모다.", "South Korea"),
        ("국내 통신사 가운데 2조원을 투자하기로 한 SK텔레콤은 부지를 찾고 있다.", "SK Telecom"),
        ("• 오픈AI: 올해 400억 달러를 유치한 기업.", "OpenAI"),
    ],
)
def test_actor_from_structure(text: str, actor: str) -> None:
    assert actors(text) == [actor]


def test_object_and_adverbial_names_are_not_actors() -> None:
    # Samsung buys from Nvidia: the subject pays, the maker named in the object does not.
    assert actors("삼성전자는 엔비디아 GPU 구매에 3조원을 쓴다.") == ["Samsung Electronics"]
    assert actors("소프트뱅크는 오픈AI에 400억 달러를 투자한다.") == ["SoftBank"]


def test_no_actor_rather_than_a_wrong_one() -> None:
    assert actors("AI 데이터센터 시장은 2030년 4000억달러에 이를 전망이다.") == [None]


def test_coordinated_subjects_make_a_group_not_an_actor() -> None:
    (fact,) = list(facts_of("아마존과 구글은 작년 미국에 수십억달러 규모 DC를 지었다."))
    assert fact.actor is None
    assert {e.name for e in fact.actor_group} == {"Amazon", "Google"}
    assert fact.year == 2024


def test_total_over_named_actors_lists_the_group() -> None:
    text = (
        "아마존은 올해 1000억달러를 투자한다. 마이크로소프트, 구글, 메타를 더한 4개 기업의 "
        "투자 총액은 3200억달러에 이른다."
    )
    total = [f for f in facts_of(text) if f.quantity and f.quantity.value == Decimal("320e9")]
    assert len(total) == 1 and total[0].actor is None
    assert {e.name for e in total[0].actor_group} == {"Amazon", "Google", "Meta", "Microsoft"}


def test_subject_carries_through_ellipsis_but_not_past_a_new_topic() -> None:
    text = (
        "과기정통부는 국가 AI 컴퓨팅센터를 세운다. 2028년까지 3조원을 투입한다. "
        "이 돈은 민간 자금 1조원과 함께 쓰인다."
    )
    assert actors(text) == ["Ministry of Science and ICT", None]


def test_continuation_word_carries_the_previous_subject() -> None:
    text = "네이버는 새 데이터센터를 열었다. 이 회사는 내년에 1조원을 더 투입한다."
    assert actors(text) == ["Naver"]


def test_krw_restatement_is_not_a_second_fact() -> None:
    text = "빅테크 3곳 투자 140조원 시대. 세 회사의 투자 합계는 1000억달러(약 140조원)다."
    got = money(text)
    assert got == [(None, Decimal("100000000000"), "USD")]
    (fact,) = [f for f in facts_of(text) if f.type == "money"]
    assert fact.quantity is not None and fact.quantity.krw_stated == Decimal("140000000000000")


def test_withdrawn_plan_is_not_a_fact_but_a_rumour_is() -> None:
    assert money("X사는 50억달러 투자 계획을 철회했다.") == []
    assert len(money("테슬라는 20억 달러 투자를 검토 중인 것으로 전해졌다.")) == 1


def test_kind_year_and_period() -> None:
    (f,) = facts_of("알리바바는 2027년까지 클라우드에 3800억위안을 투자한다.")
    assert (f.kind, f.year, f.period) == ("investment", None, "until 2027")
    (g,) = facts_of("앤트로픽은 기업가치 1830억달러를 인정받았다.")
    assert g.kind == "valuation"
    (h,) = facts_of("정부는 내년 AI 예산으로 10조원을 편성했다.")
    assert (h.kind, h.year, h.actor and h.actor.name) == ("budget", 2026, "South Korea")


def test_fx_uses_the_stated_rate_and_records_it() -> None:
    (f,) = facts_of("메타는 올해 650억달러(약 94조2500억원)를 투자한다.")
    assert f.converted is not None
    assert f.converted.fx.source == "stated"
    assert f.converted.krw == Decimal("94250000000000")


def test_evidence_is_an_exact_span_of_the_cleaned_text() -> None:
    text = "구글은 올해 750억 달러(약 109조원)를 투자한다."
    (f,) = facts_of(text)
    assert text[f.evidence.start : f.evidence.end] == f.evidence.span
    assert f.evidence.span.startswith("750억 달러")
    assert f.evidence.sentence == text


def test_people_act_for_their_organisation() -> None:
    assert actors("젠슨 황은 대만에 5억 달러를 더 쓰겠다고 말했다.") == ["Nvidia"]


def test_unknown_organisation_is_kept_unresolved_and_unknown_person_is_not_an_actor() -> None:
    (f,) = facts_of("한빛로보틱스는 올해 300억원을 유치했다.")
    assert f.actor is not None and f.actor.kind == "unresolved" and f.actor.ko == "한빛로보틱스"
    assert f.actor.name == "Hanbit Robotics"
    assert actors("김철수는 올해 300억원을 투자했다.") == [None]


def test_respectively_gives_each_name_its_amount() -> None:
    text = "아마존과 구글은 올해 각각 1000억달러, 750억달러를 설비투자에 쓴다."
    assert actors(text) == ["Amazon", "Google"]
    text = "Amazon and Google will spend $100 billion and $75 billion respectively."
    assert actors(text) == ["Amazon", "Google"]


def test_respectively_ends_where_its_object_ends() -> None:
    text = "삼성전자와 SK하이닉스가 각각 3000억원과 2000억원을, 네이버가 1000억원을 넣는다."
    assert actors(text) == ["Samsung Electronics", "SK hynix", "Naver"]


def test_a_place_is_not_a_payer_and_government_means_the_story_s_country() -> None:
    assert actors("단순 계산으로 미국 내 시설에만 400억달러가 넘게 든다.") == [None]
    text = (
        "영국은 AI 성장 구역을 지정했다. 영국 기업들도 호응했다. "
        "정부는 데이터센터에 140억 파운드를 유치했다고 밝혔다."
    )
    assert actors(text) == ["United Kingdom"]


def test_figures_of_the_article_s_main_actor() -> None:
    text = (
        "SK하이닉스는 3분기 매출 12조원을 올렸다. SK하이닉스는 HBM 증설을 서두른다. "
        "SK하이닉스는 내년 설비투자를 늘린다. 영업이익 2조원대는 처음이다. "
        "소비자들은 공급 부족을 걱정한다. 시장 전망치(약 1조8000억원)도 넘어섰다."
    )
    facts = [f for f in facts_of(text) if f.type == "money"]
    assert [f.actor.name if f.actor else None for f in facts] == ["SK hynix"] * 3
    assert facts[-1].rule == "money/main_actor" and facts[-1].confidence < 0.5


def test_a_table_row_s_first_cell_names_who_its_figures_belong_to() -> None:
    text = (
        "빅테크의 설비투자 계획이 다시 올랐다.\n"
        "| 회사 | 연초 | 8월 |\n|---|---|---|\n"
        "| 메타 | 600억 달러 | 720억 달러 |\n| 구글 | 750억 달러 | 850억 달러 |\n"
    )
    assert actors(text) == ["Meta", "Meta", "Google", "Google"]


def test_an_unknown_english_organisation_is_named_by_its_capitalised_words() -> None:
    text = "Helios Compute said it will spend $3.2 billion on a campus. The Red River Electric "
    text += "Cooperative will sell it power for $400 million."
    assert actors(text) == ["Helios Compute", "Red River Electric Cooperative"]


def test_an_unknown_company_named_once_is_known_in_every_sentence_of_the_article() -> None:
    text = (
        "누리온클라우드와 부산시는 해운대에 데이터센터를 짓는 협약을 맺었다. "
        "회사는 장비를 들인다. 누리온클라우드가 밝힌 총사업비는 3200억원이다."
    )
    assert actors(text) == ["Nurion Cloud"]


def test_an_adverb_ending_in_a_topic_particle_is_no_new_topic() -> None:
    text = (
        "구글이 올해 AI 인프라에 750억 달러를 쓴다. "
        "지난해 420억 달러와 비교하면 많게는 80% 가까이 늘어난다."
    )
    assert actors(text) == ["Google", "Google"]


def test_who_tells_an_estimate_is_no_new_subject() -> None:
    text = "라피더스는 홋카이도에 공장을 짓는다. 업계는 완공까지 총 3조 엔이 들 것으로 본다."
    assert actors(text) == ["Rapidus"]
    text = "라피더스는 홋카이도에 공장을 짓는다. 소프트뱅크는 총 3조 엔을 쓴다."
    assert actors(text) == ["SoftBank"]


def test_an_unknown_english_organisation_is_known_by_its_first_word_and_a_rival_joins() -> None:
    text = (
        "Vesper Compute opened a campus in Ohio. Vesper signed a $1.5 billion loan. "
        "Vesper and rival Orbit Cloud reported revenue of $300 million and $200 million "
        "respectively. The two plan to spend $4 billion this year."
    )
    facts = [f for f in facts_of(text) if f.type == "money"]
    got = [(f.actor.name if f.actor else None, {e.name for e in f.actor_group}) for f in facts]
    assert got == [
        ("Vesper Compute", set()),
        ("Vesper Compute", set()),
        ("Orbit Cloud", set()),
        (None, {"Orbit Cloud", "Vesper Compute"}),
    ]


def test_english_government_is_the_story_s_country_and_a_later_clause_does_not_block() -> None:
    text = (
        "Japan will provide more than ¥10 trillion for chips in Japan. Rapidus is building a fab. "
        "The company needs about ¥5 trillion in total; the government has committed ¥900 billion."
    )
    assert actors(text) == ["Japan", "Rapidus", "Japan"]


def test_a_project_as_the_topic_is_the_carried_subject_s() -> None:
    text = (
        "과학기술정보통신부는 AI 반도체 실증 사업을 시작한다. "
        "K-칩 프로젝트는 2030년까지 총 5000억원을 투입한다."
    )
    assert actors(text) == ["Ministry of Science and ICT"]


def test_an_unknown_word_with_an_organisation_ending_is_an_organisation() -> None:
    assert actors("한빛건설이 3000억원을 투자한다.") == ["Hanbit Construction"]
    assert actors("주택건설이 3000억원 규모로 늘었다.") == [None]
    assert actors("신규 데이터센터가 3000억원 규모로 늘었다.") == [None]


def test_the_companies_refers_back_to_the_group_named_last_whatever_its_size() -> None:
    text = (
        "Meta, Oracle and SoftBank said they would build three campuses. Oracle will run one. "
        "The companies said they would spend $90 billion."
    )
    facts = [f for f in facts_of(text) if f.type == "money"]
    groups = [sorted(e.name for e in f.actor_group) for f in facts]
    assert groups == [["Meta", "Oracle", "SoftBank"]]
