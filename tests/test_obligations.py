"""Tests for regtext.obligations: modalities, actors, chapeaux, conditions, penalties.

Cases are clauses of the shipped corpus texts; the expected values were read off the law
text by hand (and a few rows are copied from the gold file for the final Measures).
"""

from __future__ import annotations

import warnings

import pytest

import regtext
from regtext.extract.norms import (
    MODAL_WORDS,
    Norm,
    definitions,
    document_norms,
    find_norms,
    normalize_actor,
)


@pytest.fixture(scope="module")
def docs():
    cache: dict[str, regtext.Document] = {}

    def get(doc_id: str) -> regtext.Document:
        if doc_id not in cache:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                cache[doc_id] = regtext.load(doc_id)
        return cache[doc_id]

    return get


@pytest.fixture(scope="module")
def frames(docs):
    cache = {}

    def get(doc_id: str):
        if doc_id not in cache:
            cache[doc_id] = regtext.obligations(docs(doc_id))
        return cache[doc_id]

    return get


def _own(node: regtext.Node) -> str:
    return node.lead if node.children and node.lead else node.text


def _pairs(df, ref: str) -> set[tuple[str, str | None]]:
    rows = df[df.ref == ref]
    return {(r.modality, r.actor if isinstance(r.actor, str) else None)
            for r in rows.itertuples()}


# -- each modality and trigger word, on corpus clauses ---------------------------------------

MODALITY_CASES = [
    # doc, ref, modality, trigger
    ("genai-2023-final", "9.2", "obligation", "应当"),
    ("csl", "9.1", "obligation", "必须"),
    ("genai-2023-draft", "15.1", "obligation", "应"),
    ("criminal-law", "72.3", "obligation", "须"),
    ("genai-2023-final", "11.1", "prohibition", "不得"),
    ("minors-online", "49.1", "prohibition", "严禁"),
    ("genai-2023-draft", "4.1.5", "prohibition", "禁止"),
    ("genai-2023-final", "18.1", "permission", "有权"),
    ("pipl", "27.1", "permission", "可以"),
    ("pipl", "13.1", "permission", "方可"),
    ("genai-2023-final", "5.1", "encouragement", "鼓励"),
    ("genai-2023-final", "5.2", "encouragement", "支持"),
    ("genai-2023-final", "6.2", "encouragement", "推动"),
    ("csl", "6.1", "encouragement", "倡导"),
    ("stpl", "20.3", "encouragement", "引导"),
    ("stpl", "92.1", "encouragement", "鼓励和引导"),
    ("genai-2023-final", "21.1", "penalty", "予以处罚"),
    ("genai-2023-final", "21.2", "penalty", "追究刑事责任"),
    ("csl", "59.1", "penalty", "责令"),
    ("csl", "67.1", "penalty", "拘留"),
    # civil liability without a modal is a liability clause; under 应当 it is what the duty owes
    ("csl", "74.1", "penalty", "承担民事责任"),
    ("pipl", "69.1", "obligation", "应当"),
]


@pytest.mark.parametrize("doc_id,ref,modality,trigger", MODALITY_CASES)
def test_modality_and_trigger(docs, doc_id, ref, modality, trigger):
    norms = find_norms(_own(docs(doc_id).get(ref)))
    assert (modality, trigger) in {(n.modality, n.trigger) for n in norms}


def test_every_modal_word_is_recognised():
    for modality, words in MODAL_WORDS.items():
        # policy words are the state's: a private actor's 引导 is a deed, not a norm
        subject = "国家" if modality == "encouragement" else "经营者"
        for word in words:
            norms = find_norms(f"{subject}{word}公开规则。")
            assert [n.modality for n in norms] == [modality], word


