"""The site's configuration for every command: the `journeymaps` plugin's options in mkdocs.yml.

Read without MkDocs (the core must not import it) and without running anything the file names:
the document is composed into nodes, so tags such as `!!python/name:` (Material's emoji settings)
are never constructed; only the plugin's own options are turned into values, with `!ENV` read as
MkDocs reads it. A file that is not YAML, or an option that the model refuses, is a `ConfigError`
naming the file and line (exit code 2).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .settings import OptionError, Options, check_options

DEFAULT_FILE = "mkdocs.yml"
PLUGIN = "journeymaps"
MAX_BYTES = 1024 * 1024
"""mkdocs.yml is configuration, not content: a larger file is refused rather than parsed."""


class ConfigError(Exception):
    """mkdocs.yml cannot be read, is not YAML, or sets an option the plugin does not accept."""


@dataclass(frozen=True)
class SiteConfig:
    """The options that apply, and where they came from."""

    options: Options = field(default_factory=Options)
    file: Path | None = None
    """The mkdocs.yml that listed the plugin, or None (defaults)."""
    base: Path = field(default_factory=Path)
    """The folder paths in the options are relative to: mkdocs.yml's folder, else the current folder."""

    def resolved(self) -> Options:
        """The options with every folder (Options.PATHS) as a path from the current folder."""
        paths = {name: getattr(self.options, name) for name in Options.PATHS}
        return self.options.updated(
            {name: str(self.base / value) for name, value in paths.items() if value is not None}
        )


class _Loader(yaml.SafeLoader):
    """Safe construction of the plugin's options; `!ENV` as MkDocs (pyyaml-env-tag) reads it."""


def _env(loader: _Loader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    elif isinstance(node, yaml.SequenceNode):
        items = [loader.construct_object(child) for child in node.value]
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    else:
        raise yaml.constructor.ConstructorError(None, None, "!ENV takes a variable name or a list", node.start_mark)
    for name in names:
        value = os.environ.get(str(name))
        if value is not None:
            return yaml.load(value, Loader=yaml.SafeLoader) if value else value
    return default


def _untagged(loader: _Loader, suffix: str, node: yaml.Node) -> Any:
    """Any other tag is ignored: the value is read as written (never constructed as the tag asks)."""
    if isinstance(node, yaml.SequenceNode):
        return [loader.construct_object(child, deep=True) for child in node.value]
    if isinstance(node, yaml.MappingNode):
        return {loader.construct_object(k, deep=True): loader.construct_object(v, deep=True) for k, v in node.value}
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("", _untagged)


def find(config_file: str | None, cwd: Path | None = None) -> Path | None:
    """The mkdocs.yml that applies: the one named (which must exist), else ./mkdocs.yml if there is one."""
    cwd = cwd or Path()
    if config_file is not None:
        path = cwd / config_file
        if not path.is_file():
            raise ConfigError(f"'{config_file}' not found (-f/--config-file names the site's mkdocs.yml)")
        return path
    path = cwd / DEFAULT_FILE
    return path if path.is_file() else None


def load(config_file: str | None = None, cwd: Path | None = None) -> SiteConfig:
    """The plugin's options from mkdocs.yml; the defaults when there is none or it does not list the plugin."""
    cwd = cwd or Path()
    path = find(config_file, cwd)
    if path is None:
        return SiteConfig(base=cwd)
    shown = config_file or os.path.relpath(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ConfigError(f"{shown}: larger than {MAX_BYTES:,} bytes; is this really the site's configuration?")
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{shown}: cannot be read ({error})") from None
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        node = _plugin_node(root)
        if node is None:
            return SiteConfig(base=path.parent)
        values = _options(loader, node, shown)
    except yaml.MarkedYAMLError as error:
        raise ConfigError(_yaml_message(shown, error)) from None
    except RecursionError:
        raise ConfigError(f"{shown}: nested too deeply to be a site's configuration") from None
    except yaml.YAMLError as error:
        raise ConfigError(f"{shown}: not valid YAML: {error}") from None
    finally:
        loader.dispose()
    try:
        options = check_options({key: value for key, (value, _) in values.items()})
    except OptionError as error:
        line = values[error.name][1] if error.name in values else (node.start_mark.line + 1)
        raise ConfigError(f"{shown}:{line}: plugin '{PLUGIN}' {error}") from None
    return SiteConfig(options, path, path.parent)


def _yaml_message(shown: str, error: yaml.MarkedYAMLError) -> str:
    """'mkdocs.yml:1:12: not valid YAML: while scanning a quoted scalar: found unexpected end of stream (line 3)'.

    Where the parser says what it was reading (an unclosed quote), that is where the mistake starts.
    """
    problem, context = error.problem or "", error.context or ""
    scanning = context.startswith("while scanning")
    mark = (error.context_mark if scanning else None) or error.problem_mark or error.context_mark
    where = f"{shown}:{mark.line + 1}:{mark.column + 1}" if mark else shown
    detail = f"{context}: {problem}" if context and problem else context or problem
    if scanning and error.context_mark and error.problem_mark and error.problem_mark.line != error.context_mark.line:
        detail += f" (line {error.problem_mark.line + 1})"
    return f"{where}: not valid YAML: {detail}"


def _key(node: yaml.Node) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str) else None


def _plugin_node(root: yaml.Node | None) -> Any:
    """The node of the plugin's entry under `plugins:` (list or mapping form), or None if it is not listed."""
    if not isinstance(root, yaml.MappingNode):
        return None
    plugins = next((value for key, value in root.value if _key(key) == "plugins"), None)
    if isinstance(plugins, yaml.SequenceNode):
        for item in plugins.value:
            if _key(item) == PLUGIN:
                return item  # `- journeymaps` with no options
            if isinstance(item, yaml.MappingNode) and len(item.value) == 1 and _key(item.value[0][0]) == PLUGIN:
                return item.value[0][1]
    elif isinstance(plugins, yaml.MappingNode):
        for key, value in plugins.value:
            if _key(key) == PLUGIN:
                return value
    return None


def _options(loader: _Loader, node: yaml.Node, shown: str) -> dict[str, tuple[object, int]]:
    """{option: (value, line)} from the plugin's entry (empty for `- journeymaps` or `journeymaps:` alone)."""
    if isinstance(node, yaml.ScalarNode) and (node.value in ("", "~", "null") or _key(node) == PLUGIN):
        return {}
    if not isinstance(node, yaml.MappingNode):
        where = f"{shown}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"
        raise ConfigError(f"{where}: the '{PLUGIN}' plugin's options must be a mapping of name: value")
    values: dict[str, tuple[object, int]] = {}
    for key, value in node.value:
        values[str(loader.construct_object(key, deep=True))] = (
            loader.construct_object(value, deep=True),
            key.start_mark.line + 1,
        )
    return values
