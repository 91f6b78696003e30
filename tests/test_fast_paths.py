"""The shortcuts that make the corpus pipeline fast must give what the plain code gives.

Each shortcut is checked against the slow form it replaces, on real law text, and on the case
where it must not apply.
"""

from __future__ import annotations

import re

import pytest

import regtext
from regtext import rules
from regtext.extract import citing, norms

# real law text (LawRefBook clauses: duties, a penalty clause, a policy)
_LAW = (
    "经营者应当使用经检定合格的计量器具，以法定计量单位作为结算标准，保证计量结果准确。"
    "不得使用未经检定、检定不合格或者超过检定周期的计量器具。"
    "违反本条例第十二条规定的，由县级以上人民政府计量行政部门责令改正，可以并处一万元以下罚款；"
    "构成犯罪的，依法追究刑事责任。国家鼓励和支持计量科学技术研究。"
)


@pytest.mark.parametrize("pattern", ["modal", "penalty"])
def test_skip_ahead_keeps_every_match_of_the_norm_regexes(pattern):
    fast = norms._MODAL_RE if pattern == "modal" else norms._PENALTY_RE
    assert fast.pattern.startswith("(?=["), "the lookahead is in place"
    plain = re.compile(fast.pattern[fast.pattern.index("])(?:") + 5: -1])
    text = _LAW + regtext.load("genai-2023-final").text
    got = [(m.span(), m.lastgroup) for m in fast.finditer(text)]
    assert got, "the text has modal words and sanctions"
    assert got == [(m.span(), m.lastgroup) for m in plain.finditer(text)]


def test_first_chars_of_a_table_pattern():
    # lookbehinds take no character: 有 starts 有…的义务 whatever may not precede it
    assert rules.first_chars(r"(?<![没享具])有(?:[^，。；有的]{1,16}的)?义务") == "有"
    assert rules.first_chars(r"(?:予以|给予|处以)[^，。；：]{0,12}?处罚") == "予处给"


@pytest.mark.parametrize("pattern", [r"(?:依法)?处罚", r"[^，。]{0,3}罚款", r"\w+法", r"(?=第)",
                                     r"(?i:a)b", ""])
def test_skip_ahead_leaves_what_it_cannot_list(pattern):
    # an optional start, a negated class, a category, only a lookahead, case folding, nothing
    assert rules.first_chars(pattern) is None
    assert rules.skip_ahead(pattern) == pattern


def test_widths_folds_like_translate():
    text = "依照（ＧＢ１２３４５）和(草案)\u3000第二条\t规定。" + _LAW
    assert citing._widths(text) == text.translate(citing._WIDTHS)
    assert citing._widths(_LAW) == _LAW  # nothing to fold: the same text


def _plain_segments(masked, s, e):
    """The segments as first written: cut at every mark, then strip and drop blank ones."""
    out, start = [], s
    for m in re.finditer(r"[，；：。！？]", masked[s:e]):
        out.append([start, s + m.start(), masked[start:s + m.start()], m.group(0)])
        start = s + m.start() + 1
    if start < e:
        out.append([start, e, masked[start:e], ""])
    for seg in out:
        seg[0] += len(seg[2]) - len(seg[2].lstrip())
        seg[2] = seg[2].lstrip()
    return [tuple(x) for x in out if x[2].strip()]


@pytest.mark.parametrize("masked", [
    "   （一）   ，  ，经营者应当，  不得。",
    norms._mask(_LAW),
    norms._mask("（二）擅自改变用途的；"),
    "，，。",
    "",
])
def test_segments_are_cut_as_before(masked):
    got = [(x.start, x.end, x.text, x.punct) for x in norms._segments(masked, 0, len(masked))]
    assert got == _plain_segments(masked, 0, len(masked))
    assert all(masked[a:b] == t for a, b, t, _ in got)


def test_segments_keep_trailing_blanks_and_drop_blank_ones():
    segs = norms._segments("   （一）   ，  ，不得。", 0, 16)
    assert [(x.text, x.punct) for x in segs] == [("（一）   ", "，"), ("不得", "。")]


