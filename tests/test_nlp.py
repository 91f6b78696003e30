"""The spaCy pipeline and the jieba legal dictionary."""

from __future__ import annotations

import subprocess
import sys

import pytest

import regtext
from regtext.extract.pipeline import COMPONENTS, jieba_tokenizer, legal_terms, segment


@pytest.fixture(scope="module")
def pipe():
    return regtext.nlp()


def test_built_once(pipe):
    assert regtext.nlp() is pipe


def test_components(pipe):
    assert pipe.lang == "zh"
    assert pipe.pipe_names[0] == "regtext_citations"
    assert set(pipe.pipe_names) <= set(COMPONENTS)


# (corpus clause, a legal term in it that must come out as one token)
TERMS = [
    ("genai-2023-final", "9.1", "提供者"),
    ("genai-2023-final", "10.1", "使用者"),
    ("genai-2023-final", "1.1", "生成式人工智能"),
    ("pipl", "13.1", "个人信息处理者"),
    ("deep-synthesis", "7.1", "深度合成服务提供者"),
    ("csl", "31.1", "关键信息基础设施"),
    ("pipl", "55.1.1", "敏感个人信息"),
    ("network-data", "1.1", "网络数据"),
]


@pytest.mark.parametrize(("doc_id", "ref", "term"), TERMS, ids=[t for _, _, t in TERMS])
def test_legal_terms_stay_whole(pipe, doc_id, ref, term):
    text = regtext.load(doc_id, warn=False).get(ref).text
    assert term in text, "test case must quote the clause"
    assert term in [t.text for t in pipe(text)]
    assert term in segment(text)


def test_dictionary_lists_the_issue_terms():
    assert {"提供者", "个人信息处理者", "生成式人工智能", "深度合成"} <= set(legal_terms())


def test_global_jieba_is_left_alone():
    import jieba

    assert jieba_tokenizer() is not jieba.dt


def test_citation_spans(pipe):
    text = regtext.load("csl").get("59.1").text
    doc = pipe(text)
    assert [c.target_ref for c in doc._.citations] == [None, None]  # no document context
    assert [c.pin for c in doc._.citations] == ["21", "25"]
    spans = doc.spans["citations"]
    assert [s.text for s in spans] == ["本法第二十一条、第二十五条"]
    assert spans[0].label_ == "internal"


def test_document_context_through_user_data(pipe):
    csl = regtext.load("csl")
    doc = pipe.make_doc(csl.get("59.1").text)
    doc.user_data["regtext_document"] = csl
    doc.user_data["regtext_source_ref"] = "59.1"
    for _, proc in pipe.pipeline:
        doc = proc(doc)
    assert [c.target_ref for c in doc._.citations] == ["21", "25"]


def test_obligations_component_when_available(pipe):
    if "regtext_obligations" not in pipe.pipe_names:
        pytest.skip("obligations component not available")
    doc = pipe("提供者不得泄露个人信息。")
    assert [n.modality for n in doc._.norms] == ["prohibition"]


@pytest.mark.parametrize("text", ["", " ", "\n\n", "abc", "《》"])
def test_odd_text(pipe, text):
    doc = pipe(text)
    assert doc._.citations == []
    assert segment(text) == [w for w in segment(text) if w]


# -- one dictionary load per process (the shared tokenizers must segment as fresh ones do) --


def _clauses(doc_id: str) -> list[str]:
    return [n.text for n in regtext.load(doc_id).clauses()]


@pytest.fixture(scope="module")
def fresh_legal():
    """A jieba tokenizer loaded from disk the ordinary way, legal dictionary added."""
    import jieba

    from regtext.extract.pipeline import dictionary_path

    tok = jieba.Tokenizer()
    tok.load_userdict(dictionary_path())
    return tok


@pytest.fixture(scope="module")
def posseg(fresh_legal):
    """jieba's own POS tagger over it (one instance: the first cut takes the user tags over)."""
    import jieba.posseg

    return jieba.posseg.POSTokenizer(fresh_legal)


def test_copied_dictionary_equals_a_fresh_load(fresh_legal):
    mine = jieba_tokenizer()
    assert mine is not fresh_legal
    assert mine.total == fresh_legal.total and mine.FREQ == fresh_legal.FREQ


@pytest.mark.parametrize("doc_id", ["pipl", "criminal-law", "genai-2023-draft"])
def test_pos_tags_equal_jieba_posseg(posseg, doc_id):
    """nlp.pos_tags recomputes jieba.posseg's HMM-free cut: same words, same tags."""
    from regtext.extract.pipeline import pos_tags

    texts = _clauses(doc_id) + ["第1条 AI技术a1b2、C++ 12.5%\r\n x", "ＡＢＣ１２３ 〇", ""]
    for text in texts:
        want = tuple((p.word, p.flag) for p in posseg.lcut(text, HMM=False))
        assert pos_tags(text) == want, text


