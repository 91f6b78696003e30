"""Word (.docx) and PDF input: files generated here from corpus text parse to the same tree
as the text; unreadable files (legacy .doc, scanned PDF, damaged, too large, zip bombs) get
a clear UnreadableFileError naming the file and what to do."""

from __future__ import annotations

import warnings
import zipfile

import docx
import pytest
from docx.oxml import parse_xml

import regtext
from regtext.cli import main
from regtext.corpus import text as corpus_text
from regtext.text import office
from regtext.text.normalize import fold
from regtext.text.numerals import int_to_cn
from regtext.text.office import UnreadableFileError

warnings.filterwarnings("ignore", category=regtext.CorpusWarning)


def squash(text: str) -> str:
    return "".join(fold(text).split())


def tree(doc: regtext.Document) -> list[tuple[str, str, str, str]]:
    """The tree as comparable data: kinds, refs, headings and node texts (whitespace aside)."""
    return [(n.kind, n.ref, squash(n.heading), squash(n.text)) for n in doc]


def body_lines(doc_id: str) -> list[str]:
    """The corpus text after its 题注, one entry per non-empty line, Markdown marks removed."""
    text = corpus_text(doc_id).split("<!-- INFO END -->")[-1]
    return [ln.lstrip("#").strip() for ln in text.split("\n") if ln.strip()]


# -- .docx ----------------------------------------------------------------------------------


def write_docx(path, title: str, lines: list[str], numbered: bool = False) -> None:  # noqa: ANN001
    """A .docx of the lines; with ``numbered``, article and item numbers are Word's own
    automatic numbering (第%1条 and （%2）, Chinese counting), not typed text."""
    d = docx.Document()
    d.add_heading(title, 0)
    num_id = _add_law_numbering(d) if numbered else None
    for line in lines:
        if line.startswith("第") and line.split(" ")[0].endswith(("章", "节")):
            d.add_heading(line, 1)
            continue
        para = d.add_paragraph()
        if numbered and (m := _ART.match(line)):
            _number(para, num_id, 0)
            line = line[m.end():].lstrip()
        elif numbered and (m := _ITEM.match(line)):
            _number(para, num_id, 1)
            line = line[m.end():]
        para.add_run(line)
    d.save(path)


import re  # noqa: E402 - kept next to the helpers that use it

_ART = re.compile(r"^第[一二三四五六七八九十百]+条")
_ITEM = re.compile(r"^（[一二三四五六七八九十]+）")
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _add_law_numbering(d) -> str:  # noqa: ANN001
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {_W} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="第%1条"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {_W} w:numId="90"><w:abstractNumId w:val="90"/>'
                               '</w:num>'))
    return "90"


def _number(para, num_id: str, level: int) -> None:  # noqa: ANN001
    p_pr = para._p.get_or_add_pPr()
    p_pr.append(parse_xml(f'<w:numPr {_W}><w:ilvl w:val="{level}"/>'
                          f'<w:numId w:val="{num_id}"/></w:numPr>'))


@pytest.mark.parametrize("doc_id", ["genai-2023-final", "pipl", "genai-2023-draft"])
def test_docx_parses_to_the_tree_of_the_text(tmp_path, doc_id):
    expected = regtext.load(doc_id)
    path = tmp_path / f"{doc_id}.docx"
    write_docx(path, expected.title, body_lines(doc_id))
    doc = regtext.read(path)
    assert tree(doc) == tree(expected)
    assert doc.title == expected.title
    assert doc.warnings[0].kind == "docx"


def test_docx_word_auto_numbering_is_written_out(tmp_path):
    expected = regtext.load("genai-2023-final")
    path = tmp_path / "numbered.docx"
    write_docx(path, expected.title, body_lines("genai-2023-final"), numbered=True)
    text, notes = office.docx_text(path)
    assert "第二十四条 本办法自2023年8月15日起施行。" in text.split("\n")
    assert expected.get("7.1.4").text in text.split("\n")  # （四） written out by Word
    assert notes == []
    doc = regtext.read(path)
    assert tree(doc) == tree(expected)