NOT_NORMS = [
    ("其工作人员引导消费者通过其他方式进行支付", "encouragement"),  # a private deed
    ("为了推动生成式人工智能健康发展，根据网络安全法，制定本办法。", "encouragement"),
    ("除有减轻处罚情节外，应当在法定幅度内提出", "penalty"),
    ("对于判处死刑缓期二年执行的案件", "penalty"),
    ("应税船舶负责人缴纳吨税", "obligation"),
    ("法律法规规定的其他禁止行为", "prohibition"),
    # modal-looking words that open no norm
    ("法律、行政法规禁止的内容", "prohibition"),            # relative clause
    ("制定相应的分类分级监管规则", "obligation"),            # 相应
    ("鼓励生成式人工智能技术在各行业的创新应用", "obligation"),  # 应用
    ("应当及时移送有权处理的部门", "permission"),            # 有权处理的部门
    ("并提供必要的技术、数据等支持和协助", "encouragement"),   # 支持 as a noun
    ("国家加强引导和政策扶持", "encouragement"),              # 引导 as a noun
    ("采取歧视性的禁止、限制或者其他类似措施的", "prohibition"),
    ("地方立法应当从实际出发，体现地方特色，不得与上位法相抵触，内容具体可操作。",  # 可操作:
     "permission"),                                                              # operable
]


@pytest.mark.parametrize("text,modality", NOT_NORMS)
def test_words_that_are_not_norms(text, modality):
    assert modality not in {n.modality for n in find_norms(text)}


@pytest.mark.parametrize("doc_id,ref", [
    ("genai-2023-final", "1.1"),    # purpose clause: 根据…制定本办法
    ("genai-2023-final", "2.1"),    # scope: 适用本办法
    ("genai-2023-final", "22.1"),   # definitions chapeau
    ("genai-2023-final", "22.1.2"),
    ("genai-2023-final", "24.1"),   # 自…起施行
])
def test_clauses_without_norms(frames, doc_id, ref):
    assert _pairs(frames(doc_id), ref) == set()


def test_condition_with_modal_word_opens_no_norm():
    # the first 应当 sits inside the condition (…的，): one obligation, the 提供者's
    text = regtext.load("genai-2023-final").get("23.1").text
    norms = find_norms(text)
    assert [(n.actor, n.modality) for n in norms] == [("提供者", "obligation")]
    assert norms[0].condition.endswith("应当取得相关行政许可的")


# -- actors --------------------------------------------------------------------------------

ACTOR_CASES = [
    # doc, ref, modality, actor, why
    ("genai-2023-final", "7.1", "obligation", "提供者", "defined with （以下称提供者）"),
    ("genai-2023-final", "9.2", "obligation", "提供者", "short name"),
    ("genai-2023-final", "4.1", "obligation", "提供者", "提供和使用…服务，应当"),
    ("genai-2023-final", "4.1", "obligation", "使用者", "提供和使用…服务，应当"),
    ("genai-2023-final", "17.1", "obligation", "提供者", "conditional subject 提供…服务的"),
    ("genai-2023-final", "23.2", "obligation", "外商投资者", "外商投资…服务，应当"),
    ("genai-2023-final", "14.1", "obligation", "提供者", "提供者发现违法内容的，应当"),
    ("genai-2023-final", "11.1", "prohibition", "提供者", "subject before 对…"),
    ("genai-2023-final", "18.1", "permission", "使用者", "使用者发现…的，有权"),
    ("genai-2023-final", "19.1", "obligation", "提供者", "second clause has its own subject"),
    ("genai-2023-final", "19.2", "prohibition", "相关机构和人员", "head of a relative clause"),
    ("genai-2023-final", "20.1", "obligation", "主管部门", "国家网信部门"),
    ("genai-2023-final", "3.1", "encouragement", "国家", "国家坚持…，采取有效措施鼓励"),
    ("genai-2023-final", "6.1", "encouragement", "国家", "subject-less 鼓励"),
    ("genai-2023-final", "21.1", "penalty", "主管部门", "由有关主管部门…予以处罚"),
    ("csl", "48.2", "obligation", "提供者", "a whole clause as subject"),
    ("csl", "41.1", "obligation", "网络运营者", "网络运营者收集、使用个人信息，应当"),
    ("csl", "63.1", "penalty", "公安机关", "由公安机关没收违法所得"),
    ("pipl", "63.1", "permission", "主管部门", "履行…职责的部门履行职责，可以"),
    ("pipl", "21.2", "prohibition", "受托人", "later clauses keep the subject"),
    ("pipl", "45.2", "obligation", "个人信息处理者", "个人请求…的，个人信息处理者应当"),
    ("pipl", "15.1", "permission", "个人", "基于个人同意…的，个人有权"),
]


