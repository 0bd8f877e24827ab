"""How rules are declared and run.

A rule is a generator function decorated with `@rule(...)`; its module docstring is its
documentation (summary line, why it matters, **Fails** and **Passes** examples). The
engine, not the rule, stamps the id, severity and location on each finding.
"""

from __future__ import annotations

import dataclasses
import inspect
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from rackcheck.findings import Finding, Location, Severity

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.nodes import Node

Opts = TypeVar("Opts")
# The value of one rule option as a config gives it (the fields of a rule's Options).
OptionValue = bool | int | float | None


@dataclass(frozen=True)
class NoOptions:
    """A rule without options."""


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: Severity
    family: str
    func: Callable[[RuleContext[Any]], Iterator[Finding]]
    options: type = NoOptions
    doc: str = ""

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name

    def option_defaults(self) -> dict[str, object]:
        return {f.name: f.default for f in dataclasses.fields(self.options)}

    def make_options(self, given: Mapping[str, OptionValue] | None = None) -> object:
        """The rule's options dataclass from the values a config gives (by name)."""
        return self.options(**(given or {}))


def rule(
    rule_id: str, name: str, severity: Severity, options: type = NoOptions
) -> Callable[[Callable[..., Iterator[Finding]]], Rule]:
    """Declare a rule; the module's docstring becomes its documentation."""

    def wrap(func: Callable[..., Iterator[Finding]]) -> Rule:
        module = sys.modules[func.__module__]
        family = func.__module__.split(".")[-2]
        doc = inspect.cleandoc(module.__doc__ or "")
        return Rule(rule_id, name, severity, family, func, options, doc)

    return wrap


@dataclass
class RuleContext(Generic[Opts]):
    """What a rule sees: the graph, its options, and a way to make located findings."""

    graph: DesignGraph
    options: Opts
    rule: Rule
    severity: Severity
    found: list[Finding] = field(default_factory=list)
    # the run as configured: rules that check sub-designs (phases) run the same way
    rules: list[Rule] = field(default_factory=list)
    all_options: dict[str, dict[str, OptionValue]] = field(default_factory=dict)
    severities: dict[str, Severity] = field(default_factory=dict)

    def finding(
        self,
        node: Node | None,
        message: str,
        *sub: str | int,
        key: bool = False,
        related: tuple[Location, ...] = (),
        fix: str = "",
    ) -> Finding:
        """A finding about `node`, located at the node (or at `sub` below it); `fix`
        is a hint where one is obvious (text `help:` line, SARIF, JSON)."""
        path = (*node.path, *sub) if node is not None else sub
        where = self.graph.source.at(path, key=key)
        subject = node.name if node is not None else ""
        return Finding(self.rule.id, self.severity, message, where, subject, related,
                       fix, _rack_of(node))  # fmt: skip


def _rack_of(node: object) -> str:
    """The name of the rack a node is, or sits in ('' for site-wide nodes)."""
    ident = getattr(node, "id", "")
    if isinstance(ident, str) and ident.startswith("rack:"):
        return ident[5:]
    rack = getattr(node, "rack", None)
    return rack[5:] if isinstance(rack, str) and rack.startswith("rack:") else ""


def run(
    graph: DesignGraph,
    rules: list[Rule],
    options: dict[str, dict[str, OptionValue]] | None = None,
    severities: dict[str, Severity] | None = None,
) -> list[Finding]:
    out: list[Finding] = []
    for r in rules:
        opts = r.make_options((options or {}).get(r.id))
        sev = (severities or {}).get(r.id, r.severity)
        ctx: RuleContext[Any] = RuleContext(graph, opts, r, sev, [], rules,
                                            options or {}, severities or {})  # fmt: skip
        out.extend(r.func(ctx))
    return out
