"""regtext.apply: each 修改决定 instruction form, on real text."""

import re
import warnings

import pytest

import regtext
from regtext.compare.amend import AmendmentWarning, renumber_refs, signature

OLD = regtext.parse("第一章 总则\n\n第一条 为了规范管理，制定本规定。\n\n"
                    "第二条 提供者应当登记。\n\n提供者不得转让许可证。\n\n"
                    "第三条 依照本规定第二条处理；依照《刑法》第二条处理。\n\n"
                    "第二章 附则\n\n第四条 本规定自公布之日起施行。")


def texts(doc):
    return [a.text for a in doc.articles]


@pytest.mark.parametrize("instruction, ref, expected", [
    ("将第二条修改为：“提供者应当依法登记。”", "2", "提供者应当依法登记。"),
    ("将第二条第二款修改为：“提供者不得出租许可证。”", "2",
     "提供者应当登记。\n提供者不得出租许可证。"),
    ("将第二条中的“登记”修改为“备案”", "2", "提供者应当备案。\n提供者不得转让许可证。"),
    ("删去第二条第二款", "2", "提供者应当登记。"),
    ("删去第二条中的“不得转让许可证”", "2", "提供者应当登记。\n提供者。"),
    ("在第二条中的“应当”后增加“依法”", "2", "提供者应当依法登记。\n提供者不得转让许可证。"),
    ("在第二条中增加一款，作为第二款：“登记应当免费。”", "2",
     "提供者应当登记。\n登记应当免费。\n提供者不得转让许可证。"),
])
def test_instruction_forms(instruction, ref, expected):
    assert regtext.apply(OLD, instruction).get(ref).text == expected


def test_add_article_renumbers_and_follows_references():
    new = regtext.apply(OLD, "一、在第一条后增加一条，作为第二条：“国家鼓励创新。”")
    assert texts(new)[1] == "国家鼓励创新。"
    # 本规定第二条 follows its article; 《刑法》第二条 does not
    assert texts(new)[3] == "依照本规定第三条处理；依照《刑法》第二条处理。"


def test_move_merge_delete_and_chapters():
    new = regtext.apply(OLD, "一、第三条改为第一条。\n二、删去第四条。\n"
                             "三、将第二章的章名修改为“其他规定”")
    assert texts(new)[0].startswith("依照本规定")
    assert [n.heading for n in new if n.kind == "chapter"] == ["总则"]
    merged = regtext.apply(OLD, "将第一条和第二条合并，修改为：“为了规范管理，提供者应当登记。”")
    assert texts(merged)[0] == "为了规范管理，提供者应当登记。" and len(merged.articles) == 3


def test_unplaceable_instruction_is_reported():
    with pytest.warns(AmendmentWarning, match="第九条"):
        new = regtext.apply(OLD, "删去第九条。")
    assert new.meta["unapplied"] and len(new.articles) == 4


def test_renumber_refs_keeps_external_citations():
    got = renumber_refs("依照民法典第五条和本法第五条", {"5": "6"})
    assert got == "依照民法典第五条和本法第六条"


def test_official_decision_single_instrument(tmp_path):
    """The official 2021 decision amending the food and drug rules (LawRefBook)."""
    from pathlib import Path
    root = Path(__file__).resolve().parents[2] / "shared" / "lawrefbook" / "司法解释"
    decs = list(root.glob("*修改《最高人民法院关于审理食品药品纠纷案件*决定.md"))
    if not decs:
        pytest.skip("LawRefBook not available")
    from regtext.text.numerals import int_to_cn
    old = regtext.parse("\n\n".join(f"第{int_to_cn(k)}条 规定{k}。" for k in range(1, 12))
                        + "\n\n第十二条 食品检验机构出具虚假检验报告的，承担连带责任。")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        new = regtext.apply(old, decs[0].read_text(encoding="utf-8"))
    assert new.meta["applied"] == 1 and not new.meta["unapplied"]
    assert new.get("12").text.startswith("食品检验机构故意出具虚假检验报告")


def test_round_trip_genai():
    old = regtext.load("genai-2023-draft", warn=False)
    new = regtext.load("genai-2023-final")
    got = regtext.apply(old, regtext.diff(old, new).to_decision())

    def norm(d):
        return [(k, r, re.sub(r"\s", "", t)) for k, r, t in signature(d)]

    assert norm(got) == norm(new)
    assert got.title == new.title and not got.meta["unapplied"]


def test_bad_input():
    with pytest.raises(TypeError):
        regtext.apply(OLD, None)
    with pytest.warns(AmendmentWarning, match="no amending instruction"):
        assert texts(regtext.apply(OLD, "")) == texts(OLD)
    with pytest.raises(ValueError, match="甲规定"):
        regtext.apply(OLD, "一、修改《甲规定》\n1.删去第一条。\n二、修改《乙规定》\n1.删去第二条。")


