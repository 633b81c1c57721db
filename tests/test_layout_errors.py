"""A block the PDF layout cannot place is named by its place in the content (file,
line, field), with what to change; no reportlab internals (issue 14: messages read
"Splitting error(n==2) … <Chain at 0x7f…>" or "(0 x 0) too large")."""

import re

import pytest

import briefing

HEAD = "title: {zh: 题, en: Title}\n"
CASES = {
    # a key-figures label of 5,000 characters: a table row taller than a page
    "key-label": (HEAD + "statistics:\n  g: {value: 5, unit: percent, label: {zh: "
                  + "增" * 5000 + ", en: " + "w " * 3000 + "}}\nkey_figures: [g]\n"
                  "summary: [{zh: '增长{g}', en: 'up {g}'}]\n", 4, "key_figures"),
    # a person's name of 4,000 characters: a glossary row taller than a page
    "glossary-name": (HEAD + "glossary: {people: {p: {zh: " + "张" * 4000 + ", en: Zhang}}}\n"
                      "articles:\n- id: a\n  headline: {zh: 题, en: T}\n  sections:\n"
                      "  - blocks:\n    - {zh: '{p}说', en: '{p} said'}\n", 2, "glossary"),
}


@pytest.mark.parametrize("template", ["reader", "handout"])
@pytest.mark.parametrize("case", CASES)
def test_a_block_that_cannot_be_placed_is_named_in_the_content(tmp_path, case, template):
    text, line, field = CASES[case]
    path = tmp_path / f"{case}.yaml"
    path.write_text(text, encoding="utf-8")
    b = briefing.load(path)
    with pytest.raises(briefing.RenderError) as info:
        briefing.render(b, format="pdf", template=template, force=True)
    message = str(info.value)
    assert message.startswith(f"{path}:{line}:"), message
    assert f": {field}: " in message, message
    assert "Shorten" in message or "made no progress" in message, message
    assert not re.search(r"0x[0-9a-fA-F]{6,}|Flowable|Splitting error|<\w+", message), message
