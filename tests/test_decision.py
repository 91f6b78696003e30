"""to_decision as a drafter writes it, checked by carrying it out (round trip)."""

import re

import pytest

import regtext
from regtext.compare.amend import signature

A = "第一条 甲应当登记。\n\n第二条 乙不得转让。"
PAIRS = [
    (A, "第一条 甲应当依法登记。\n\n第二条 乙不得转让。"),
    ("第一条 甲。\n\n第二条 乙。\n\n第三条 丙。", "第一条 丙。\n\n第二条 甲。\n\n第三条 乙。"),
    (A, "第一条 甲应当登记。\n\n第二条 丁可以申请复议。\n\n第三条 乙不得转让。"),
    ("第一条 甲应当登记。\n乙应当备案。", "第一条 甲应当登记。\n丙应当报告。\n乙应当备案。"),
    ("第一条 总则规定。\n\n第二条 乙应当报告。",
     "第一章 总则\n\n第一条 总则规定。\n\n第二章 附则\n\n第二条 乙应当报告。"),
]


def norm(doc):
    return [(k, r, re.sub(r"\s", "", t)) for k, r, t in signature(doc)]


@pytest.mark.parametrize("old, new", PAIRS)
def test_round_trip(old, new):
    a, b = regtext.parse(old), regtext.parse(new)
    assert norm(regtext.apply(a, regtext.diff(a, b).to_decision())) == norm(b)


def test_drafter_forms_on_genai():
    cmp = regtext.diff(regtext.load("genai-2023-draft", warn=False),
                       regtext.load("genai-2023-final"))
    text = cmp.to_decision()
    steps = [ln for ln in text.splitlines() if re.match(r"[一二三四五六七八九十]+、", ln)]
    assert text.startswith("说明：")            # a 修订, said first
    assert "删去第九条。" in text               # the real-name rule
    assert len(steps) == len(set(steps))       # no duplicates
    assert "本决定自2023年8月15日起施行。" in text and "重新公布。" in text
    # old-text order
    firsts = [re.search(r"第([一二三四五六七八九十]+)条", s) for s in steps if "章" not in s[:12]]
    assert firsts


def test_anchor_is_a_whole_word_and_unique():
    a = regtext.parse("第一条 提供者应当遵守法律法规，提供者应当登记。")
    b = regtext.parse("第一条 提供者应当遵守法律法规，提供者应当依法登记。")
    text = regtext.diff(a, b).to_decision()
    anchor = re.search(r"中的“(.+?)”后增加", text).group(1)
    assert a.articles[0].text.count(anchor) == 1 and anchor != "应当"


def test_pure_move_has_no_restatement():
    a = regtext.parse("第一条 甲。\n\n第二条 乙。\n\n第三条 丙。")
    b = regtext.parse("第一条 丙。\n\n第二条 甲。\n\n第三条 乙。")
    text = regtext.diff(a, b).to_decision()
    assert "第三条改为第一条。" in text and "修改为" not in text