def test_official_multi_instrument_decision():
    """The 2020 decision amending 29 commercial interpretations: the part for 《公司法》规定（二）,
    numbered 1. 2. …, each quotation on the line after its instruction."""
    from pathlib import Path
    root = Path(__file__).resolve().parents[2] / "shared" / "lawrefbook" / "司法解释"
    decs = list(root.glob("*二十九件商事类司法解释的决定.md"))
    olds = list(root.glob("*适用《公司法》若干问题的规定（二）(2008-05-12).md"))
    if not decs or not olds:
        pytest.skip("LawRefBook not available")
    old = regtext.parse(olds[0].read_text(encoding="utf-8"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        new = regtext.apply(old, decs[0].read_text(encoding="utf-8"))
    assert new.meta["applied"] == 5 and not new.meta["unapplied"]
    assert "民法典第七十条" in new.get("7").text and "民法典" not in old.get("7").text
    assert len(new.articles) == len(old.articles)


def test_chapters_restart_or_run_on_across_parts():
    text = ("第一编 总则\n\n第一章 甲\n\n第一条 甲。\n\n第二编 分则\n\n第一章 乙\n\n第二条 乙。")
    run_on = text.replace("第二编 分则\n\n第一章 乙", "第二编 分则\n\n第二章 乙")
    for src in (text, run_on):
        old = regtext.parse(src)
        new = regtext.apply(old, "在第一条后增加一条，作为第二条：“丙。”")
        assert [n.ref for n in new if n.kind == "chapter"] == \
            [n.ref for n in old if n.kind == "chapter"]


ITEMS = regtext.parse("为了规范，制定本规定。\n\n第一条 提供者应当遵守下列规定：\n（一）登记；\n"
                      "（二）备案；\n（三）报告。\n\n第二条 提供者应当登记。\n\n"
                      "提供者不得转让许可证。\n\n第三条 本规定所称提供者，是指提供服务的组织。")


@pytest.mark.parametrize("instruction, check", [
    # a 项 restated, deleted, added
    ("将第一条第（二）项修改为：“（二）依法备案；”",
     lambda d: "（二）依法备案；" in d.get("1").text),
    ("删去第一条第（二）项", lambda d: "备案" not in d.get("1").text),
    ("在第一条中增加一项，作为第（四）项：“（四）公示。”",
     lambda d: d.get("1").text.endswith("（四）公示。")),
    # a 款 becomes an article of its own
    ("将第二条第二款改为第三条", lambda d: d.get("3").text == "提供者不得转让许可证。"
     and d.get("2").text == "提供者应当登记。"),
    # two 款 in one quotation
    ("在第二条中增加二款，作为第二款、第三款：“登记免费。\n登记公开。”",
     lambda d: d.get("2").text.split("\n")[1:3] == ["登记免费。", "登记公开。"]),
    # an article added after another, without a number
    ("在第二条后增加一条：“提供者应当公示。”", lambda d: d.get("3").text == "提供者应当公示。"),
    # words throughout the text, and a chain of replacements
    ("将本规定中的“提供者”修改为“服务提供者”",
     lambda d: d.get("3").text.startswith("本规定所称服务提供者")
     and d.get("2").text.startswith("服务提供者")),
    ("将第二条中的“登记”修改为“备案”，“转让”修改为“出租”",
     lambda d: "备案" in d.get("2").text and "出租" in d.get("2").text),
    # the preamble, the title, and a chapter with its articles
    ("将引言修改为：“为了规范服务，制定本规定。”",
     lambda d: d.children[0].text == "为了规范服务，制定本规定。"),
    ("将名称修改为：“服务规定”", lambda d: d.title == "服务规定"),
    ("增加一章，作为第一章，章名为“总则”，包括修改后的第一条至第三条",
     lambda d: [n.heading for n in d if n.kind == "chapter"] == ["总则"]),
    # official variants: 原第X条作为第Y条, 同时…规定：, …末尾的“…”和第二款末尾的“…”
    ("原第二条作为第三条", lambda d: d.get("3").text.startswith("提供者应当登记")),
    ("将第二条中的“登记”修改为“备案”；同时增加一款作为第三款规定：“备案免费。”",
     lambda d: d.get("2").text.split("\n")[-1] == "备案免费。"),
    ("删去第二条第一款末尾的“登记”和第二款末尾的“许可证”",
     lambda d: d.get("2").text == "提供者应当。\n提供者不得转让。"),
    # words appended at the end of a 款
    ("在第三条的末尾增加“或者个人”", lambda d: d.get("3").text.endswith("组织或者个人。")),
])
def test_more_instruction_forms(instruction, check):
    with warnings.catch_warnings():
        warnings.simplefilter("error", AmendmentWarning)
        assert check(regtext.apply(ITEMS, instruction))
