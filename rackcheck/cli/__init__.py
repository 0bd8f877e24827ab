"""The command line. Thin: parse options, call the api, write output, exit."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from rackcheck import __version__

if TYPE_CHECKING:
    from rackcheck.cache import ResultCache
    from rackcheck.diff import Diff
    from rackcheck.findings import InputError
    from rackcheck.settings import Settings

F = TypeVar("F", bound=Callable[..., None])
T = TypeVar("T")

SEVERITIES = ["error", "warning", "note"]
FORMATS = ["text", "json", "sarif", "github", "junit", "markdown"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="rackcheck")
def cli() -> None:
    """Validate AI rack and cluster designs: power, cooling, space, network, storage."""


def _settings_options(func: F) -> F:
    """Options that set settings (command line > environment > config > defaults),
    one per entry of rackcheck/settings/table.py that has a flag."""
    from rackcheck.settings.table import SETTINGS

    for s in reversed([s for s in SETTINGS if s.flag]):
        kind: dict[str, Any] = {}
        if s.flag_value is not None:
            kind = {"is_flag": True}
        elif s.choices:
            kind = {"type": click.Choice(list(s.choices)), "default": None}
        elif s.kind in ("path", "run"):
            kind = {"type": click.Path()}
        func = click.option(s.flag, s.param, help=s.help, **kind)(func)
    return func


def _resolve(paths: list[str], kw: dict[str, Any]) -> Settings:
    """Effective settings, or the located CFG001 error and exit 2."""
    from rackcheck.findings import InputError
    from rackcheck.settings.layers import command_line, resolve

    try:
        given = command_line(kw)
        return resolve(paths, given, kw.get("config_path"), kw.get("isolated", False))
    except InputError as exc:
        _input_errors(exc)


def _results_cache(no_cache: bool) -> ResultCache | None:
    import os

    from rackcheck.cache import ResultCache, default_dir

    off = os.environ.get("RACKCHECK_NO_CACHE", "").lower() in ("1", "true", "yes", "on")
    return None if no_cache or off else ResultCache(default_dir())


def _outputs(specs: tuple[str, ...], formats: list[str]) -> list[tuple[str, Path]]:
    from rackcheck.outputs import OutputSpecError, parse_specs

    try:
        return parse_specs(specs, formats)
    except OutputSpecError as exc:
        raise click.BadParameter(str(exc), param_hint="--output") from None


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format [default: text; github when GITHUB_ACTIONS=true].",
)
@click.option(
    "--output",
    "-o",
    "outputs",
    multiple=True,
    metavar="FORMAT=PATH",
    help="Also write FORMAT to PATH (repeatable), e.g. "
    "sarif=rackcheck.sarif; written only when the whole check succeeded.",
)
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option(
    "--only-designs",
    is_flag=True,
    help="Skip named files that are not designs (no top-level `rackcheck:` "
    "key), for hooks that pass every YAML file.",
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Print a count per rule instead of each finding (as ruff does).",
)
@_settings_options
def check(paths: tuple[str, ...], fmt: str | None, outputs: tuple[str, ...],
          no_cache: bool, only_designs: bool, statistics: bool,
          **kw: Any) -> None:  # fmt: skip
    """Check design files, or every design under the folders given."""
    import gc
    import os

    # A check run is a short process whose objects all live to its end: the cyclic
    # collector only rescans them (a 65,536-GPU design: ~1 s of ~4 s). Off for the run.
    gc.disable()

    from rackcheck.api import _is_design
    from rackcheck.api import check as run_check
    from rackcheck.findings import InputError
    from rackcheck.outputs import write_all
    from rackcheck.report import renderers

    files = _outputs(outputs, FORMATS)
    settings = _resolve(list(paths), kw)
    if only_designs:
        paths = tuple(p for p in paths if os.path.isdir(p) or _is_design(Path(p)))
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    try:
        report = run_check(list(paths), settings, _results_cache(no_cache))
    except InputError as exc:  # e.g. an unreadable baseline
        _input_errors(exc)
    for line in report.warnings:
        click.echo(line, err=True)
    render = renderers()
    if statistics:
        from rackcheck.report.text import statistics as stats

        sys.stdout.write(stats(report))
    else:
        sys.stdout.write(render[fmt](report, fail_on=settings.fail_on))
    code = report.exit_code(settings.fail_on)
    if code != 2:
        _write(write_all, files, lambda f: render[f](report, fail_on=settings.fail_on))
    sys.exit(0 if kw["exit_zero"] and code == 1 else code)


@cli.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--base-ref",
    metavar="REF",
    help="Compare PATHS (default: .) as they are at git REF with the working "
    "tree, instead of BASE HEAD.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
)
@click.option(
    "--output",
    "-o",
    "outputs",
    multiple=True,
    metavar="FORMAT=PATH",
    help="Also write text, json or markdown to PATH (repeatable).",
)
@_settings_options
def diff(paths: tuple[str, ...], base_ref: str | None, fmt: str,
         outputs: tuple[str, ...], **kw: Any) -> None:  # fmt: skip
    """What a change does: figures (GPUs, kW, heat, switches, bisection, storage,
    cost), findings new and fixed, budgets. `rackcheck diff BASE HEAD` (two files or
    two folders) or `rackcheck diff --base-ref main [PATHS]`."""
    from rackcheck import diff as d
    from rackcheck.findings import InputError
    from rackcheck.outputs import write_all
    from rackcheck.repo import GitError
    from rackcheck.report.diffview import RENDER

    if base_ref is None and len(paths) != 2:
        raise click.UsageError("give BASE and HEAD, or --base-ref REF [PATHS]")
    head = list(paths) if base_ref is not None else [paths[1]]
    head = head or ["."]
    files = _outputs(outputs, list(RENDER))
    settings = _resolve(head, kw)
    try:
        if base_ref is not None:
            result = d.diff_ref(base_ref, head, settings, _results_cache(False))
        else:
            result = d.diff_paths(paths[0], paths[1], settings, _results_cache(False))
    except GitError as exc:
        if "not a git repository" in str(exc):
            raise click.UsageError(
                f"--base-ref needs a git repository; {Path.cwd()} is not in one "
                "(compare two files or folders instead: rackcheck diff BASE HEAD)"
            ) from None
        raise click.UsageError(f"git: {exc}") from None
    except InputError as exc:
        _input_errors(exc)
    except ValueError as exc:  # a path outside the repository
        raise click.UsageError(str(exc)) from None
    _diff_load_errors(result)
    sys.stdout.write(RENDER[fmt](result))
    code = result.exit_code(settings.fail_on)
    if code != 2:
        _write(write_all, files, lambda f: RENDER[f](result))
    sys.exit(0 if kw["exit_zero"] and code == 1 else code)


@cli.group("config")
def config_group() -> None:
    """Inspect the configuration."""


@config_group.command("show")
@click.argument("paths", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@_settings_options
def config_show(paths: tuple[str, ...], fmt: str, **kw: Any) -> None:
    """Print the effective settings for PATHS (default: .) and where each came from."""
    import json

    from rackcheck.settings.layers import show

    settings = _resolve(list(paths) or ["."], kw)
    rows = show(settings)
    if fmt == "json":
        out = {
            "config_file": settings.config_file,
            "settings": [{"key": k, "value": v, "origin": o} for k, v, o in rows],
        }
        click.echo(json.dumps(out, indent=2))
        return
    click.echo(f"config file: {settings.config_file or '(none found)'}")
    width = max(len(k) for k, _, _ in rows)
    vwidth = max(len(json.dumps(v)) for _, v, _ in rows)
    for k, v, o in rows:
        click.echo(f"{k:{width}}  {json.dumps(v):{vwidth}}  # {o}")


@cli.group("baseline")
def baseline_group() -> None:
    """Accept today's findings; report only new ones with --baseline."""


