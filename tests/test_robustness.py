"""Never refuse input, never lose text: bad inputs get clear messages; fuzzed laws keep every
character (hypothesis, bounded so CI stays fast)."""

from __future__ import annotations

import functools
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import regtext
from regtext.corpus import text as corpus_text
from regtext.text.normalize import fold
from regtext.text.numerals import int_to_cn

warnings.filterwarnings("ignore", category=regtext.CorpusWarning)

_CN_KIND = {"part": "编", "subpart": "分编", "chapter": "章", "section": "节"}


def squash(text: str) -> str:
    """Matching form without any whitespace: what 'the same text' means below."""
    return "".join(fold(text).split())


def own_text(node: regtext.Node, inferred: frozenset[int] = frozenset()) -> str:
    """The part of the body a node holds itself (its marker, heading or lead). A heading
    read from a line without its 第X章 marker (an ``inferred-heading``) holds just that line."""
    if node.kind in _CN_KIND:
        if node.line in inferred:
            return node.heading
        return f"第{int_to_cn(int(node.number))}{_CN_KIND[node.kind]}{node.heading}"
    if node.kind == "article":
        return node.label
    return node.lead


def body_of(doc: regtext.Document) -> str:
    inferred = frozenset(w.line for w in doc.warnings if w.kind == "inferred-heading")
    return "".join(squash(own_text(n, inferred)) for n in doc)


def kinds(doc: regtext.Document, kind: str) -> list[regtext.ParseWarning]:
    return [w for w in doc.warnings if w.kind == kind]


# -- bad inputs, each with the message the user sees ------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\n\u3000\u3000\n", "\ufeff"])
def test_empty_input(text):
    doc = regtext.parse(text)
    assert doc.articles == [] and len(doc) == 0
    assert "empty input" in kinds(doc, "empty")[0].message


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x01\x02\x03",
    bytes(range(256)) * 4,
])
def test_binary_input(data):
    doc = regtext.parse(data, id="scan.pdf")
    assert doc.articles == []
    msg = kinds(doc, "binary")[0].message
    assert "scan.pdf" in msg and "binary data" in msg


def test_binary_str_input():
    doc = regtext.parse("\x00\x01\x02第一条 测试\x00")
    assert "binary" in {w.kind for w in doc.warnings} and not doc.articles


def test_gbk_bytes_say_which_encoding(tmp_path):
    raw = corpus_text("dsl")
    data = raw.encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    doc = regtext.parse(data)
    assert len(doc.articles) == 55
    assert "GB18030" in kinds(doc, "encoding")[0].message
    path = tmp_path / "dsl-gbk.txt"
    path.write_bytes(data)
    doc = regtext.read(path)
    assert len(doc.articles) == 55 and doc.get("21").text == regtext.load("dsl").get("21").text
    assert "dsl-gbk" in kinds(doc, "encoding")[0].message


@pytest.mark.parametrize("data", [b"\xfe\xff\x00", b"\xff\xfe\x2c\x7b\x00"])
def test_utf16_bom_with_odd_byte_count_is_a_warning_not_a_crash(data):
    doc = regtext.parse(data)
    assert "truncated" in kinds(doc, "encoding")[0].message


def test_utf16_with_bom():
    doc = regtext.parse(corpus_text("deep-synthesis").encode("utf-16"))
    assert len(doc.articles) == 25 and "UTF-16" in kinds(doc, "encoding")[0].message


def test_twenty_megabyte_file(tmp_path):
    # long articles made of real PIPL text: 20 MB on disk, parsed whole, with a warning
    arts = [a.text.replace("\n", "") for a in regtext.load("pipl").articles]
    lines, size, n = [], 0, 0
    while size < 20_000_000:
        n += 1
        line = f"第{int_to_cn(n)}条 " + arts[n % len(arts)] * 8 + "\n\n"
        lines.append(line)
        size += len(line.encode("utf-8"))
    path = tmp_path / "big.md"
    path.write_text("".join(lines), encoding="utf-8")
    assert path.stat().st_size >= 20_000_000
    doc = regtext.read(path)
    assert len(doc.articles) == n
    assert doc.articles[-1].ref == str(n)
    assert "large input" in kinds(doc, "large-input")[0].message
    assert not kinds(doc, "skipped-number") and not kinds(doc, "duplicate-number")


def test_file_without_articles(tmp_path):
    path = tmp_path / "notice.md"
    # the 题注 and title of a real law, but none of its articles
    path.write_text("\n\n".join(corpus_text("pipl").split("\n\n")[:3]), encoding="utf-8")
    doc = regtext.read(path)
    assert doc.articles == [] and doc.title == "中华人民共和国个人信息保护法"
    assert "no articles" in kinds(doc, "no-articles")[0].message


def test_unknown_corpus_id_lists_close_matches():
    with pytest.raises(KeyError) as info:
        regtext.load("pipx")
    msg = str(info.value)
    assert "pipx" in msg and "'pipl'" in msg and "did you mean" in msg


