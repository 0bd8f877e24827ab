"""Every setting of a run, declared once: key, kind, default, environment variable,
command-line flag, help, choices.

From this one table come the config-file reader (settings/toml.py: which keys a
`[tool.rackcheck]` table may hold and how each is checked), the environment and
command-line layers and `config show` (settings/layers.py), the click options of every
command that checks designs (`_settings_options` in rackcheck/cli), and the `Settings`
field each one sets. Rule options (`[rules.POW001]`) and budgets (`[budgets]`) are
tables whose entries are checked against the rules and rackcheck/figures.py.

Adding a setting: one `Setting(...)` entry below and, if it is a new kind of setting,
the `Settings` field it sets (settings/__init__.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal[
    "ids",  # rule ids or prefixes: a TOML list, comma-separated text
    "severity",  # error, warning or note
    "bool",  # true/false; 1/true/yes/on or 0/false/no/off as text
    "path",  # a file, relative to the config file that names it
    "severities",  # a table rule id -> severity
    "options",  # a table rule id -> {option = value}
    "budgets",  # a table figure -> amount or {max, min}
    "extend",  # another config file read first (config files only)
    "run",  # an option of the run, not a setting (--exit-zero, --config, --isolated)
]
SEVERITIES = ("error", "warning", "note")
TRUE, FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


@dataclass(frozen=True)
class Setting:
    key: str  # as written in a config file: "require-reason"
    kind: Kind
    help: str = ""  # the command-line option's help
    field: str = ""  # the Settings field it sets ("" when none)
    default: Any = None
    env: str = ""  # environment variable: "RACKCHECK_REQUIRE_REASON"
    flag: str = ""  # command-line option: "--require-reason"
    flag_value: Any = None  # a flag without a value that sets this value
    extends: str = ""  # adds to this setting instead of replacing it
    dest: str = ""  # the click parameter, when not the flag's name
    choices: tuple[str, ...] = ()

    @property
    def param(self) -> str:
        """The keyword the command-line option arrives as."""
        return self.dest or self.flag.lstrip("-").replace("-", "_")


# In the order of the command-line options in `--help`; `config show` lists the rule
# selection first, then the others in this order.
SETTINGS: tuple[Setting, ...] = (
    Setting("fail-on", "severity", field="fail_on", default="warning",
            env="RACKCHECK_FAIL_ON", flag="--fail-on", choices=SEVERITIES,
            help="Exit 1 when a finding is at least this severe [default: warning, "
            "or fail-on in the config]."),
    Setting("exit-zero", "run", flag="--exit-zero", flag_value=True,
            help="Exit 0 even with findings (report-only); 2 still means bad input."),
    Setting("select", "ids", field="select", default=("ALL",),
            env="RACKCHECK_SELECT", flag="--select",
            help="Rule ids or prefixes to run, comma-separated (replaces the "
            "config's select)."),
    Setting("ignore", "ids", field="ignore", default=(), env="RACKCHECK_IGNORE",
            flag="--ignore",
            help="Rule ids or prefixes not to run, comma-separated."),
    Setting("extend-select", "ids", extends="select", env="RACKCHECK_EXTEND_SELECT",
            flag="--extend-select", help="Add to the selected rules."),
    Setting("extend-ignore", "ids", extends="ignore", env="RACKCHECK_EXTEND_IGNORE",
            flag="--extend-ignore", help="Add to the ignored rules."),
    Setting("config", "run", env="RACKCHECK_CONFIG", flag="--config",
            dest="config_path",
            help="Config file (rackcheck.toml or pyproject.toml) to use instead of "
            "searching upward."),
    Setting("isolated", "run", flag="--isolated", flag_value=True,
            help="Ignore config files."),
    Setting("inline-suppressions", "bool", field="inline_suppressions",
            default=True, env="RACKCHECK_INLINE_SUPPRESSIONS",
            flag="--no-inline-suppressions", flag_value=False,
            help="Ignore `# rackcheck: ignore[...]` comments."),
    Setting("require-reason", "bool", field="require_reason", default=False,
            env="RACKCHECK_REQUIRE_REASON", flag="--require-reason",
            flag_value=True,
            help="Report suppressions without a reason (SUP003)."),
    Setting("baseline", "path", field="baseline", env="RACKCHECK_BASELINE",
            flag="--baseline",
            help="Report only findings not in this baseline file."),
    Setting("severity", "severities", field="severity"),
    Setting("rules", "options", field="options"),
    Setting("budgets", "budgets", field="budgets"),
    Setting("extend", "extend"),
)  # fmt: skip

BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}
# the keys a config file may hold
FILE_KEYS: tuple[str, ...] = tuple(s.key for s in SETTINGS if s.kind != "run")