@pytest.mark.parametrize("doc_id,ref,modality,actor,why", ACTOR_CASES)
def test_actor(frames, doc_id, ref, modality, actor, why):
    assert (modality, actor) in _pairs(frames(doc_id), ref), why


@pytest.mark.parametrize("text,actor", [
    # a parenthesis inside the subject (the blank it leaves must not cut the subject); the
    # actor is written with it, as the text names the party (产权 or 使用 unit)
    ("产权（使用）单位应当采取必要措施，保持其完好、正位。", "产权（使用）单位"),
    ("乡（镇）人民政府应当协助做好森林防火工作。", "乡（镇）人民政府"),
    # negative: a parenthesis after the name explains it and is no part of it
    ("县级以上地方人民政府（含开发区管理委员会）应当组织实施。", "县级以上地方人民政府"),
    ("市、县（区）城镇容貌和环境卫生行政主管部门应当制定城镇容貌标准。", "主管部门"),
])
def test_subject_with_a_parenthesis(text, actor):
    assert [n.actor for n in find_norms(text)] == [actor]


def test_a_carried_actor_is_written_as_the_document_writes_it():
    doc = regtext.parse("第一条 乡（镇）人民政府应当做好防汛工作。\n发现险情的，应当及时报告。")
    rows = regtext.obligations(doc).set_index("ref")
    assert rows.loc["1.2", "actor"] == rows.loc["1.2", "actor_raw"] == "乡（镇）人民政府"
    # negative: a name written without the parenthesis stays so
    doc = regtext.parse("第一条 乡人民政府应当做好防汛工作。\n发现险情的，应当及时报告。")
    assert regtext.obligations(doc).set_index("ref").loc["1.2", "actor"] == "乡人民政府"


@pytest.mark.parametrize("raw,expected", [
    ("国家网信部门", "主管部门"),
    ("有关主管部门", "主管部门"),
    ("网信、发展改革、教育、科技等部门", "主管部门"),
    ("深度合成服务提供者", "提供者"),
    ("生成式人工智能服务使用者", "使用者"),
    ("国家", "国家"),
    ("参与安全评估的相关机构和人员", "相关机构和人员"),
    ("", None),
    (None, None),
])
def test_normalize_actor(raw, expected):
    assert normalize_actor(raw) == expected


def test_definitions_resolve_actors(docs):
    aliases = definitions(docs("genai-2023-final").text)
    assert aliases["生成式人工智能服务提供者"] == "提供者"
    assert aliases["生成式人工智能服务使用者"] == "使用者"
    own = {"生成式人工智能服务提供者": "服务方"}
    assert normalize_actor("生成式人工智能服务提供者", own) == "服务方"


# -- chapeaux and items ------------------------------------------------------------------

# rows copied from the gold file (genai-2023-final): items inherit actor and modality
GOLD_ROWS = [
    ("4.1.1", "提供者", "prohibition"), ("4.1.1", "使用者", "prohibition"),
    ("4.1.2", "提供者", "obligation"), ("4.1.2", "使用者", "obligation"),
    ("4.1.3", "提供者", "obligation"), ("4.1.3", "提供者", "prohibition"),
    ("4.1.5", "使用者", "obligation"),
    ("7.1.1", "提供者", "obligation"), ("7.1.2", "提供者", "prohibition"),
    ("7.1.3", "提供者", "obligation"), ("7.1.5", "提供者", "obligation"),
]


@pytest.mark.parametrize("ref,actor,modality", GOLD_ROWS)
def test_items_inherit_from_chapeau(frames, ref, actor, modality):
    assert (modality, actor) in _pairs(frames("genai-2023-final"), ref)