def test_html_with_scripts_message():
    page = ("<html><head><script>alert('第一条 假')</script><style>.x{}</style></head><body>"
            + "".join(f"<p>第{int_to_cn(i + 1)}条 {a.text}</p>"
                      for i, a in enumerate(regtext.load("dsl").articles[:3]))
            + "<script>var law = '第四条 假';</script></body></html>")
    doc = regtext.parse(page)
    assert [a.ref for a in doc.articles] == ["1", "2", "3"]
    assert "假" not in doc.text
    assert "scripts" in kinds(doc, "html")[0].message


def test_traditional_message():
    opencc = pytest.importorskip("opencc")
    doc = regtext.parse(opencc.OpenCC("s2t").convert(corpus_text("dsl")))
    assert len(doc.articles) == 55
    assert "traditional characters" in kinds(doc, "traditional")[0].message


@pytest.mark.parametrize("value", [None, 42, ["第一条"]])
def test_wrong_type_names_it(value):
    with pytest.raises(TypeError, match=type(value).__name__):
        regtext.parse(value)


# -- corpus texts: the canonical body is exactly what the tree holds --------------------


@pytest.mark.parametrize("doc_id", ["genai-2023-draft", "pipl", "criminal-law", "copyright",
                                    "civil-code-personality", "minors-online"])
def test_corpus_text_round_trip(doc_id):
    doc = regtext.load(doc_id)
    assert body_of(doc) == squash(doc.text)
    refs = [n.ref for n in doc]
    assert len(refs) == len(set(refs))


# -- fuzzing ------------------------------------------------------------------------------

_HAN = "的法规定本条例国家应当提供者个人信息处理数据安全网络服务管理部门违反责任罚款组织"
_PUNCT = "，。；：、“”（）《》"
sentence = st.text(alphabet=_HAN + _PUNCT + "0123456789１２３ABC", min_size=1, max_size=40)
cn_num = st.integers(min_value=1, max_value=40).map(int_to_cn)
space = st.sampled_from([" ", "\u3000", "  ", "\u3000\u3000", "\u2003", "\u2002\u2002", "\u00a0",
                         "\t", "\u200b", ""])  # "" drops the separator (第七十条以…)


@st.composite
def law_line(draw, heading_no):  # noqa: ANN001
    kind = draw(st.sampled_from(["article", "article", "article", "inserted", "heading",
                                 "item", "item_half", "subitem", "prose", "xref", "note",
                                 "appendix", "wide", "spaced"]))
    if kind == "article":
        return f"第{draw(cn_num)}条{draw(space)}{draw(sentence)}"
    if kind == "inserted":
        return f"第{draw(cn_num)}条之一{draw(space)}{draw(sentence)}"
    if kind == "heading":
        heading_no.append(len(heading_no) + 1)  # headings never repeat: no accidental 目录
        unit = draw(st.sampled_from(["编", "章", "节"]))
        return f"第{int_to_cn(len(heading_no))}{unit}{draw(space)}标题{len(heading_no)}号"
    if kind == "item":
        return f"（{draw(cn_num)}）{draw(sentence)}"
    if kind == "item_half":
        return f"({draw(cn_num)}){draw(sentence)}"
    if kind == "subitem":
        return f"{draw(st.integers(1, 9))}{draw(st.sampled_from(['．', '.']))}{draw(sentence)}"
    if kind == "xref":
        return f"第{draw(cn_num)}条规定的{draw(sentence)}"
    if kind == "note":
        return f"2021年8月20日第十三届全国人民代表大会常务委员会第三十次会议通过{draw(sentence)}"
    if kind == "appendix":
        return "附件一"
    if kind == "spaced":  # a PDF copy spacing out every character of the number
        return f"第 {' '.join(draw(cn_num))} 条{draw(space)}{draw(sentence)}"
    if kind == "wide":
        return f"{draw(space)}第{draw(cn_num)}条{draw(space)}（一）{draw(sentence)}{draw(space)}"
    return draw(sentence)


@st.composite
def law_text(draw):  # noqa: ANN001
    heading_no: list[int] = []
    lines = draw(st.lists(law_line(heading_no), min_size=0, max_size=25))
    seps = draw(st.lists(st.sampled_from(["\n", "\n\n", "\r\n"]), min_size=len(lines),
                         max_size=len(lines)))
    return "".join(line + sep for line, sep in zip(lines, seps))


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.text(max_size=300))
def test_parse_never_raises_on_any_text(text):
    doc = regtext.parse(text)
    refs = [n.ref for n in doc]
    assert len(refs) == len(set(refs))


@FUZZ
@given(st.binary(max_size=300))
def test_parse_never_raises_on_any_bytes(data):
    assert isinstance(regtext.parse(data), regtext.Document)


