"""The readers of rackcheck's own JSON: each narrows a value or gives its empty form."""

from __future__ import annotations

from rackcheck.jsontypes import number, obj, seq, text


def test_obj_keeps_a_mapping_and_gives_empty_for_anything_else() -> None:
    assert obj({"it_power_kw": 10.2}) == {"it_power_kw": 10.2}
    assert obj(None) == {}
    assert obj([1, 2]) == {}
    assert obj("10.2 kW") == {}


def test_seq_keeps_a_list() -> None:
    assert seq(["a", 1]) == ["a", 1]
    assert seq({"a": 1}) == []
    assert seq(None) == []


def test_number_keeps_ints_and_floats_not_bools_or_text() -> None:
    assert number(144) == 144 and isinstance(number(144), int)
    assert number(10.2) == 10.2
    assert number(True) is None
    assert number("10.2") is None
    assert number(None) is None


def test_text() -> None:
    assert text("USD") == "USD"
    assert text(1) is None
