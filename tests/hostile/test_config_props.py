"""Any TOML a user may write as rackcheck.toml is either settings or a located CFG001
error: hypothesis writes tables of known and unknown keys with values of every type."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rackcheck.config import KEYS, resolve
from rackcheck.findings import InputError

RULE_TABLES = ["rules.POW001", "rules.POW003", "rules.STO005", "rules.NOPE1"]
OPTIONS = ["derating", "min_spare", "max_overhead", "optimum_ratio", "x"]
SCALARS = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=10),
    st.sampled_from(["POW", "POW001", "all", "error", "1.2 MW", "x.toml", ""]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3), max_leaves=6)


def toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v)
    return "[" + ", ".join(toml_value(x) for x in v) + "]"


@st.composite
def config_text(draw: Any) -> str:
    lines = []
    for key in draw(
        st.lists(st.sampled_from([*KEYS, "nope"]), max_size=4, unique=True)
    ):
        if key in ("rules", "severity", "budgets", "extend"):
            continue
        lines.append(f"{key} = {toml_value(draw(VALUES))}")
    for table in draw(st.lists(st.sampled_from(RULE_TABLES), max_size=2, unique=True)):
        lines.append(f"[{table}]")
        for opt in draw(st.lists(st.sampled_from(OPTIONS), max_size=2, unique=True)):
            lines.append(f"{opt} = {toml_value(draw(SCALARS))}")
    if draw(st.booleans()):
        lines.append("[budgets]")
        lines.append(f"it_power_kw = {toml_value(draw(VALUES))}")
    if draw(st.booleans()):
        lines.append("[severity]")
        lines.append(f"POW001 = {toml_value(draw(SCALARS))}")
    return "\n".join(lines) + "\n"


@settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=config_text())
def test_any_config_is_settings_or_a_located_error(tmp_path: Path, text: str):
    path = tmp_path / "rackcheck.toml"
    path.write_text(text, encoding="utf-8")
    try:
        s = resolve([str(tmp_path)], {}, str(path), False, {})
    except InputError as exc:
        assert exc.findings and all(f.rule_id == "CFG001" for f in exc.findings)
        for f in exc.findings:
            assert f.location.path.endswith("rackcheck.toml"), f
            assert 1 <= f.location.line <= text.count("\n") + 1, (f, text)
        return
    for rule, opts in s.options.items():
        for value in opts.values():
            assert not isinstance(value, float) or math.isfinite(value), (rule, value)
