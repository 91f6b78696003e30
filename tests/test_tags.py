"""Tag rules: the registry, and each rule with a positive and a negative example.

Examples are real provisions (the generative-AI draft/final Measures and other shipped laws)
or minimal edits of them; expected tags are what a lawyer reads off the two texts.
"""

from __future__ import annotations

import re

import pytest

from regtext import rules
from regtext.compare import tagging
from regtext.compare.renames import Rename
from regtext.compare.scope import modifier_shift
from regtext.compare.tagging import RULES, TAGS, tag_rule, tags

# (tag, old, new, fires?) — every tag name has at least one of each
CASES = [
    ("citation-added:stpl", "依照有关法律，鼓励创新。",
     "依照《中华人民共和国科学技术进步法》，鼓励创新。", True),
    ("citation-added:stpl", "依照《中华人民共和国科学技术进步法》，鼓励创新。",
     "依照《科学技术进步法》，鼓励创新和应用。", False),
    ("citation-removed:csl", "应当按照《中华人民共和国网络安全法》规定，要求用户提供真实身份信息。",
     None, True),
    ("citation-removed:csl", "符合《中华人民共和国网络安全法》等法律法规的要求；",
     "符合《中华人民共和国网络安全法》、《中华人民共和国数据安全法》等法律的要求；", False),
    ("deadline-removed", "应在3个月内通过模型优化训练等方式防止再次生成。",
     "应当采取模型优化训练等措施进行整改。", True),
    ("deadline-removed", "应在3个月内通过模型优化训练等方式防止再次生成。",
     "应当在3个月内通过模型优化训练等方式防止再次生成，并报告。", False),
    ("deadline-added", "应当及时处理。", "应当在十个工作日内处理。", True),
    ("deadline-added", "应当在十个工作日内处理。", "应当在十个工作日内依法处理。", False),
    ("penalty-removed", "拒不改正的，责令暂停服务，并处一万元以上十万元以下罚款。",
     "拒不改正的，责令暂停服务。", True),
    ("penalty-removed", "拒不改正的，责令暂停服务。", "拒不改正的，依法责令暂停服务。", False),
    ("penalty-added", "拒不改正的，责令暂停服务。",
     "拒不改正的，责令暂停服务，并处一万元以上十万元以下罚款。", True),
    ("penalty-added", "提供者应当暂停服务。", "提供者应当依法暂停服务。", False),
]


# genai draft/final texts used by several cases (copied from the shipped corpus)
D11 = ("提供者在提供服务过程中，对用户的输入信息和使用记"
       "录承担保护义务。不得非法留存能够推断出用户身份的"
       "输入信息，不得根据用户输入信息和使用情况进行画像，不得向他人提供用户输入信息。")
F11 = ("提供者对使用者的输入信息和使用记录应当依法履行保"
       "护义务，不得收集非必要个人信息，不得非法留存能够"
       "识别使用者身份的输入信息和使用记录，不得非法向他人提供使用者的输入信息和使用记录。")
D20 = ("法律、行政法规没有规定的，由网信部门和有关主管部门"
       "依据职责给予警告、通报批评，责令限期改正；拒不改正"
       "或者情节严重的，责令暂停或者终止其利用生成式人工智能提供服务，并处一万元以上十万元以下罚款。")
F21 = ("法律、行政法规没有规定的，由有关主管部门依据职责"
       "予以警告、通报批评，责令限期改正；拒不改正或者情节"
       "严重的，责令暂停提供相关服务。")
D19 = ("提供者发现用户利用生成式人工智能产品过程中违反法"
       "律法规，违背商业道德、社会公德行为时，包括从事网络"
       "炒作、恶意发帖跟评、制造垃圾邮件、编写恶意软件，实施不正当的商业营销等，应当暂停或者终止服务。")
F14 = ("提供者发现使用者利用生成式人工智能服务从事违法活"
       "动的，应当依法依约采取警示、限制功能、暂停或者终止"
       "向其提供服务等处置措施，保存有关记录，并向有关主管部门报告。")
CH4_OLD = ("提供生成式人工智能产品或服务应当遵守法律法规"
           "的要求，尊重社会公德、公序良俗，符合以下要求：")
CH4_NEW = ("提供和使用生成式人工智能服务，应当遵守法律、行"
           "政法规，尊重社会公德和伦理道德，遵守以下规定：")
USER = (Rename("用户", "使用者"),)