@baseline_group.command("create")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--output",
    "-o",
    "out",
    type=click.Path(),
    default="rackcheck-baseline.json",
    show_default=True,
)
@_settings_options
def baseline_create(paths: tuple[str, ...], out: str, **kw: Any) -> None:
    """Write the current findings of PATHS to a baseline file (rule + file + subject,
    no line numbers)."""
    from dataclasses import replace
    from pathlib import Path

    from rackcheck import baseline
    from rackcheck.api import check as run_check

    settings = replace(_resolve(list(paths), kw), baseline=None)
    report = run_check(list(paths), settings)
    if report.input_errors:
        for f in report.input_errors:
            click.echo(f"{f.location}: {f.severity} {f.rule_id} {f.message}", err=True)
        sys.exit(2)
    n = _write(baseline.write, report, Path(out))
    click.echo(f"wrote {n} finding{'s' if n != 1 else ''} to {out}")


@cli.group("cache")
def cache_group() -> None:
    """The result cache (see docs/ci-integration.md)."""


@cache_group.command("clear")
def cache_clear() -> None:
    """Delete every cached result."""
    from rackcheck.cache import ResultCache, default_dir

    folder = default_dir()
    n = ResultCache(folder).clear()
    click.echo(f"removed {n} cached result{'s' if n != 1 else ''} from {folder}")


@cli.group()
def catalog() -> None:
    """Look into the component catalog."""


def _diff_load_errors(result: Diff) -> None:
    """A side that cannot be checked: its located load errors, exit 2, no table."""
    failed = [(side, label, rep) for side, label, rep in (
        ("base", result.base_label, result.base),
        ("head", result.head_label, result.head),
    ) if rep.input_errors]  # fmt: skip
    if not failed:
        return
    for side, label, rep in failed:
        click.echo(f"{side} ({label}) cannot be checked:", err=True)
        for f in rep.input_errors:
            click.echo(f"{f.location}: {f.severity} {f.rule_id} {f.message}", err=True)
    sys.exit(2)


def _write(func: Callable[..., T], *args: object) -> T:
    """Call a writer; a path that cannot be written is a located INP008, exit 2."""
    from rackcheck.outputs import OutputError

    try:
        return func(*args)
    except OutputError as exc:
        click.echo(f"{exc.path}:1:1: error INP008 {exc.message}", err=True)
        sys.exit(2)


def _input_errors(exc: InputError) -> NoReturn:
    for f in exc.findings:
        click.echo(f"{f.location}: {f.severity} {f.rule_id} {f.message}", err=True)
    sys.exit(2)


def _load_command_modules() -> None:
    """Each module in this package (``rackcheck/cli/<name>.py``) adds its commands to
    ``cli`` when imported: a new command group is one new module, no edit here. Only
    click is imported at their top, so start-up stays fast."""
    import pkgutil
    from importlib import import_module

    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            import_module(f"{__name__}.{info.name}")


_load_command_modules()


def main(argv: list[str] | None = None) -> int:
    try:
        cli.main(args=argv, prog_name="rackcheck", standalone_mode=True)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    return 0


def script() -> None:
    """The `rackcheck` console script: main(), then exit without tearing the
    interpreter down. A large design leaves hundreds of thousands of objects that the
    final collection would walk for nothing (~0.7 s of a 65,536-GPU check). Output is
    flushed first and every file rackcheck writes is closed by then."""
    import os

    # pydantic looks for plugins by reading the metadata of every installed
    # distribution (~4 ms here, more in a large environment); rackcheck uses none.
    # A user who sets the variable keeps their value.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
