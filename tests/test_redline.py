"""regtext.redline: Chinese redlines cleaned up to word boundaries."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import regtext
from regtext.compare.redlining import edits, redline_html, redline_markdown


def _doc(doc_id):
    return regtext.load(doc_id, warn=False)


@pytest.mark.parametrize("old_ref,new_ref,deleted,inserted", [
    ("14", "13", ["生命周期内", "稳健"], ["其服务过程中", "稳定"]),
    ("16", "12", ["生成的"], ["生成"]),
    ("20", "21", ["按照", "网信部门和"], ["依照"]),
])
def test_genai_redlines(old_ref, new_ref, deleted, inserted):
    old = _doc("genai-2023-draft").get(old_ref).text
    new = _doc("genai-2023-final").get(new_ref).text
    html = redline_html(old, new)
    dels = re.findall(r"<del>(.*?)</del>", html)
    ins = re.findall(r"<ins>(.*?)</ins>", html)
    for d in deleted:
        assert d in dels
    for i in inserted:
        assert i in ins


def test_one_word_change_is_one_small_edit():
    old = _doc("pipl").get("13").text
    new = old.replace("个人信息处理者", "个人信息处理人", 1)
    changed = [e for e in edits(old, new) if e.op != "equal"]
    assert len(changed) == 1
    assert changed[0].old.endswith("者") and len(changed[0].old) <= 4


def test_words_are_not_cut():
    # a character diff would give 保<del>证</del>… ; whole words are struck instead
    e = [x for x in edits("不得泄露个人信息", "不得披露个人信息") if x.op != "equal"]
    assert [(x.old, x.new) for x in e] == [("泄露", "披露")]


def test_unchanged_text_has_no_marks():
    text = _doc("csl").get("21").text
    assert redline_html(text, text) == text.replace("\n", "<br>")
    assert redline_markdown(text, text) == text


def test_markdown_marks_and_line_breaks():
    md = redline_markdown("第一款。\n第二款应当备案。", "第一款。\n第二款应当依法备案。")
    assert md == "第一款。\n第二款应当**依法**备案。"
    assert redline_markdown("甲。\n乙。", "") == "~~甲。~~\n~~乙。~~"


def test_html_escapes():
    assert redline_html("甲<乙", "甲<丙") == "甲&lt;<del>乙</del><ins>丙</ins>"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="提供者应当不得数据安全个人信息，。；（）一二", max_size=40),
       st.text(alphabet="提供者应当不得数据安全个人信息，。；（）一二", max_size=40))
def test_edits_rebuild_both_texts(old, new):
    es = edits(old, new)
    assert "".join(e.old for e in es) == old
    assert "".join(e.old if e.op == "equal" else e.new for e in es) == new
    for e in es:
        assert old[e.old_start:e.old_end] == e.old
        if e.op != "equal":
            assert new[e.new_start:e.new_end] == e.new
