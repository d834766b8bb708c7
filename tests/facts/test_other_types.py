"""Compute, partnership, launch and ranking facts, in Korean and English."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.facts.helpers import facts_of


def _of(text: str, type_: str, published: dt.date | None = dt.date(2025, 3, 10)) -> list:  # type: ignore[type-arg]
    return [f for f in facts_of(text, published) if f.type == type_]


def _ranked(text: str) -> set[tuple[str, int, str]]:
    """(subject, rank, index) of each ranking with a subject."""
    return {(f.subject.name, f.rank, f.index) for f in _of(text, "ranking") if f.subject}


def test_compute_gpu_power_and_sites() -> None:
    text = "메타는 올해 GPU 130만 개 이상을 확보하고 2GW 규모 데이터센터 3곳을 짓는다."
    facts = _of(text, "compute")
    got = {(f.unit, f.quantity.value, f.quantity.approx) for f in facts}
    assert got == {("gpu", Decimal(1300000), True), ("GW", Decimal(2), False),
                   ("datacenter", Decimal(3), False)}  # fmt: skip
    assert {f.actor.name for f in facts} == {"Meta"}
    assert {f.year for f in facts} == {2025}


def test_the_count_a_sentence_gives_its_topic_counts_that_unit() -> None:
    text = "전력 공급을 신청한 데이터센터는 올해 6월 기준 500곳 가량이다."
    (f,) = _of(text, "compute")
    assert (f.unit, f.quantity.value) == ("datacenter", Decimal(500))
    assert _of("데이터센터는 서울에 있고 전국 지사는 30곳이다.", "compute") == []


def test_a_chip_makers_name_before_a_gpu_count_is_not_the_buyer() -> None:
    (f,) = _of("정부는 엔비디아 GPU 1만 장을 연내 확보한다.", "compute")
    assert f.actor is not None and f.actor.name == "South Korea"


def test_partnership_subject_with_each_partner() -> None:
    text = "메타 입장에서는 LG전자와는 XR 기기에서, 삼성전자와는 AI 반도체에서 동맹을 원한다."
    got = {tuple(e.name for e in f.parties): f.domain for f in _of(text, "partnership")}
    assert got == {("LG Electronics", "Meta"): "XR devices",
                   ("Meta", "Samsung Electronics"): "AI semiconductors"}  # fmt: skip


def test_partnership_comparison_and_roll_call_are_not_partnerships() -> None:
    assert _of("네이버는 구글과 같은 빅테크와 경쟁하며 협력도 모색한다.", "partnership") == []
    text = "MS, 구글, 메타, 오픈AI 등의 기업들은 TSMC, 삼성전자, 인텔 등 기업들과 협력한다."
    assert _of(text, "partnership") == []


def test_partnership_by_investment_and_by_continuation() -> None:
    text = "아마존은 클라우드를 키운다. 또한 AI 스타트업 앤트로픽에 투자했다."
    (f,) = _of(text, "partnership")
    assert [e.name for e in f.parties] == ["Amazon", "Anthropic"]
    text = "MS는 올해 800억달러를 쓴다. 이는 오픈AI와의 협력을 넓히기 위해서다."
    (g,) = _of(text, "partnership")
    assert [e.name for e in g.parties] == ["Microsoft", "OpenAI"]


def test_launch_needs_a_proper_name_and_a_date() -> None:
    (f,) = _of("오픈AI는 지난해 11월 챗GPT를 내놓았다.", "launch")
    assert (f.actor.name, f.product, f.date) == ("OpenAI", "ChatGPT", "2024-11")
    assert _of("메타는 3월 5일 실적 보고서를 공개했다.", "launch") == []
    assert _of("메타는 새 모델 라마4를 공개했다.", "launch", None) == []  # no date: not placed


def test_ranking_with_a_cited_index() -> None:
    text = "영국 토터스미디어의 글로벌 AI 지수에서 한국은 작년 6위에 올랐다."
    (f,) = _of(text, "ranking")
    assert (f.subject.name, f.rank, f.year) == ("South Korea", 6, 2024)


def test_english_subject_object_and_group() -> None:
    facts = _of("Microsoft plans to spend $80 billion this year, while the deal with OpenAI "
                "is worth $10 billion.", "money")  # fmt: skip
    assert [(f.actor.name if f.actor else None) for f in facts] == ["Microsoft", "Microsoft"]
    (g,) = _of("Amazon and Google each spent billions of dollars on data centres.", "money")
    assert g.actor is None and {e.name for e in g.actor_group} == {"Amazon", "Google"}
    (h,) = _of("SoftBank will invest $40 billion in OpenAI.", "money")
    assert h.actor is not None and h.actor.name == "SoftBank"


def test_a_count_after_a_gpu_name_counts_gpus() -> None:
    text = "네이버는 엔비디아 H100 2만장과 블랙웰 1만 개를 들인다. 서버 300대도 산다."
    facts = _of(text, "compute")
    assert [(f.unit, f.quantity.value) for f in facts] == [
        ("gpu", Decimal(20000)),
        ("gpu", Decimal(10000)),
    ]
    assert {f.actor.name for f in facts} == {"Naver"}


def test_a_coordinated_subject_that_builds_together_is_a_partnership() -> None:
    text = "LG유플러스와 엔비디아가 파주에 AI 데이터센터를 짓는다."
    (f,) = _of(text, "partnership")
    assert [e.name for e in f.parties] == ["LG Uplus", "Nvidia"]
    assert f.domain == "data centres" and f.rule == "partnership/joint"
    # …but not when they act apart or compete
    assert _of("삼성전자와 SK하이닉스가 각각 평택과 용인에 공장을 짓는다.", "partnership") == []
    assert _of("구글과 MS가 데이터센터 구축 경쟁을 벌인다.", "partnership") == []


def test_two_companies_refers_to_the_group_named_before() -> None:
    text = (
        "네이버와 삼성전자는 지난해 AI 반도체를 함께 만들기로 했다. "
        "두 회사는 전용 칩 설계를 논의하고 있다고 밝혔다."
    )
    joint = [f for f in _of(text, "partnership") if f.rule == "partnership/joint"]
    assert [[e.name for e in f.parties] for f in joint] == [["Naver", "Samsung Electronics"]]
    # the size must agree: "세 회사" after a pair refers to nobody we know
    text = "네이버와 삼성전자는 AI 반도체를 개발한다. 세 회사는 전용 칩 설계를 논의한다."
    assert [f.rule for f in _of(text, "partnership") if f.rule == "partnership/joint"] == []


def test_relative_days_and_months_resolve_against_the_article_date() -> None:
    text = (
        "카카오는 이날 AI 비서 '하늘비서'를 선보였다. 카카오는 자체 모델을 쓴다고 밝혔다. "
        "카카오는 비서를 메신저에 넣는다. 검색 서비스 '하늘검색'은 다음달 출시한다."
    )
    got = {f.product: f.date for f in _of(text, "launch", dt.date(2025, 5, 8))}
    assert got == {"하늘비서": "2025-05-08", "하늘검색": "2025-06"}


def test_a_plan_made_public_or_a_launch_event_is_no_launch() -> None:
    text = "KT는 24일 'KT 클라우드 센터' 구축 계획을 공개했다. 회사는 이날 출범 행사를 열었다."
    assert _of(text, "launch") == []


def test_ranks_within_categories_and_names_listed_before_a_rank() -> None:
    text = (
        "토터스미디어의 글로벌 AI 지수에서 한국은 6위를 지켰다. "
        "한국은 인프라 부문에서 4위, 개발 부문에서 3위에 올랐다. "
        "일본은 미국, 중국에 이어 3위를 기록했다."
    )
    got = _ranked(text)
    index = "Tortoise Global AI Index"
    assert got == {
        ("South Korea", 6, index),
        ("South Korea", 4, f"{index}: 인프라"),
        ("South Korea", 3, f"{index}: 개발"),
        ("United States", 1, index),
        ("China", 2, index),
        ("Japan", 3, index),
    }


def test_english_ranks_in_words_under_a_named_index() -> None:
    text = (
        "Brazil rose to third place in the Global Compute Index published on Monday. "
        "Canada kept first place and Mexico remained second. Chile slipped to fourth."
    )
    got = _ranked(text)
    assert got == {(name, rank, "Global Compute Index") for name, rank in
                   (("Brazil", 3), ("Canada", 1), ("Mexico", 2), ("Chile", 4))}  # fmt: skip


def test_an_index_named_by_its_name_stays_in_scope_and_a_category_follows_on() -> None:
    text = (
        "Peru rose to third in the Andean Compute Index. Its score improved. Analysts were "
        "surprised. Power prices fell. The index covers nine economies. Chile was sixth. "
        "Peru ranked first on chip imports, but only ninth on power availability."
    )
    got = _ranked(text)
    assert got == {
        ("Peru", 3, "Andean Compute Index"),
        ("Chile", 6, "Andean Compute Index"),
        ("Peru", 1, "Andean Compute Index: chip imports"),
        ("Peru", 9, "Andean Compute Index: power availability"),
    }


def test_a_place_or_time_before_a_topic_particle_is_no_new_topic() -> None:
    text = "'글로벌AI지수'에서 한국은 6위를 기록했다. 인프라 부문에서는 4위다. 인재 부문은 12위다."
    got = [(f.subject.name, f.rank, f.index) for f in _of(text, "ranking") if f.subject]
    assert [g[:2] for g in got] == [("South Korea", 6), ("South Korea", 4), ("South Korea", 12)]


def test_the_subject_of_a_relative_clause_does_not_act_past_the_clause() -> None:
    text = "메타는 오라클이 보유한 부지에 센터를 세우며, 2027년 11월 1단계 가동을 목표로 한다."
    (f,) = _of(text, "launch")
    assert f.actor is not None and (f.actor.name, f.date) == ("Meta", "2027-11")


def test_a_plan_told_in_the_past_is_no_launch() -> None:
    assert _of("메타는 2027년 상반기 1단계 준공이 목표였다.", "launch") == []
    (f,) = _of("메타는 2027년 상반기 1단계 준공이 목표다.", "launch")
    assert f.date == "2027"


def test_english_names_that_build_together_are_partners() -> None:
    text = "Meta, Oracle and SoftBank said on Monday they would build three campuses in Ohio."
    got = [[e.name for e in f.parties] for f in _of(text, "partnership")]
    assert got == [["Meta", "Oracle", "SoftBank"]]
    text = "Meta and Google each said they would build new campuses in Ohio."
    assert _of(text, "partnership") == []


def test_an_organisation_founded_is_its_own_launch() -> None:
    texts = ("2019년 창업한 리벨리온은 AI 칩을 만든다.", "리벨리온은 2019년 서울에서 창업했다.")
    for text in texts:
        (f,) = _of(text, "launch")
        assert f.actor is not None and (f.actor.name, f.product, f.date) == (
            "Rebellions",
            "Rebellions",
            "2019",
        )
    (f,) = _of("SK텔레콤은 2025년 AI 전환 법인을 설립했다.", "launch")
    assert f.actor is not None and (f.actor.name, f.product) == ("SK Telecom", "AI 전환 법인")


def test_a_quoted_object_is_released_however_long_its_description() -> None:
    text = "메타는 4월 18일 '라마 3'를 두 가지 크기, 세 가지 언어 버전의 오픈소스로 풀었다."
    (f,) = _of(text, "launch")
    assert (f.product, f.date) == ("Llama 3", "2025-04-18")


def test_unknown_organisations_are_partners_and_a_descriptor_is_not_their_name() -> None:
    text = "가온클라우드는 부산광역시, 발전사업자 청해에너지와 3자 협약을 맺었다."
    (f,) = _of(text, "partnership")
    assert sorted(e.name for e in f.parties) == ["Busan", "Cheonghae Energy", "Gaon Cloud"]


def test_a_band_of_ranks_is_no_rank() -> None:
    text = "'글로벌AI지수'에 따르면 한국은 6위다. 인재 분야는 10위권 밖이다."
    assert [f.rank for f in _of(text, "ranking")] == [6]


def test_names_that_make_a_named_project_public_together_are_partners() -> None:
    text = "오픈AI·소프트뱅크·오라클이 지난 1월 '스타게이트' 계획을 내놓았다."
    got = [[e.name for e in f.parties] for f in _of(text, "partnership")]
    assert got == [["OpenAI", "Oracle", "SoftBank"]]
    assert _of("MS와 구글이 지난 1월 실적을 발표했다.", "partnership") == []


def test_english_supplier_and_investor_before_the_customer() -> None:
    text = (
        "Nvidia said it would supply Humain with chips. "
        "Microsoft will invest $2 billion in Mistral."
    )
    got = {tuple(e.name for e in f.parties): f.domain for f in _of(text, "partnership")}
    assert got == {("Humain", "Nvidia"): "supply", ("Microsoft", "Mistral AI"): "investment"}


def test_korean_suppliers_of_a_company_or_of_what_it_owns_and_an_investee_with_its_amount() -> None:
    text = (
        "LG이노텍과 삼성전기가 애플의 차세대 서버 사업 '블루'에 기판을 공급한다. "
        "SK텔레콤은 퍼플렉시티에 1000만 달러를 투자했다. 리벨리온은 KT에 AI 칩을 납품한다."
    )
    got = {tuple(e.name for e in f.parties): f.domain for f in _of(text, "partnership")}
    assert got == {
        ("Apple", "LG Innotek"): "supply",
        ("Apple", "Samsung Electro-Mechanics"): "supply",
        ("Perplexity", "SK Telecom"): "investment",
        ("KT", "Rebellions"): "supply",
    }
    assert _of("삼성전자는 미국의 데이터센터에 HBM을 공급한다.", "partnership") == []


def test_the_names_a_role_of_partners_lists_are_one_partnership_however_many() -> None:
    text = "설계 협력사로는 엔비디아와 Arm, 인텔, 퀄컴, 브로드컴이 참여했다."
    got = [[e.name for e in f.parties] for f in _of(text, "partnership")]
    assert got == [["Arm", "Broadcom", "Intel", "Nvidia", "Qualcomm"]]
    text = "The project's equity partners are SoftBank, Oracle and MGX."
    got = [[e.name for e in f.parties] for f in _of(text, "partnership")]
    assert got == [["MGX", "Oracle", "SoftBank"]]
    assert _of("엔비디아와 Arm, 인텔, 퀄컴, 브로드컴이 모두 신제품을 냈다.", "partnership") == []


def test_a_product_keeps_its_version_and_the_year_end_dates_a_plan() -> None:
    text = "xAI는 연말까지 '그록 3'를 내놓겠다고 밝혔다. "
    text += "LG는 지난해 7월 선보인 엑사원 2.0을 고쳤다."
    got = [(f.actor.name, f.product, f.date) for f in _of(text, "launch") if f.actor]
    assert got == [("xAI", "Grok 3", "2025"), ("LG Electronics", "EXAONE 2.0", "2024-07")]
    (f,) = _of("xAI는 그록 3개 버전을 연내 내놓는다.", "launch")
    assert f.product == "Grok"  # a count is no version
    (f,) = _of("메타는 지난 연말 '라마 4'를 오픈소스로 풀었다.", "launch")
    assert (f.product, f.date) == ("Llama 4", "2024")


def test_a_korean_name_glued_to_a_latin_one_after_a_descriptor_is_one_organisation() -> None:
    text = "스타트업 한결AI는 최근 200억원을 유치했고, 다음 달 '한결-2'를 공개한다."
    (money,) = _of(text, "money")
    (launch,) = _of(text, "launch")
    assert money.actor is not None and money.actor.name == "Hangyeol AI"
    assert launch.actor == money.actor and (launch.product, launch.date) == ("한결-2", "2025-04")
    (f,) = _of("생성형AI는 시장이 300억 달러 규모다.", "money")
    assert f.actor is None


def test_respectively_gives_each_name_its_product_and_its_day() -> None:
    text = "아마존과 구글은 지난달 4일과 6일 각각 '노바'와 '젬마'를 공개했다."
    got = [(f.actor.name, f.product, f.date) for f in _of(text, "launch") if f.actor]
    assert got == [("Amazon", "노바", "2025-02-04"), ("Google", "젬마", "2025-02-06")]
    got = [(f.actor.name, f.date) for f in _of(text.replace("4일과 6일 ", ""), "launch") if f.actor]
    assert got == [("Amazon", "2025-02"), ("Google", "2025-02")]


def test_an_undated_launch_told_as_done_takes_the_month_of_publication() -> None:
    text = "카카오는 기업용 AI 비서 '하늘비서'를 내놨다. 카카오는 '하늘검색'도 곧 내놓을 계획이다."
    (f,) = _of(text, "launch", dt.date(2025, 5, 8))
    assert (f.product, f.date, f.rule) == (
        "하늘비서",
        "2025-05",
        "launch/release/subject/published",
    )
    assert _of(text, "launch", None) == []  # an undated article places nothing


def test_a_count_in_jang_counts_gpus_named_in_the_sentence_before() -> None:
    text = "정부는 GPU 1만 장을 확보한다. 다섯 팀이 나누면 팀당 2000장이 돌아간다."
    got = sorted((f.unit, f.quantity.value) for f in _of(text, "compute"))
    assert got == [("gpu", Decimal(2000)), ("gpu", Decimal(10000))]
    # wafers are counted in 장 too
    text = "SK하이닉스는 GPU용 HBM 생산을 늘린다. 월 웨이퍼 투입량은 15만 장에 이른다."
    assert [f.unit for f in _of(text, "compute")] == []


def test_a_launch_named_after_its_cue() -> None:
    text = "카카오는 올해 출시할 AI 메신저 '하늘톡'을 공개했다."
    assert [(f.product, f.date) for f in _of(text, "launch")] == [("하늘톡", "2025")]
    text = "Naver unveiled Aurora 2 on February 17, 2025, and began mass production of Vega chips."
    got = [(f.product, f.date) for f in _of(text, "launch")]
    assert got == [("Aurora 2", "2025-02-17"), ("Vega", "2025-02-17")]


def test_a_product_announced_as_developed_is_a_launch() -> None:
    text = "삼성전자는 27일 업계 최초로 'HBM4E 16단'을 개발했다고 밝혔다."
    got = [(f.actor.name, f.product, f.date) for f in _of(text, "launch") if f.actor]
    assert got == [("Samsung Electronics", "HBM4E 16단", "2025-02-27")]