# (tag, old, new, keyword arguments, fires?): a positive and a negative case per rule
RULE_CASES = [
    ("obligation-removed", D11, F11, {"renames": USER}, True),  # the profiling ban is gone
    ("obligation-added", D11, F11, {"renames": USER}, True),  # 不得收集非必要个人信息
    ("obligation-removed", "提供者应当对数据来源的合法性负责。", "使用具有合法来源的数据；",
     {"new_chapeau": "提供者应当依法开展训练数据处理活动，遵守以下规定："}, False),  # chapeau
    ("obligation-added", "不含有侵犯知识产权的内容；", "涉及知识产权的，不得侵害"
                                                       "他人依法享有的知识产权；",
     {"old_chapeau": "用于训练的数据，应满足以下要求：",
      "new_chapeau": "提供者应当依法开展训练数据处理活动，遵守以下规定："}, False),
    ("obligation-added", "提供者应当建立用户投诉接收处理机制，",
     "提供者应当建立健全投诉、举报机制，设置便捷"
     "的投诉、举报入口，公布处理流程和反馈时限。", {}, True),
    ("obligation-removed", "应在3个月内通过模型"
                           "优化训练等方式整改。", "应当及时采取模型优化训练等措施进行整改。",
     {}, False),
    ("softened", "（四）利用生成式人工智能生成的内容应当真实准确，采取措施防止生成虚假信息。",
     "（五）基于服务类型特点，采取有效措施，提升生成式人工智能服务的透明度，提高生成内容的准确性和可靠性。",
     {"old_chapeau": CH4_OLD, "new_chapeau": CH4_NEW}, True),
    ("softened", "国家支持人工智能算法、框架等基础技术的自主创新、推广应用、国际合作。",
     "鼓励生成式人工智能算法、框架、芯片及配套软件平台等基础技术的自主创新，平等互利开展国际交流与合作。",
     {}, False),  # 应 inside 应用 is not 应当; 支持 → 鼓励 keeps its force
    ("softened", "用户发现生成内容不符合本办法要求时，有权向网信部门或者有关主管部门举报。",
     "使用者发现生成式人工智能服务不符合法律、行政法规和本办法规定的，有权向有关主管部门投诉、举报。",
     {"renames": USER}, False),
    ("strengthened", "提供者可以公开处理规则。", "提供者应当公开处理规则。", {}, True),
    ("strengthened", "提供者应当公开处理规则。", "提供者应当依法公开处理规则。", {}, False),
    ("penalty-removed", D20, F21, {}, True),
    ("penalty-removed", "构成违反治安管理行为的，依法给予治安管"
                        "理处罚；构成犯罪的，依法追究刑事责任。",
     "构成违反治安管理行为的，依法给予治安管理处罚；"
     "构成犯罪的，依法追究刑事责任。另有规定的除外。", {},
     False),
    ("penalty-changed:罚款", "拒不改正的，处一万元以上十万元以下罚款。",
     "拒不改正的，处十万元以上一百万元以下罚款。", {}, True),
    ("penalty-changed:罚款", "拒不改正的，处一万元以上十万元以下罚款。",
     "拒不改正的，由有关主管部门处一万元以上十万元以下罚款。", {}, False),
    ("deadline-changed", "应当在3个月内整改。", "应当在1个月内整改。", {}, True),
    ("deadline-changed", "应当在3个月内整改。", "应当依法在3个月内整改。", {}, False),
    ("actor-changed", "提供者应当标识生成内容。", "使用者应当标识生成内容。", {}, True),
    ("actor-changed", "用户发现违法内容的，应当报告。", "使用者发现违法内容的，应当及时报告。",
     {"renames": USER}, False),
    ("authority-changed", D20, F21, {}, True),
    ("authority-changed", "由有关主管部门予以警告。", "由有关主管部门依法予以警告。", {}, False),
    ("scope-changed", "本办法适用于境内的服务。", "本办法适用于境内和境外的服务。", {}, True),
    ("scope-changed", "依照第十三条适用本办法。", "依照第十七条适用本办法。", {}, False),
    ("scope-narrowed", "提供者应当采取适当措施防范用户过分依赖或沉迷生成内容。",
     "提供者应当采取有效措施防范未成年人用"
     "户过度依赖或者沉迷生成式人工智能服务。", {"renames": USER}, True),
    ("scope-narrowed",
     "利用生成式人工智能产品向公众提供服务前，应当按照《具有舆论属性或社会动员能力的互联网信息服务安全评估"
     "规定》向国家网信部门申报安全评估。",
     "提供具有舆论属性或者社会动员能力的生成式人工"
     "智能服务的，应当按照国家有关规定开展安全评估。", {}, True),
    ("scope-narrowed", "采取措施防止出现种族、民族、信仰、国别等歧视。",
     "采取有效措施防止产生民族"
     "、信仰、国别、健康等歧视。", {}, False),  # a list item, not a modifier
    ("scope-narrowed", "提供者应当对图片、视频等内容进行标识。", "提供者应当依法对图片、"
                                                                 "视频等生成内容进行标识。",
     {}, False),
    ("scope-broadened", "采取措施防范未成"
                        "年人用户过度依赖。", "采取措施防范用户过度依赖。", {}, True),
    ("scope-broadened", "采取措施防范用户过度依赖。", "采取有效措施防范用户过度依赖。", {}, False),
    ("trigger-narrowed", D19, F14, {"renames": USER}, True),
    ("trigger-narrowed", "提供者发现违法内容的，应当停止生成。", "提供者发现违法内容的"
                                                                 "，应当及时停止生成。", {},
     False),
    ("trigger-broadened", "用户发现生成内容不符合本办法要求时，"
                          "有权向网信部门或者有关主管部门举报。",
     "使用者发现生成式人工智能服务不符合法律、行政法规和本办法规定的，有权向有关主管部门投诉、举报。",
     {"renames": USER}, True),
    ("trigger-broadened", "提供者发现违法内容"
                          "的，应当停止生成。", "提供者发现违法信息的，应当停止生成。", {},
     False),
    ("definition-changed", "本办法所称生成式人工智能，是指基于算法、模型、规则生成文本的技术。",
     "本办法所称生成式人工智能，是指具有文本、图片生成能力的模型及相关技术。", {}, True),
    ("definition-changed", "本办法所称生成式人工智能，是指生成文本的技术。依法管理。",
     "本办法所称生成式人工智能，是指生成文本的技术。依法加强管理。", {}, False),
    ("renamed:用户→使用者", "用户发现违法内容的，可以举报。", "使用者发现违法内容的，可以举报。",
     {"renames": USER}, True),
    ("renamed:用户→使用者", "用户发现违法内容的，可以举报。", "使用者发现违法内"
                                                              "容的，可以举报。", {}, False),
]


