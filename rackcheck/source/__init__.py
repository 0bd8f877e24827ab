"""YAML text -> plain Python data plus a SourceMap of every value's file:line:column."""

from rackcheck.source.yamlsrc import Document, SourceMap, load_yaml, shown_path

__all__ = ["Document", "SourceMap", "load_yaml", "shown_path"]