def _count_subject_tagging(monkeypatch) -> list[int]:
    calls: list[int] = []
    plain = norms._sentence_subject

    def counted(*args, **kwargs):
        calls.append(1)
        return plain(*args, **kwargs)

    monkeypatch.setattr(norms, "_sentence_subject", counted)
    return calls


def test_a_sentence_subject_is_tagged_when_a_later_norm_needs_it(monkeypatch):
    calls = _count_subject_tagging(monkeypatch)
    found = norms.find_norms("施工单位应当对建设工程材料进行进货检验和质量检测。"
                             "不得使用不合格的建设工程材料。")
    assert [(n.actor, n.modality) for n in found] == [("施工单位", "obligation"),
                                                      ("施工单位", "prohibition")]
    assert calls, "the second sentence names no subject: the first one's is read"


def test_a_sentence_subject_is_not_tagged_when_every_norm_names_its_actor(monkeypatch):
    calls = _count_subject_tagging(monkeypatch)
    found = norms.find_norms(
        "城市供水专业经营单位应当与用户签订供水用水合同，明确供水用水双方权利义务。"
        "城市供水专业经营单位不得拒绝用户合理的订立合同要求。")
    assert [n.modality for n in found] == ["obligation", "prohibition"]
    assert calls == []


def test_a_long_chain_of_subjectless_sentences_does_not_recurse():
    # one link per sentence: thousands of sentences must not hit the recursion limit
    text = "施工单位应当检验材料。" + "不得使用不合格材料。" * 1200
    found = norms.find_norms(text)
    assert len(found) == 1201 and {n.actor for n in found} == {"施工单位"}


@pytest.mark.parametrize("ref", ["21.1.2", "21", "2.1", "211.1"])
def test_containing_refs_as_the_plain_scan_finds_them(ref):
    by = ["21.1", "3", "21", "21.1.2", "2", "21.1.20"]  # sanctioned refs, in the order found
    plain = [r for r in by if ref == r or ref.startswith(r + ".")]
    assert norms._containing(ref, {r: k for k, r in enumerate(by)}) == plain


def test_a_sanction_of_an_article_reaches_its_paragraphs():
    # 违反…第一条 sanctions article 1: its paragraph 1.1 gets the penalty clause in sanctioned_by
    doc = regtext.parse("测试条例\n第一条 经营者应当明码标价。\n第二条 违反本条例第一条规定的，"
                        "由市场监督管理部门责令改正，处一万元以下罚款。", id="t")
    df = regtext.obligations(doc)
    duty = df[df.modality == "obligation"].iloc[0]
    assert duty.ref == "1.1" and list(duty.sanctioned_by) == ["2.1"]
    assert all(not list(x) for x in df[df.modality == "penalty"].sanctioned_by)


# -- start-up and scheduling (session 18) ---------------------------------------------------


def test_jieba_cache_read_from_bytes_equals_jiebas_own_load(tmp_path, monkeypatch):
    import tempfile

    import jieba

    from regtext.extract import segmentation

    jieba.setLogLevel(60)
    ordinary = jieba.Tokenizer()
    ordinary.initialize()  # writes (or reads) jieba.cache in the temp folder
    fast = jieba.Tokenizer()
    assert segmentation._load_jieba_cache(fast)
    assert fast.initialized and fast.total == ordinary.total and fast.FREQ == ordinary.FREQ
    # no cache file (a fresh temp folder): nothing is changed, jieba builds it itself
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    empty = jieba.Tokenizer()
    assert not segmentation._load_jieba_cache(empty)
    assert not empty.initialized and empty.FREQ == {}
    # a tokenizer someone configured (its own dictionary) is left to jieba
    custom = jieba.Tokenizer(str(tmp_path / "dict.txt"))
    assert not segmentation._load_jieba_cache(custom)