def test_item_with_own_modal_word_only_has_it(frames):
    # （二）涉及知识产权的，不得侵害…: the condition is no duty of its own
    assert {m for m, _ in _pairs(frames("genai-2023-final"), "7.1.2")} == {"prohibition"}
    # （一）坚持社会主义核心价值观，不得生成…: a guiding principle, not a second duty
    assert {m for m, _ in _pairs(frames("genai-2023-final"), "4.1.1")} == {"prohibition"}


def test_inherited_flag(frames):
    df = frames("genai-2023-final")
    assert df[df.ref == "7.1.1"].inherited.all()
    assert not df[df.ref == "7.1"].inherited.any()


@pytest.mark.parametrize("doc_id,chapeau,modality", [
    # 符合下列情形之一的，个人信息处理者方可处理个人信息：（一）取得个人的同意；…
    ("pipl", "13.1", "permission"),
    # 深度合成服务提供者提供以下深度合成服务，可能导致公众混淆或者误认的，应当…：
    ("deep-synthesis", "17.1", "obligation"),
    # …提供具有以下功能的模型、模板等工具的，应当依法…开展安全评估：
    ("deep-synthesis", "15.2", "obligation"),
])
def test_items_of_a_case_list_are_not_duties(frames, doc_id, chapeau, modality):
    df = frames(doc_id)
    assert modality in {m for m, _ in _pairs(df, chapeau)}
    assert not any(df.ref.str.startswith(chapeau + "."))


def test_items_after_the_modal_word_are_duties(frames):
    # 网络运营者应当…履行下列安全保护义务：（一）制定内部安全管理制度…
    df = frames("csl")
    for i in range(1, 6):
        assert ("obligation", "网络运营者") in _pairs(df, f"21.1.{i}")


def test_several_actors_give_several_rows(frames):
    df = frames("genai-2023-final")
    rows = df[(df.ref == "4.1") & (df.modality == "obligation")]
    assert sorted(rows.actor) == ["使用者", "提供者"]


def test_several_norms_in_one_clause(frames):
    df = frames("genai-2023-final")
    rows = df[df.ref == "11.1"]
    assert list(rows.modality) == ["obligation", "prohibition", "prohibition", "prohibition"]
    assert list(rows.trigger) == ["应当", "不得", "不得", "不得"]


# -- conditions, exceptions, spans ---------------------------------------------------------

@pytest.mark.parametrize("doc_id,ref,field,expected", [
    ("genai-2023-final", "14.1", "condition", "提供者发现违法内容的"),
    ("genai-2023-final", "8.1", "condition", "在生成式人工智能技术研发过程中进行数据标注的"),
    ("pipl", "25.1", "exception", "取得个人单独同意的除外"),
    ("pipl", "19.1", "exception", "除法律、行政法规另有规定外"),
    ("pipl", "13.2", "exception", "但是有前款第二项至第七项规定情形的，不需取得个人同意"),
])
def test_condition_and_exception(frames, doc_id, ref, field, expected):
    values = set(frames(doc_id)[lambda d: d.ref == ref][field])
    assert any(expected in v for v in values), values


@pytest.mark.parametrize("text,expected", [
    # 但是…的除外 matches both the 但是 and the 的除外 pattern: reported once
    ("个人信息处理者不得过度收集个人信息，但是法律另有规定的除外。", "但是法律另有规定的除外"),
    ("除法律另有规定外，提供者不得留存用户输入信息。", "除法律另有规定外"),
])
def test_each_exception_is_reported_once(text, expected):
    (norm,) = find_norms(text)
    assert norm.exception == expected


@pytest.mark.parametrize("doc_id", ["genai-2023-final", "pipl", "csl"])
def test_offsets_point_into_the_clause_text(docs, doc_id):
    doc = docs(doc_id)
    norms = document_norms(doc)
    assert norms
    for n in norms:
        own = _own(doc.get(n.ref))
        assert own[n.start:n.end] == n.text
        assert n.span() == (n.start, n.end)
        if n.modality != "penalty" and not n.inherited:
            assert n.trigger in n.text


