"""YAML text -> plain Python data plus a SourceMap of every value's file:line:column."""

from rackcheck.source.yamlsrc import Document, SourceMap, load_yaml

__all__ = ["Document", "SourceMap", "load_yaml"]