@FUZZ
@given(law_text())
def test_no_text_lost_or_duplicated(text):
    doc = regtext.parse(text)
    refs = [n.ref for n in doc]
    assert len(refs) == len(set(refs)), "refs are unique"
    # the tree holds exactly the canonical body ...
    assert body_of(doc) == squash(doc.text)
    # ... and the body plus title and 题注 is every character of the input
    kept = squash(doc.title) + squash("".join(doc.notes)) + body_of(doc)
    assert sorted(kept) == sorted(squash(text))
    source = iter(squash(text))  # and the body keeps the input's order
    assert all(ch in source for ch in body_of(doc))


def _diff_frame(a: regtext.Document, b: regtext.Document):
    diff = pytest.importorskip("regtext.compare.comparison").diff
    return diff(a, b).to_frame(level="article")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(law_text())
def test_diff_with_itself_is_all_unchanged(text):
    doc = regtext.parse(text)
    df = _diff_frame(doc, doc)
    assert set(df["change"]) <= {"unchanged"}
    assert len(df) == len(doc.articles)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(law_text(), law_text())
def test_diff_mirrors(text_a, text_b):
    a, b = regtext.parse(text_a), regtext.parse(text_b)
    ab, ba = _diff_frame(a, b), _diff_frame(b, a)
    swap = {"added": "deleted", "deleted": "added"}

    def rows(df, flip):  # noqa: ANN001
        out = []
        for r in df.itertuples():
            old, new = (r.new_ref, r.old_ref) if flip else (r.old_ref, r.new_ref)
            change = swap.get(r.change, r.change) if flip else r.change
            out.append((old if isinstance(old, str) else None,
                        new if isinstance(new, str) else None, change))
        return sorted(out, key=repr)

    assert rows(ab, False) == rows(ba, True)


def test_long_hard_wrapped_text_is_one_paragraph():
    # a PDF copy of one long 款 wrapped every 30 characters and never ending a sentence; once
    # quadratic (each join re-scanned the growing line), so this is also a slowness canary
    prose = regtext.load("pipl").get("51").text.replace("。", "，").replace("\n", "")
    wrapped = [prose[i:i + 30] for i in range(0, len(prose), 30)] * 200
    doc = regtext.parse("第一条 " + "\n".join(wrapped))
    assert [n.ref for n in doc] == ["1", "1.1"]
    assert doc.get("1.1").text == "".join(wrapped)


@pytest.mark.parametrize("line", ["第一条 {t}", "第一章 总则", "（一）{t}", "第二十条规定的{t}"])
def test_thousands_of_repeated_lines(line):
    # pasted twice, or a run-away export: every copy is kept, refs stay unique (and quickly:
    # duplicate refs were numbered by rescanning #2, #3… from the start)
    t = regtext.load("pipl").get("1").text
    text = "第一条 开头。\n" + "\n".join(line.format(t=t) for _ in range(3000))
    doc = regtext.parse(text)
    refs = [n.ref for n in doc]
    assert len(refs) == len(set(refs))
    assert body_of(doc) == squash(doc.text)
    assert squash(doc.text).count(squash(line.format(t=t))) == 3000


@functools.lru_cache(maxsize=1)
def _s2t():
    return pytest.importorskip("opencc").OpenCC("s2t")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(law_text())
def test_traditional_copy_parses_the_same(text):
    simple, trad = regtext.parse(text), regtext.parse(_s2t().convert(text))
    assert [n.ref for n in trad] == [n.ref for n in simple]
    assert [(w.kind, w.line) for w in trad.warnings if w.kind != "traditional"] == \
        [(w.kind, w.line) for w in simple.warnings]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(law_text())
def test_html_copy_parses_the_same(text):
    import html

    lines = [ln for ln in text.replace("\r", "").split("\n") if ln.strip()]
    page = ("<html><head><style>p{}</style></head><body>"
            + "".join(f"<p>{html.escape(ln)}</p>\n" for ln in lines)
            + "<script>var x = '第九十九条 脚本';</script></body></html>")
    plain, web = regtext.parse("\n\n".join(lines)), regtext.parse(page)
    assert [n.ref for n in web] == [n.ref for n in plain]
    assert web.text == plain.text


@pytest.mark.parametrize(("encoding", "says"), [("big5", "BIG5"), ("gbk", "GB18030")])
def test_traditional_bytes_pick_the_right_encoding(encoding, says):
    # Big5 bytes also decode as GB18030, into nonsense; GBK can hold traditional text too
    trad = _s2t().convert(corpus_text("dsl"))
    doc = regtext.parse(trad.encode(encoding, errors="replace"))
    assert len(doc.articles) == 55
    assert doc.title == "中華人民共和國數據安全法"
    assert says in kinds(doc, "encoding")[0].message


def test_guard_warns_naming_the_document_or_raises_when_strict():
    import warnings

    from regtext._guard import DocumentFailure, guard

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with guard("parse", "law-x", strict=False):
            raise RuntimeError("bad")
    assert caught[0].category is DocumentFailure and "law-x" in str(caught[0].message)
    with pytest.raises(RuntimeError), guard("parse", "law-x", strict=True):
        raise RuntimeError("bad")