def test_offsets_survive_traditional_and_full_width_text():
    text = "提供者應當於３個月內(含)完成備案，不得拖延。"
    norms = find_norms(text)
    assert [n.modality for n in norms] == ["obligation", "prohibition"]
    for n in norms:
        assert text[n.start:n.end] == n.text
    assert norms[0].trigger == "應當"


# -- penalties and what they sanction ------------------------------------------------------

@pytest.mark.parametrize("doc_id,ref,targets", [
    ("csl", "59.1", ("21", "25")),
    ("csl", "60.1", ("22.1", "22.2", "48.1")),
    ("csl", "64.1", ("22.3", "41", "42", "43")),
    ("csl", "63.2", ("27",)),   # 单位有前款行为的: what 63.1 sanctions
    ("csl", "68.2", ("48.2",)),  # …的，依照前款规定处罚: 前款 is the sanction, not the offence
])
def test_penalty_sanctions(frames, doc_id, ref, targets):
    df = frames(doc_id)
    rows = df[(df.ref == ref) & (df.modality == "penalty")]
    assert tuple(rows.iloc[0].sanctions) == targets


@pytest.mark.parametrize("doc_id,ref,by", [
    ("csl", "21.1", "59.1"),
    ("csl", "21.1.3", "59.1"),
    ("csl", "25.1", "59.1"),
    ("csl", "42.1", "64.1"),
])
def test_sanctioned_by(frames, doc_id, ref, by):
    df = frames(doc_id)
    rows = df[(df.ref == ref) & (df.modality != "penalty")]
    assert len(rows) and all(by in list(v) for v in rows.sanctioned_by)


def test_a_penalty_clause_has_no_other_norms(frames):
    # 可以并处…罚款 is part of the sanction, not a permission
    df = frames("csl")
    assert set(df[df.ref == "63.1"].modality) == {"penalty"}


# -- the DataFrame, the API surface and odd input ------------------------------------------

def test_frame_columns(frames):
    df = frames("genai-2023-final")
    for col in ("ref", "actor", "modality", "trigger", "text", "condition", "exception",
                "start", "end", "sanctions", "sanctioned_by"):
        assert col in df.columns
    assert set(df.modality) <= {"obligation", "prohibition", "permission", "encouragement",
                                "penalty"}


def test_public_api():
    assert regtext.obligations is not None and regtext.find_norms is find_norms
    assert isinstance(find_norms("提供者应当备案。")[0], Norm)


@pytest.mark.parametrize("text", [
    "", "   ", "。。；；，，", "应当", "不得不得不得", "（一）", "第一条", "\x00\x01应当",
    "的，的，的，应当的。", "鼓励", "提供者（以下称", "由" * 500 + "罚款", "a" * 3000,
])
def test_odd_input_never_raises(text):
    for n in find_norms(text):
        assert 0 <= n.start <= n.end <= len(text)


def test_empty_and_unparsed_documents():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert len(regtext.obligations(regtext.parse(""))) == 0
        df = regtext.obligations(regtext.parse("这不是法律文本，只是一句话。"))
    assert list(df.columns)[:5] == ["ref", "label", "actor", "modality", "trigger"]


def test_hypothesis_fuzz():
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies as st

    pieces = st.sampled_from(["提供者", "应当", "不得", "可以", "鼓励", "的", "，", "。", "；",
                              "（以下称甲）", "由有关部门", "罚款", "但是", "除", "外", "（一）",
                              "國家", "应用", "有权", "\n", " ", "下列情形之一的：", "以下"])

    @hypothesis.settings(max_examples=60, deadline=None)
    @hypothesis.given(st.lists(pieces, max_size=30).map("".join))
    def check(text):
        for n in find_norms(text):
            assert text[n.start:n.end] == n.text
            assert n.modality in ("obligation", "prohibition", "permission", "encouragement",
                                  "penalty")

    check()


from conftest import LAWREFBOOK  # noqa: E402