def test_docx_numbering_in_an_unknown_format_is_reported(tmp_path):
    path = tmp_path / "odd.docx"
    write_docx(path, "办法", ["第一条 甲。", "（一）乙；"], numbered=True)
    z = zipfile.ZipFile(path)
    parts = {n: z.read(n) for n in z.namelist()}
    z.close()
    parts["word/numbering.xml"] = parts["word/numbering.xml"].replace(
        b'w:val="chineseCounting"', b'w:val="hebrew1"')
    with zipfile.ZipFile(path, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    _, notes = office.docx_text(path)
    assert notes and "cannot write out" in notes[0]
    assert any(w.kind == "docx" and "cannot write out" in w.message
               for w in regtext.read(path).warnings)


def test_docx_table_rows_stay_in_order(tmp_path):
    d = docx.Document()
    d.add_paragraph("修改对照表")
    table = d.add_table(rows=3, cols=2)
    rows = [("修改前", "修改后"),
            ("第一条 为了规范管理，制定本办法。", "第一条 为了促进发展，制定本办法。"),
            ("第二条 本办法自公布之日起施行。", "第二条 本办法自2024年1月1日起施行。")]
    for r, (a, b) in enumerate(rows):
        table.cell(r, 0).text, table.cell(r, 1).text = a, b
    d.add_paragraph("说明：以上为修改内容。")
    path = tmp_path / "table.docx"
    d.save(path)
    text, _ = office.docx_text(path)
    expected = ["修改对照表"] + ["\t".join(r) for r in rows] + ["说明：以上为修改内容。"]
    assert text.split("\n") == expected


# -- .pdf -------------------------------------------------------------------------------------


def write_pdf(path, title: str, lines: list[str], per_line: int = 28,  # noqa: ANN001
              running_header: str | None = None) -> int:
    """A PDF as a typesetter makes one: CJK font, paragraphs indented two characters and
    wrapped at ``per_line`` characters, a running header and a page number on every page.
    Returns the number of pages."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    size, left, top, bottom = 12, 72, 780, 72
    c = canvas.Canvas(str(path))
    page = 1
    y = top

    def furniture() -> None:
        c.setFont("STSong-Light", 9)
        c.drawString(left, 810, (running_header or title).format(page=page))
        c.drawCentredString(300, 40, f"- {page} -")
        c.setFont("STSong-Light", size)

    furniture()
    c.setFont("STSong-Light", 16)
    c.drawString(left, y, title)
    y -= 30
    c.setFont("STSong-Light", size)
    for line in lines:
        indent = 0 if re.match(r"^第\S+[章节]", line) else 2
        chunks: list[str] = []
        while line:  # fill the measure by width, as a typesetter does (digits are narrow)
            room = (per_line - (indent if not chunks else 0)) * size
            cut = 1
            while cut < len(line) and pdfmetrics.stringWidth(
                    line[:cut + 1], "STSong-Light", size) <= room:
                cut += 1
            chunks.append(line[:cut])
            line = line[cut:]
        for i, chunk in enumerate(chunks):
            if y < bottom:
                c.showPage()
                page += 1
                furniture()
                y = top
            c.drawString(left + (indent * size if i == 0 else 0), y, chunk)
            y -= size * 1.6
    c.save()
    return page


@pytest.mark.parametrize("doc_id", ["genai-2023-final", "csl"])
def test_pdf_parses_to_the_tree_of_the_text(tmp_path, doc_id):
    expected = regtext.load(doc_id)
    path = tmp_path / f"{doc_id}.pdf"
    pages = write_pdf(path, expected.title, body_lines(doc_id))
    assert pages > 2  # headers, footers and page breaks are exercised
    doc = regtext.read(path)
    assert tree(doc) == tree(expected)
    assert doc.title == expected.title
    text, _ = office.pdf_text(path)
    assert "- 2 -" not in text and text.count(expected.title) == 1  # furniture gone


def test_pdf_running_header_with_changing_numbers_is_removed(tmp_path):
    expected = regtext.load("dsl")
    path = tmp_path / "gazette.pdf"
    write_pdf(path, expected.title, body_lines("dsl"),
              running_header="中华人民共和国全国人民代表大会常务委员会公报 2021年第{page}期")
    text, _ = office.pdf_text(path)
    assert "公报" not in text
    assert tree(regtext.read(path)) == tree(expected)


def test_pdf_wrapped_lines_are_rejoined_but_paragraphs_kept(tmp_path):
    path = tmp_path / "wrap.pdf"
    lines = body_lines("genai-2023-final")
    write_pdf(path, "生成式人工智能服务管理暂行办法", lines, per_line=20)
    text, _ = office.pdf_text(path)
    got = [squash(x) for x in text.split("\n")[1:]]  # after the title
    assert got == [squash(x) for x in lines]


def test_scanned_pdf_says_to_run_ocr(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(50, 50, 400, 600, fill=1)  # an image-only page: shapes, no text
    c.showPage()
    c.rect(50, 50, 400, 600, fill=1)
    c.save()
    with pytest.raises(UnreadableFileError, match="no text layer.*OCR") as err:
        regtext.read(path)
    assert "scan.pdf" in str(err.value) and isinstance(err.value, ValueError)


def test_legacy_doc_says_to_save_as_docx(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(UnreadableFileError, match=r"old\.doc: legacy Word \.doc.*Save As \.docx"):
        regtext.read(path)
    renamed = tmp_path / "old.txt"  # the content decides, not the name
    renamed.write_bytes(path.read_bytes())
    with pytest.raises(UnreadableFileError, match="legacy Word"):
        regtext.read(renamed)


def test_damaged_docx_and_pdf(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UnreadableFileError, match=r"bad\.docx: not a valid \.docx"):
        regtext.read(bad)
    pdf = tmp_path / "bad.pdf"
    pdf.write_bytes(b"%PDF-1.7\n garbage")
    with pytest.raises(UnreadableFileError, match=r"bad\.pdf: not a readable PDF"):
        regtext.read(pdf)


def test_size_page_and_zip_ratio_limits(tmp_path, monkeypatch):
    path = tmp_path / "law.docx"
    write_docx(path, "办法", ["第一条 为了测试，制定本办法。"])
    monkeypatch.setattr(office, "MAX_FILE_BYTES", 1000)
    with pytest.raises(UnreadableFileError, match="over the 0 MB limit"):
        regtext.read(path)
    monkeypatch.undo()
    # a zip bomb: one part that unpacks a thousand times its packed size
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path) as z, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for name in z.namelist():
            out.writestr(name, z.read(name))
        out.writestr("word/media/padding.xml", b"0" * 5_000_000)
    with pytest.raises(UnreadableFileError, match="zip bomb"):
        regtext.read(bomb)
    assert len(regtext.read(path).articles) == 1  # the same file without the padding is fine
    pdf = tmp_path / "long.pdf"
    write_pdf(pdf, "办法", ["第一条 测试。"] * 80)
    monkeypatch.setattr(office, "MAX_PDF_PAGES", 1)
    with pytest.raises(UnreadableFileError, match="pages is over the 1-page limit"):
        regtext.read(pdf)


def test_cli_reads_docx_and_pdf_and_explains_unreadable_files(tmp_path, capsys):
    path = tmp_path / "genai.docx"
    write_docx(path, "生成式人工智能服务管理暂行办法", body_lines("genai-2023-final"))
    pdf = tmp_path / "genai.pdf"
    write_pdf(pdf, "生成式人工智能服务管理暂行办法", body_lines("genai-2023-final"))
    assert main(["parse", str(path)]) == 0
    assert "— 24 articles" in capsys.readouterr().out
    assert main(["diff", str(path), str(pdf), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "added" not in out and "deleted" not in out
    old = tmp_path / "old.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert main(["parse", str(old)]) == 2
    err = capsys.readouterr().err
    assert "old.doc: legacy Word .doc" in err and "Traceback" not in err


def test_chinese_counting_matches_the_numerals_module():
    assert [office._format_number(n, "chineseCounting") for n in (1, 10, 24, 105)] == [
        int_to_cn(n) for n in (1, 10, 24, 105)]
    assert office._format_number(4, "decimal") == "4"
    assert office._format_number(4, "hebrew1") is None


def test_docx_tracked_changes_are_read_as_accepted(tmp_path):
    # a lawyer's redline of genai 第二十四条: 公布之日 deleted, 2023年8月15日 inserted
    d = docx.Document()
    para = d.add_paragraph()
    para.add_run("第二十四条 本办法自")
    para._p.append(parse_xml(
        f'<w:del {_W} w:id="1" w:author="律师" w:date="2023-07-10T00:00:00Z">'
        '<w:r><w:delText>公布之日</w:delText></w:r></w:del>'))
    para._p.append(parse_xml(
        f'<w:ins {_W} w:id="2" w:author="律师" w:date="2023-07-10T00:00:00Z">'
        '<w:r><w:t>2023年8月15日</w:t></w:r></w:ins>'))
    para.add_run("起施行。")
    d.add_paragraph("第二十五条 其他。")
    path = tmp_path / "redline.docx"
    d.save(path)
    text, notes = office.docx_text(path)
    assert text.split("\n")[0] == "第二十四条 本办法自2023年8月15日起施行。"
    assert notes == ["1 paragraph(s) carry tracked changes; read as if all were accepted "
                     "(insertions kept, deletions dropped)"]
    assert regtext.read(path).get("24").text == "本办法自2023年8月15日起施行。"


@pytest.mark.parametrize(("head", "what"), [(b"%PDF-1.7\n\x00\x01", "a PDF"),
                                            (b"PK\x03\x04\x14\x00\x00", "a Word .docx"),
                                            (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "legacy")])
def test_parse_of_office_bytes_says_to_use_read(head, what):
    doc = regtext.parse(head + b"\x00" * 100)
    assert not doc.articles
    assert what in doc.warnings[0].message and "regtext.read(path)" in doc.warnings[0].message
    assert "regtext.read" not in regtext.parse(b"\x00\x01\x02binary").warnings[0].message


def test_docx_content_controls_are_read(tmp_path):
    # a template wraps the articles in a content control (w:sdt): they are read in order
    d = docx.Document()
    d.add_paragraph("第一条 为了测试，制定本办法。")
    sdt = parse_xml(f'<w:sdt {_W}><w:sdtPr/><w:sdtContent>'
                    '<w:p><w:r><w:t>第二条 本办法由国家网信部门负责解释。</w:t></w:r></w:p>'
                    '</w:sdtContent></w:sdt>')
    d.element.body.insert(1, sdt)
    d.add_paragraph("第三条 本办法自公布之日起施行。")
    path = tmp_path / "template.docx"
    d.save(path)
    assert [a.ref for a in regtext.read(path).articles] == ["1", "2", "3"]
