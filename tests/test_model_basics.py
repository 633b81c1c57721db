from decimal import Decimal

import pytest
from pydantic import ValidationError

import briefing as b


def test_scaled_number_string_is_parsed():
    s = b.Statistic(value="1308.3亿", unit="yuan")
    assert s.value == Decimal("130830000000")


@pytest.mark.parametrize("bad", ["1,2亿", "1.2.3", "abc", "12%"])
def test_malformed_number_is_rejected(bad):
    with pytest.raises(ValidationError, match="malformed number"):
        b.Statistic(value=bad, unit="yuan")


def test_unresolved_reference_names_its_path():
    with pytest.raises(ValidationError, match=r"title\.zh: unresolved reference \{y\}"):
        b.Briefing(title={"zh": "标题 {y}", "en": "T"})
