"""Tag rules: the registry, and each rule with a positive and a negative example.

Examples are real provisions (the generative-AI draft/final Measures and other shipped laws)
or minimal edits of them; expected tags are what a lawyer reads off the two texts.
"""

from __future__ import annotations

import pytest

from regtext.compare import tagging
from regtext.compare.tagging import RULES, TAGS, tag_rule, tags

# (tag, old, new, fires?) — every tag name has at least one of each
CASES = [
    ("citation-added:stpl", "依照有关法律，鼓励创新。",
     "依照《中华人民共和国科学技术进步法》，鼓励创新。", True),
    ("citation-added:stpl", "依照《中华人民共和国科学技术进步法》，鼓励创新。",
     "依照《科学技术进步法》，鼓励创新和应用。", False),
    ("citation-removed:csl", "应当按照《中华人民共和国网络安全法》规定，要求用户提供真实身份信息。",
     None, True),
    ("citation-removed:csl", "符合《中华人民共和国网络安全法》等法律法规的要求；",
     "符合《中华人民共和国网络安全法》、《中华人民共和国数据安全法》等法律的要求；", False),
    ("deadline-removed", "应在3个月内通过模型优化训练等方式防止再次生成。",
     "应当采取模型优化训练等措施进行整改。", True),
    ("deadline-removed", "应在3个月内通过模型优化训练等方式防止再次生成。",
     "应当在3个月内通过模型优化训练等方式防止再次生成，并报告。", False),
    ("deadline-added", "应当及时处理。", "应当在十个工作日内处理。", True),
    ("deadline-added", "应当在十个工作日内处理。", "应当在十个工作日内依法处理。", False),
    ("penalty-removed", "拒不改正的，责令暂停服务，并处一万元以上十万元以下罚款。",
     "拒不改正的，责令暂停服务。", True),
    ("penalty-removed", "拒不改正的，责令暂停服务。", "拒不改正的，依法责令暂停服务。", False),
    ("penalty-added", "拒不改正的，责令暂停服务。",
     "拒不改正的，责令暂停服务，并处一万元以上十万元以下罚款。", True),
    ("penalty-added", "提供者应当暂停服务。", "提供者应当依法暂停服务。", False),
]


def test_tags_derive_from_the_registry():
    names = {n for rule in RULES for n in rule.names}
    assert set(TAGS) == names
    assert len(TAGS) == len(set(TAGS))


def test_a_new_rule_is_one_decorator():
    @tag_rule("x-test", doc="fires on 试行")
    def _rule(c):
        return ["x-test"] if "试行" in c.new and "试行" not in c.old else []

    try:
        assert tags("本办法施行。", "本办法试行。") == ["x-test"]
        assert tags("本办法试行。", "本办法试行，自公布之日起。") == []
    finally:
        RULES.remove(next(r for r in RULES if r.func is _rule))
    assert "x-test" not in tagging._tag_names()


@pytest.mark.parametrize("tag,old,new,fires", CASES)
def test_rule_example(tag, old, new, fires):
    assert (tag in tags(old, new)) is fires, tags(old, new)