@pytest.mark.parametrize("doc_id", ["pipl", "criminal-law"])
def test_dictionary_tag_is_the_tag_of_a_whole_word(posseg, doc_id):
    """dictionary_tag(word) is the tag jieba.posseg gives that word wherever it cuts it whole,
    and None for what is no dictionary word (the necessary test before a verb check)."""
    from regtext.extract.segmentation import dictionary_tag

    seen = 0
    for text in _clauses(doc_id):
        for p in posseg.lcut(text, HMM=False):
            if p.word in posseg.word_tag_tab:
                assert dictionary_tag(p.word) == p.flag, p.word
                seen += 1
    assert seen > 100
    assert dictionary_tag("提供") == "v"
    assert dictionary_tag("提供者应当") is None and dictionary_tag("") is None


def test_verb_before_skips_the_tagger_only_when_no_ending_is_a_verb():
    """The dictionary pre-test of _verb_before never changes its answer: every window before
    a modal word of two laws gets the answer of the tagger's last word."""
    from regtext.extract import norms
    from regtext.extract.pipeline import pos_tags

    windows = {c[max(0, i - 6):i] for doc_id in ("pipl", "criminal-law")
               for c in _clauses(doc_id) for i in range(1, len(c)) if c[i] in "应不可禁必"}
    assert len(windows) > 200
    for w in windows:
        toks = pos_tags(w)
        want = bool(toks) and toks[-1][1] == "v" and len(toks[-1][0]) > 1 \
            and toks[-1][0] not in norms._ACTOR_WORDS
        assert norms._verb_before(w) == want, w
    assert norms._verb_before("迫使") and not norms._verb_before("提供者")


def test_plain_tokenizer_has_no_legal_words():
    from regtext.extract.pipeline import plain_tokenizer

    words = plain_tokenizer().lcut("深度合成服务提供者应当落实信息安全主体责任", HMM=False)
    assert "深度合成服务提供者" not in words and "应当" in words


@pytest.mark.parametrize("legal", [True, False])
@pytest.mark.parametrize("doc_id", ["pipl", "criminal-law"])
def test_words_equal_jieba_cut(fresh_legal, doc_id, legal):
    """nlp.words recomputes jieba's HMM-free cut (links and redlines use it)."""
    import jieba

    from regtext.extract.pipeline import words

    tok = fresh_legal if legal else jieba.Tokenizer()
    texts = _clauses(doc_id) + ["第1条 AI技术a1b2、C++ 12.5%\r\n x", "a-b_c.d%e #f&g", ""]
    for text in texts:
        assert words(text, legal) == tok.lcut(text, HMM=False), text


# -- the components, registered the standard way (issue 10) ----------------------------------


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300, check=False)


def test_blank_pipeline_adds_the_components_after_import_regtext():
    done = _run("import regtext, spacy\n"
                "p = spacy.blank('zh')\n"
                "p.add_pipe('regtext_citations'); p.add_pipe('regtext_obligations')\n"
                "d = p('提供者应当遵守《网络安全法》。')\n"
                "print(d._.citations[0].target_doc, d._.norms[0].modality)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["csl", "obligation"]


def test_import_regtext_does_not_import_spacy_or_jieba():
    done = _run("import sys, regtext\n"
                "print('spacy' in sys.modules, 'jieba' in sys.modules)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]


def test_factories_are_listed_as_entry_points():
    from importlib.metadata import entry_points

    names = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    assert names["regtext_citations"] == "regtext.extract.components:make_citations"
    assert names["regtext_obligations"] == "regtext.extract.components:make_obligations"


def test_segmentation_does_not_import_spacy():
    done = _run("import sys\n"
                "from regtext.extract.segmentation import pos_tags, words\n"
                "words('提供者应当依法'); pos_tags('提供者应当依法')\n"
                "print('spacy' in sys.modules)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False"]


def test_jieba_is_imported_without_leaving_pkg_resources_blocked():
    """jieba is imported with pkg_resources held off (0.2 s per process), and the hold is
    lifted: pkg_resources imports normally afterwards, and jieba reads its own files."""
    code = ("import sys\n"
            "from regtext.extract.segmentation import pos_tags\n"
            "assert pos_tags('提供者应当依法') == (('提供者', 'n'), ('应当', 'v'), ('依法', 'n'))\n"
            "assert 'jieba' in sys.modules and 'pkg_resources' not in sys.modules\n"
            "try:\n"
            "    import pkg_resources\n"
            "except ImportError as exc:\n"
            "    assert 'None in sys.modules' not in str(exc), exc\n"
            "print('ok')\n")
    out = _run(code)
    assert out.returncode == 0 and out.stdout.strip().endswith("ok"), out.stderr