@pytest.mark.skipif(not LAWREFBOOK.exists(), reason="the LawRefBook corpus is not there")
def test_a_sample_of_lawrefbook_runs_clean():
    files = sorted(LAWREFBOOK.rglob("*.md"))[::170][:20]
    assert files
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        total = 0
        for path in files:
            df = regtext.obligations(regtext.read(path))
            total += len(df)
    assert total > 0


# -- spaCy and the CLI -----------------------------------------------------------------------

def test_spacy_component():
    nlp = regtext.nlp()
    assert "regtext_obligations" in nlp.pipe_names
    doc = nlp("提供者应当公开规则，不得泄露信息。")
    assert [n.modality for n in doc._.norms] == ["obligation", "prohibition"]
    spans = doc.spans["norms"]
    assert [s.label_ for s in spans] == ["obligation", "prohibition"]
    assert spans[1]._.norm.trigger == "不得"


def test_cli_csv_and_filters(capsys):
    from regtext.cli import main

    assert main(["obligations", "genai-2023-final", "--format", "csv",
                 "--actor", "使用者", "--modality", "permission"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("ref,label,actor,modality,trigger")
    assert len(lines) == 2 and lines[1].startswith("18.1,")


def test_cli_table_and_json(capsys):
    import json

    from regtext.cli import main

    assert main(["obligations", "csl", "--ref", "59"]) == 0
    out = capsys.readouterr().out
    assert "penalty" in out and "59.1" in out
    assert main(["obligations", "pipl", "--ref", "13", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["ref"] for r in rows} == {"13.1", "13.2"}


@pytest.mark.parametrize("argv", [
    ["obligations", "no-such-law"],
    ["obligations", "pipl", "--ref", "999"],
])
def test_cli_errors(capsys, argv):
    from regtext.cli import main

    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("regtext obligations:") and len(err.strip().splitlines()) == 1


# -- a short name defined for a phrase with a relative clause names that phrase only -----------

@pytest.mark.skipif(not LAWREFBOOK.exists(), reason="lawrefbook corpus not available")
@pytest.mark.parametrize(("file", "ref", "raw", "actor"), [
    # 杭州: 接受机动车驾驶员培训的人员（以下简称学员）: the inspectors of 38 are 执法人员, not 学员
    ("DLC/浙江地方法规/地方性法规/浙江/杭州市机动车驾驶员培训管理条例(2017-12-08).md", "38.1",
     "机动车驾驶员培训管理机构的执法人员", "执法人员"),
    # 上海: 设置急诊科室的医疗机构（以下简称院内急救机构）: any other 医疗机构 stays one
    ("DLC/上海地方法规/地方性法规/上海/上海市急救医疗服务条例(2020-05-14).md", "41.2",
     None, "医疗机构"),
    # the defining sentence itself: the whole phrase is the long form of the short name
    ("DLC/北京地方法规/地方性法规/北京/北京市行政性事业性收费管理条例(1994-05-21).md", "5.1",
     "实施行政性、事业性收费的单位", "收费单位"),
])
def test_a_short_name_of_a_restricted_phrase_names_that_phrase_only(file, ref, raw, actor):
    doc = regtext.parse((LAWREFBOOK / file).read_text(encoding="utf-8"))
    rows = regtext.obligations(doc)
    rows = rows[rows.ref == ref]
    if raw is not None:
        rows = rows[rows.actor_raw == raw]
    assert actor in set(rows.actor)


def test_a_short_name_of_a_whole_noun_still_names_every_mention():
    # negative: no relative clause, so every later 生成式人工智能服务提供者 is the 提供者
    aliases = definitions("生成式人工智能服务提供者（以下称提供者）应当依法开展预训练。")
    assert normalize_actor("生成式人工智能服务提供者", aliases) == "提供者"
    # …and with one, the phrase is the short name's, its bare head is not (河南省邮政条例 7)
    aliases = definitions("邮政企业以外的经营快递业务的企业（以下简称快递企业）"
                          "应当加强服务质量管理。")
    assert normalize_actor("邮政企业以外的经营快递业务的企业", aliases) == "快递企业"
    assert normalize_actor("企业", aliases) == "企业"
