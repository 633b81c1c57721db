from decimal import Decimal

import pytest
from pydantic import ValidationError

import briefing as b


def test_scaled_number_string_is_parsed():
    s = b.Statistic(value="1308.3亿", unit="yuan")
    assert s.value == Decimal("130830000000")


@pytest.mark.parametrize(("bad", "message"), [
    ("1,2亿", "malformed number"), ("1.2.3", "malformed number"), ("abc", "malformed number"),
    ("12%", "says unit is 'percent', but the statistic gives 'yuan'"),
])
def test_malformed_number_is_rejected(bad, message):
    with pytest.raises(ValidationError, match=message):
        b.Statistic(value=bad, unit="yuan")


def test_unresolved_reference_names_its_path():
    with pytest.raises(ValidationError, match=r"title\.zh: unresolved reference \{y\}"):
        b.Briefing(title={"zh": "标题 {y}", "en": "T"})


def test_the_schema_lists_built_in_units_and_markers_for_editors():
    from briefing.units import UNITS

    schema = b.Briefing.model_json_schema()
    stat = schema["$defs"]["Statistic"]["properties"]
    enums = [alt.get("enum") for alt in stat["unit"]["anyOf"] if "enum" in alt]
    assert enums and set(enums[0]) == set(UNITS)
    markers = [alt.get("enum") for alt in stat["zh_marker"]["anyOf"] if "enum" in alt]
    assert markers and {"约", "左右", "以上", "不到"} <= set(markers[0])
