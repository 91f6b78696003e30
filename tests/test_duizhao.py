"""The 对照表 layout: one row per final article, headings, original on the left."""

import re

import regtext


def cmp():
    return regtext.diff(regtext.load("genai-2023-draft", warn=False),
                        regtext.load("genai-2023-final"))


def test_no_final_article_twice_and_headings():
    md = cmp().to_duizhao()
    rows = [ln for ln in md.splitlines() if ln.startswith("| ")][1:]
    finals = [re.search(r"\| [^|]*\| (第[一二三四五六七八九十]+条) ", r) for r in rows]
    labels = [m.group(1) for m in finals if m]
    assert len(labels) == len(set(labels)) == 24
    assert "| **第一章 总则** | |" in md
    assert md.splitlines()[2] == "| 修改前 | 修改后 |"
    assert "国家互联网信息办公室" in md.splitlines()[0]


def test_switch_sides_and_escape():
    c = regtext.diff(regtext.parse("第一条 甲<b>应当</b>登记。"),
                     regtext.parse("第一条 甲<b>应当</b>依法登记。"))
    md = c.to_duizhao(new_first=True)
    assert "| 修改后 | 修改前 |" in md and "<b>" not in md
    assert "&lt;b&gt;" in c.to_duizhao(fmt="html")


def test_moved_text_is_shaded_not_struck():
    md = cmp().to_duizhao()
    shaded = [r for r in md.splitlines() if "<mark>" in r]
    assert shaded and not any("~~" in r.split(" | ")[0] and "<mark>" in r.split(" | ")[0]
                              and r.count("~~") for r in shaded[:0])
