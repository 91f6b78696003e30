"""Word and Excel outputs: tracked changes that Accept/Reject into the two texts, rich cells."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import regtext
from regtext.compare.office import render_docx, render_xlsx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _genai():
    return regtext.diff("genai-2023-draft", "genai-2023-final")


def _synthetic():
    # a modification, a renumbering, a split into adjacent articles, a merge, an addition
    # and a deletion, nothing moved: Reject All must give the old text in its own order
    old = regtext.parse(
        "第一条 为了规范生成式人工智能服务，制定本办法。\n\n"
        "第二条 提供者应当指导使用者科学认识和理性使用生成式人工智能技术，采取适当措施防范"
        "未成年人用户过度依赖或者沉迷生成式人工智能服务。提供者应当对使用者的输入信息和"
        "使用记录依法履行保护义务，不得收集非必要个人信息。\n\n"
        "第三条 利用生成式人工智能产品提供聊天服务的，应当要求用户提供真实身份信息。\n\n"
        "第四条 提供者发现违法内容的，应当及时采取停止生成、停止传输、消除等处置措施。\n\n"
        "第五条 提供者应当保存有关记录，并向有关主管部门报告。\n\n"
        "第六条 本办法自公布之日起施行。")
    new = regtext.parse(
        "第一条 为了促进生成式人工智能健康发展和规范应用，制定本办法。\n\n"
        "第二条 提供者应当指导使用者科学认识和理性使用生成式人工智能技术，采取适当措施防范"
        "未成年人用户过度依赖或者沉迷生成式人工智能服务。\n\n"
        "第三条 提供者应当对使用者的输入信息和使用记录依法履行保护义务，不得收集非必要个人"
        "信息。\n\n"
        "第四条 提供者发现违法内容的，应当及时采取停止生成、停止传输、消除等处置措施，保存"
        "有关记录，并向有关主管部门报告。\n\n"
        "第五条 国家支持人工智能算法、框架等基础技术的自主创新。\n\n"
        "第六条 本办法自2023年8月15日起施行。")
    return regtext.diff(old, new)


def _rows(xml: bytes):
    """The provision paragraphs (style Redline) of document.xml."""
    from lxml import etree

    root = etree.fromstring(xml)
    out = []
    for p in root.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val") == "Redline":
            out.append(p)
    return out


def _resolve(paras, accept: bool) -> str:
    """Word's Accept All (accept=True) or Reject All on the paragraphs, as plain text:
    drop w:del (accept) or w:ins (reject), keep the other's text; every paragraph mark is a
    line end, except a dropped one (its paragraph joins the next)."""
    drop, keep = (f"{W}del", f"{W}ins") if accept else (f"{W}ins", f"{W}del")
    out: list[str] = []
    for p in paras:
        for child in p:
            if child.tag == drop:
                continue
            runs = list(child) if child.tag == keep else [child]
            for r in runs:
                if r.tag != f"{W}r":
                    continue
                for x in r:
                    if x.tag in (f"{W}t", f"{W}delText"):
                        out.append(x.text or "")
                    elif x.tag == f"{W}br":
                        out.append("\n")
        if p.find(f"{W}pPr/{W}rPr/{drop}") is None:
            out.append("\n")
    text = "".join(out)
    return text[:-1] if text.endswith("\n") else text


def _text(doc, order=None) -> str:
    arts = doc.articles if order is None else [doc.get(r) for r in order]
    return "\n".join(f"{a.label} {a.text}" for a in arts)


@pytest.mark.parametrize("make", [_synthetic, _genai], ids=["synthetic", "genai"])
def test_docx_accept_all_gives_the_new_text(make):
    cmp = make()
    paras = _rows(render_docx(cmp, zipped=False))
    assert _resolve(paras, accept=True) == _text(cmp.new)


@pytest.mark.parametrize("make", [_synthetic, _genai], ids=["synthetic", "genai"])
def test_docx_reject_all_gives_the_old_text(make):
    cmp = make()
    assert _resolve(_rows(render_docx(cmp, zipped=False)), accept=False) == _text(cmp.old)


def test_the_synthetic_pair_has_what_it_should_exercise():
    cmp = _synthetic()
    assert {p.relation for p in cmp.pairs} >= {"split", "merge"}
    assert {p.change for p in cmp.pairs} >= {"added", "deleted", "modified"}


def test_docx_redlines_in_place_what_did_not_move():
    # genai draft art. 1 -> final art. 1: word-level changes, not a whole deletion
    cmp = _genai()
    first = _rows(render_docx(cmp, zipped=False))[0]
    kinds = [c.tag.split("}")[1] for c in first if c.tag != f"{W}pPr"]
    assert "r" in kinds and "ins" in kinds  # unchanged words stay plain text


def test_docx_revisions_are_signed_and_dated():
    xml = render_docx(_genai(), zipped=False)
    from lxml import etree

    root = etree.fromstring(xml)
    revs = list(root.iter(f"{W}ins")) + list(root.iter(f"{W}del"))
    assert len(revs) > 20
    assert {r.get(f"{W}author") for r in revs} == {"regtext"}
    datetime.strptime(revs[0].get(f"{W}date"), "%Y-%m-%dT%H:%M:%SZ")
    assert len({r.get(f"{W}id") for r in revs}) == len(revs)  # ids unique
    assert not list(root.iter(f"{W}delText"))[0].getparent().getparent().tag.endswith("ins")


def test_docx_opens_with_header_titles_and_caveat(tmp_path):
    import docx

    cmp = _genai()
    path = tmp_path / "r.docx"
    assert cmp.to_docx(path) is None
    d = docx.Document(str(path))
    head = "\n".join(p.text for p in d.paragraphs[:8])
    assert cmp.old.title in head and cmp.new.title in head
    assert "仅部分核实" in head and "genai-2023-draft" in head
    # one paragraph per line (款) of each provision, old and new
    rows = [p for p in d.paragraphs if p.style.name == "Redline"]
    assert len(rows) >= len(cmp.new.articles) + sum(1 for p in cmp.pairs if p.change == "deleted")


def test_xlsx_reads_back(tmp_path):
    from openpyxl import load_workbook
    from openpyxl.cell.rich_text import CellRichText

    cmp = _genai()
    path = tmp_path / "r.xlsx"
    assert cmp.to_excel(path) is None
    wb = load_workbook(path, rich_text=True)
    assert wb.sheetnames == ["变化表", "对照表"]
    ws = wb["变化表"]
    assert "仅部分核实" in ws["A1"].value  # provenance before the table
    header = [c.value for c in ws[2]]
    assert header[:3] == ["原条文", "新条文", "变化"] and "修改情况" in header
    assert ws.freeze_panes == "A3"
    rows = {(r[0].value, r[1].value): r for r in ws.iter_rows(min_row=3)}
    moved = rows[("第十六条", "第十二条")]
    assert "修改" in moved[2].value and "移动" in moved[2].value
    red = moved[header.index("修改情况")].value
    assert isinstance(red, CellRichText)
    fonts = {(b.font.strike, b.font.u) for b in red if not isinstance(b, str)}
    assert (True, None) in fonts and (None, "single") in fonts
    # the deleted article 第九条: struck text only; a penalty-removed tag in Chinese
    assert rows[("第九条", "—")][2].value == "删除"
    assert any("删除罚则" in (r[header.index("标签")].value or "") for r in rows.values())
    assert ws.column_dimensions["F"].width >= 40
    assert ws.cell(row=3, column=6).alignment.wrap_text
    dz = wb["对照表"]
    assert [c.value for c in dz[2]] == ["修改前", "修改后"]
    first = [str(c.value) for c in dz[3]]
    assert first[0].startswith("第一条 ") and first[1].startswith("第一条 ")


def test_xlsx_english_and_changes_only():
    from openpyxl import load_workbook

    data = render_xlsx(_genai(), lang="en", changes_only=True)
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Changes", "Side by side"]
    changes = [r[2].value for r in wb["Changes"].iter_rows(min_row=3)]
    assert changes and not any(c.startswith("unchanged") for c in changes)
    assert any(c.startswith("modified") for c in changes)


def test_docx_file_is_a_valid_package():
    data = render_docx(_synthetic())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "word/document.xml" in z.namelist()
        xml = z.read("word/document.xml").decode()
    assert re.search(r"<w:ins [^>]*w:author=\"regtext\"", xml)
    assert "<w:delText" in xml


def test_docx_clause_level_accepts_and_rejects_into_the_clause_rows():
    cmp = _genai()
    paras = _rows(render_docx(cmp, level="clause", zipped=False))
    news, olds = {}, {}
    for p in cmp.clause_pairs:
        if p.new_ref is not None:
            news.setdefault(p.new_ref, f"{p.new_label} {p.new_text}")
        if p.old_ref is not None:
            olds.setdefault(p.old_ref, f"{p.old_label} {p.old_text}")
    assert _resolve(paras, accept=True) == "\n".join(news.values())
    old_order = [n.ref for n in cmp.old if n.ref in olds]
    assert _resolve(paras, accept=False) == "\n".join(olds[r] for r in old_order)


def test_xlsx_text_that_looks_like_a_formula_stays_text():
    from openpyxl import load_workbook

    evil = "=HYPERLINK(\"http://example.com\",\"点击\")"
    cmp = regtext.diff(regtext.parse("第一条 甲应当登记。"),
                       regtext.parse(f"第一条 甲应当登记。\n\n第二条 {evil}"))
    ws = load_workbook(io.BytesIO(render_xlsx(cmp)))["变化表"]
    cells = [c for row in ws.iter_rows() for c in row if str(c.value or "").startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)


@settings(max_examples=10, deadline=None)
@given(st.data())
def test_docx_accept_and_reject_are_exact_after_random_edits(data):
    # real provisions, then moves, deletions, insertions and word changes at random
    arts = [a.text for a in regtext.load("pipl").articles[:14]]
    extra = [a.text for a in regtext.load("dsl").articles[20:26]]
    new = list(arts)
    for _ in range(data.draw(st.integers(1, 5))):
        op = data.draw(st.sampled_from(["move", "delete", "insert", "word"]))
        k = data.draw(st.integers(0, len(new) - 1))
        if op == "move" and len(new) > 2:
            new.insert(data.draw(st.integers(0, len(new) - 1)), new.pop(k))
        elif op == "delete" and len(new) > 2:
            new.pop(k)
        elif op == "insert":
            new.insert(k, data.draw(st.sampled_from(extra)))
        else:
            new[k] = new[k].replace("个人信息", "个人数据", 1).replace("应当", "必须", 1)
    from regtext.text.numerals import int_to_cn

    def doc(texts):
        return regtext.parse("\n\n".join(f"第{int_to_cn(i + 1)}条 {t}"
                                         for i, t in enumerate(texts)))

    cmp = regtext.diff(doc(arts), doc(new))
    paras = _rows(render_docx(cmp, zipped=False))
    assert _resolve(paras, accept=True) == _text(cmp.new)
    assert _resolve(paras, accept=False) == _text(cmp.old)