@pytest.mark.parametrize("tag,old,new,kw,fires", RULE_CASES)
def test_rule_case(tag, old, new, kw, fires):
    got = tags(old, new, **kw)
    assert (tag in got) is fires, got


def test_every_tag_has_a_positive_and_a_negative_case():
    cases = [(t, f) for t, *_, f in CASES] + [(t, f) for t, _, _, _, f in RULE_CASES]
    for name in TAGS:
        hits = {f for t, f in cases if t == name or t.startswith(name + ":")}
        assert hits == {True, False}, name


@pytest.mark.parametrize("row", rules.table("sanctions"), ids=lambda r: r["kind"])
def test_sanction_rows(row):
    assert row["kind"] in tagging._sanctions(row["example"])
    assert row["kind"] not in tagging._sanctions(row["counterexample"])


@pytest.mark.parametrize("name", ["effort-words", "guarantee-words"])
def test_word_pattern_rows(name):
    for row in rules.table(name):
        rx = re.compile(row["pattern"])
        assert rx.search(row["example"]), row
        assert not rx.search(row["counterexample"]), row


@pytest.mark.parametrize("row", rules.table("party-heads"), ids=lambda r: r["suffix"])
def test_party_head_rows(row):
    assert modifier_shift(*row["example"].split("|")) == (True, False)
    assert modifier_shift(*row["counterexample"].split("|")) == (False, False)


@pytest.mark.parametrize("row", rules.table("duty-stopwords"), ids=lambda r: r["word"])
def test_duty_stopword_rows(row):
    a, b = row["example"].split("|")
    c, d = row["counterexample"].split("|")
    assert row["word"] not in tagging._duty_words(a)
    assert not (tagging._duty_words(a) & tagging._duty_words(b)) or row["word"] == "有关"
    assert tagging._duty_words(c) & tagging._duty_words(d)


def test_tags_derive_from_the_registry():
    names = {n for rule in RULES for n in rule.names}
    assert set(TAGS) == names
    assert len(TAGS) == len(set(TAGS))


def test_a_new_rule_is_one_decorator():
    @tag_rule("x-test", doc="fires on 试行")
    def _rule(c):
        return ["x-test"] if "试行" in c.new and "试行" not in c.old else []

    try:
        assert tags("本办法施行。", "本办法试行。") == ["x-test"]
        assert tags("本办法试行。", "本办法试行，自公布之日起。") == []
    finally:
        RULES.remove(next(r for r in RULES if r.func is _rule))
    assert "x-test" not in tagging._tag_names()


@pytest.mark.parametrize("tag,old,new,fires", CASES)
def test_rule_example(tag, old, new, fires):
    assert (tag in tags(old, new)) is fires, tags(old, new)