def test_a_damaged_jieba_cache_falls_back_to_jieba(tmp_path, monkeypatch):
    import tempfile

    import jieba

    from regtext.extract import segmentation

    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    (tmp_path / "jieba.cache").write_bytes(b"\x00not marshal data")
    tok = jieba.Tokenizer()
    assert not segmentation._load_jieba_cache(tok) and not tok.initialized


def test_control_bytes_counted_at_c_speed_as_by_the_loop():
    from regtext.text.normalize import looks_binary_bytes

    law = "第一条 为了规范数据处理活动，保障数据安全，制定本法。\n".encode()
    for text, binary in ((law, False), (law + b"\t\r\x0c\x1b" * 3, False),
                         (law + b"\x01\x02\x03\x1f" * 3, True), (b"\x07" + law, False)):
        head = text[:8192]
        loop = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27)) / len(head)
        assert looks_binary_bytes(text) is binary is (loop > 0.05), text


def test_pool_gets_the_largest_files_first_and_results_come_back_in_order(tmp_path):
    from concurrent.futures import Executor, Future

    from regtext.text.numerals import int_to_cn

    sizes = [3, 40, 1, 25, 2, 60, 5]
    paths = []
    for i, n in enumerate(sizes):
        p = tmp_path / f"{i}.md"
        p.write_text("测试条例\n" + "".join(f"第{int_to_cn(k)}条 甲。\n"
                                                  for k in range(1, n + 1)), encoding="utf-8")
        paths.append(p)

    class Recording(Executor):
        def __init__(self) -> None:
            self.tasks: list[list[str]] = []

        def submit(self, fn, /, *args, **kwargs):  # noqa: ANN001
            self.tasks.append([str(p) for p in args[1]])
            fut: Future = Future()
            fut.set_result(fn(*args, **kwargs))
            return fut

    ex = Recording()
    counts = regtext.map_many(_article_count, paths, executor=ex)
    assert counts == sizes  # input order, whatever order the tasks ran in
    first = [int(t[0].rsplit("/", 1)[1].split(".")[0]) for t in ex.tasks]
    assert sizes[first[0]] == 60 and sizes[first[-1]] != 60  # biggest first, smallest last
    ran = [int(p.rsplit("/", 1)[1].split(".")[0]) for t in ex.tasks for p in t]
    assert [sizes[i] for i in ran] == sorted(sizes, reverse=True)
    # in tasks of two, neighbours stay together (versions of one law share a worker's
    # caches): the runs (0, 1) (2, 3) (4, 5) (6) go heaviest first, each in input order
    ex = Recording()
    assert regtext.map_many(_article_count, paths, executor=ex, chunksize=2) == sizes
    assert [[int(p.rsplit("/", 1)[1].split(".")[0]) for p in t] for t in ex.tasks] == [
        [4, 5], [0, 1], [2, 3], [6]]


def _article_count(doc: regtext.Document) -> int:
    return len(doc.articles)


def test_tag_table_read_without_posseg_equals_posseg_and_tags_the_same():
    import io

    import jieba
    import jieba.posseg

    from regtext.extract import segmentation
    from regtext.extract.pipeline import dictionary_path

    tags = segmentation._word_tags(jieba.dt)
    assert tags == jieba.posseg.POSTokenizer(jieba.dt).word_tag_tab  # posseg's own reading
    legal = jieba.Tokenizer()
    legal.load_userdict(dictionary_path())
    route = segmentation._route_tags(legal.FREQ, {**tags, **legal.user_word_tag_tab},
                                     legal.total)
    posseg = jieba.posseg.POSTokenizer(legal)
    posseg.word_tag_tab = dict(tags)
    for text in [*_LAW.split("。"), "第1条 AI技术a1b2、C++ 12.5%\r\n x"]:
        assert route(text) == tuple((p.word, p.flag) for p in posseg.lcut(text, HMM=False))

    class Dict:  # a dictionary posseg reads differently (blank line, tab): left to posseg
        def __init__(self, data: bytes) -> None:
            self.data = data

        def get_dict_file(self):  # noqa: ANN201
            return io.BytesIO(self.data)

    assert segmentation._word_tags(Dict("应当 9 v\n提供者 3 n\n".encode())) == {
        "应当": "v", "提供者": "n"}
    assert segmentation._word_tags(Dict("应当 9 v\n\n提供者 3 n\n".encode())) is None
    assert segmentation._word_tags(Dict("应当 9\tv\n".encode())) is None
    assert segmentation._word_tags(Dict("应当 9 v x\n".encode())) is None


