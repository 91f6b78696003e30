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
    # old-text order: the first article each step names (additions name their predecessor)
    from regtext.text.numerals import cn_to_int
    firsts = [re.search(r"第([一二三四五六七八九十]+)条", s) for s in steps
              if not re.search(r"[章编节]|名称", s[:16])]
    numbers = [cn_to_int(m.group(1)) for m in firsts if m]
    assert numbers == sorted(numbers) and len(numbers) > 20


def test_official_style_on_anti_monopoly_law():
    """AML 2007 → 2022 (LawRefBook): the drafter's forms the official decision uses, and the
    round trip."""
    from pathlib import Path
    root = Path(__file__).resolve().parents[2] / "shared" / "lawrefbook"
    a = sorted(root.glob("*/反垄断法(2007-08-30).md"))
    b = sorted(root.glob("*/反垄断法(2022-06-24).md"))
    if not a or not b:
        pytest.skip("LawRefBook not available")
    old, new = regtext.read(a[0]), regtext.read(b[0])
    text = regtext.diff(old, new).to_decision()
    assert "将第十三条第二款改为第十六条。" in text          # a 款 that became an article
    assert "在第十四条中增加二款，作为第二款、第三款：" in text  # two 款 added
    assert "将第十条第一款修改为：" in text                  # one 款 restated
    assert "说明" not in text.splitlines()[0]                 # an amendment, not a 修订
    assert text.rstrip().endswith("根据本决定作相应修改并对条文顺序作相应调整，重新公布。")
    assert norm(regtext.apply(old, text)) == norm(new)


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