@pytest.mark.parametrize("pattern, words", [
    (r"(?<![没享具])有(?:[^，。；有的]{1,16}的)?义务", ("义务",)),  # the longest sure word
    # of two sure sets, the one with fewer words of the same length
    (r"(?:予以|给予|处以)[^，。；：]{0,12}?(?:处罚|处分)", ("处分", "处罚")),
    (r"吊销|(?<!被)责令(?!其?说明)", ("吊销", "责令")),
    (r"处[^，。；]{0,24}?(?:拘役|罚金)", ("拘役", "罚金")),
    (r"[罚惩]款", ("惩款", "罚款")),  # a small class spelled out with the word it opens
    (r"[罚惩]", ("惩", "罚")),  # a small class: each of its characters
])
def test_required_words_of_a_pattern(pattern, words):
    got = rules.required_words(pattern)
    assert got is not None and set(got) == set(words)
    for m in re.finditer(pattern, _LAW + "处三日拘役，并处罚金；予以警告处分。"):
        assert any(w in m.group(0) for w in got), m.group(0)


@pytest.mark.parametrize("pattern", [r"(?:依法)?处罚|[^，]+", r"\w+", r"(?=第)", r".罚?", ""])
def test_required_words_none_when_an_alternative_has_no_sure_word(pattern):
    assert rules.required_words(pattern) is None


def test_penalty_hint_holds_wherever_a_sanction_phrase_matches():
    """The pre-test of the sanction patterns never rules out a clause they match: every match
    of the penalty table's rows in whole laws holds one of the hint's words."""
    texts = [regtext.load(i).text for i in ("criminal-law", "csl", "pipl", "genai-2023-final")]
    matched = 0
    for text in texts + [_LAW]:
        for clause in re.split(r"[，；：。！？\n]", text):
            for pat in (norms._PENALTY_RE, norms._PENALTY_BY_REFERENCE_RE):
                for m in pat.finditer(clause):
                    matched += 1
                    assert norms._PENALTY_HINT.search(m.group(0)), m.group(0)
    assert matched > 50
    assert norms._PENALTY_HINT.search("国家鼓励和支持计量科学技术研究") is None


def test_parse_nodes_built_field_by_field_equal_dataclass_nodes():
    from dataclasses import fields

    from regtext.text.model import Node
    from regtext.text.parser import _node

    values = ("paragraph", "2", "7.2", "第七条第二款", "art_7__para_2", "提供者应当…",
              "提供者应当…", "", (), 12, 14)
    fast, plain = _node(*values), Node(*values)
    assert fast == plain and repr(fast) == repr(plain)
    assert list(fast.__dict__) == [f.name for f in fields(Node)]  # a field added to Node fails


def test_tagger_block_memory_gives_the_same_words_twice():
    from regtext.extract.segmentation import pos_tags

    text = "由县级以上地方人民政府公安机关责令改正"
    first = pos_tags(text)
    assert pos_tags(text) == first  # the second cut comes from the block memory
    assert pos_tags("县级以上地方人民政府") == first[1:4]  # a shorter block: its own words


def test_norms_built_without_setattr_equal_dataclass_norms():
    from dataclasses import fields

    from regtext.extract.norms import Norm, _norm

    values = dict(actor="提供者", modality="obligation", trigger="应当", text="提供者应当…",
                  condition="", exception="", start=0, end=7, actor_raw="提供者")
    fast, plain = _norm(**values), Norm(**values)
    assert fast == plain and repr(fast) == repr(plain)
    assert set(fast.__dict__) == {f.name for f in fields(Norm)}  # every field, defaults too
    assert _norm(**values, inherited=True) != plain
