"""Finds the words people read that are not marked for translation, in templates and in Python.

The portal is being translated into Welsh, Polish, Urdu and Panjabi, so every
sentence a person reads must go through gettext. ``project_problems()`` lists
each one that does not, as ``path:line: "the text"``.

Templates (``.html`` and ``.txt`` under every ``templates/`` folder, emails and
admin overrides included) are read with Django's own template Lexer, so text in
``{% translate %}`` and ``{% blocktranslate %}…{% endblocktranslate %}`` is
known to be marked. What is left is parsed as HTML: text between tags, and the
attributes people see (``alt``, ``title``, ``placeholder``, ``aria-label``,
``aria-description``, an ``<input>`` button's ``value``, an option's
``label``), must not contain words. A ``{{ … }}`` is not text, but a quoted
fallback in it (``|default:"…"``, ``|default_if_none:"…"``, ``|yesno:"…"``)
is. Not read: ``<script>`` and ``<style>``, HTML and template comments,
attributes such as ``class``, ``href`` or ``content``.

Python (every app: a top-level folder with ``apps.py``; not migrations, tests
or bench) is parsed with ``ast``. A string with letters that is not inside
``_()``, ``gettext()``, ``ngettext()``, ``pgettext()``, ``format_lazy()``,
``gettext_noop()`` and the rest is a problem where it is:

- a keyword argument people read: ``label=``, ``help_text=``, ``verbose_name=``,
  ``empty_label=``, ``description=``, ``title=``, ``message=``, ``text=``, …
  (``KEYWORDS``), the values of ``error_messages={…}``, and a model field's
  first argument (its verbose name);
- the same names assigned in a class body or to an attribute
  (``verbose_name = "…"`` in ``Meta`` or an ``AppConfig``, ``field.label = "…"``);
- the message of ``messages.success()`` and the others, of ``add_error()``, and
  of the exceptions whose message people read (``PEOPLE_READ``);
- a label in a ``TextChoices``/``IntegerChoices`` class, in
  ``choices=[(value, "Label"), …]``, in a ``…CHOICES`` list and in what a list
  filter's ``lookups()`` returns;
- the name of a fieldset in an admin's ``fieldsets`` (or a ``…FIELDSETS`` constant);
- an argument given by position to a function of the same module whose
  parameter has one of the ``KEYWORDS`` names (``move_action(move, description, …)``);
- a value in a dict literal assigned to a module-level name ending in
  ``_TEXT``, ``_NAMES``, ``_WORDS``, ``LABELS`` or ``REFUSALS``.

Other strings (return values, log lines, commands' output) are not read: too
many of them are not for people.

Not words: URLs, email addresses, report references (``K7QM-4XPD``) and the
names in ``SAME_IN_EVERY_LANGUAGE`` on their own (``"WhatsApp"`` is fine,
``"WhatsApp group"`` is not).

Exceptions, for text that really is never shown to a person:

- ``# i18n: not shown`` at the end of the Python line (``{# i18n: not shown #}``
  on the template line), or
- a ``(path, text)`` pair in ``ALLOWED`` below, with the reason beside it.
"""

import ast
import functools
import html
import os
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parents[2]

NOT_SHOWN = "i18n: not shown"

# (path from the project's root, the text as the problem prints it): text a person never reads. Say why.
ALLOWED = frozenset()

# Names written the same in every language: fine on their own, not with words around them.
SAME_IN_EVERY_LANGUAGE = frozenset(
    {"WhatsApp", "Facebook", "Instagram", "TikTok", "Snapchat", "YouTube", "Discord", "CSV", "PDF"}
)

# ------------------------------------------------------------------------------------------------ what counts as words

_MARKUP = re.compile(r"<[^<>]*>")
_PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-+ #0]*\d*(?:\.\d+)?[sdifrxXeEgGc%]|\{[^{}]*\}")
_URL = re.compile(r"\b(?:https?|mailto|tel):\S*|\bwww\.\S+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_REFERENCE = re.compile(r"\b[A-Z0-9]{4}(?:-[A-Z0-9]{4})+\b")
_NAMES = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(name) for name in sorted(SAME_IN_EVERY_LANGUAGE, key=len, reverse=True))
    + r")(?!\w)"
)


def needs_translation(text):
    """Whether ``text`` has words in it once markup, placeholders, URLs, addresses, references and names are out."""
    for pattern in (_MARKUP, _PLACEHOLDER, _URL, _EMAIL, _REFERENCE, _NAMES):
        text = pattern.sub(" ", text)
    return any(character.isalpha() for character in text)


def _one_line(text):
    return " ".join(text.split())


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    text: str

    def __str__(self):
        return f'{self.path}:{self.line}: "{self.text}"'


# ------------------------------------------------------------------------------------------------------------ templates

VISIBLE_ATTRIBUTES = frozenset({"alt", "title", "placeholder", "aria-label", "aria-description"})
BUTTON_TYPES = frozenset({"submit", "button", "reset"})
LABELLED = frozenset({"option", "optgroup", "track"})  # their label= is shown
NOT_READ = frozenset({"script", "style"})
# {% block %}s whose content a parent template puts where no one reads it (the admin's <body class="…">).
NOT_TEXT_BLOCKS = frozenset({"bodyclass"})
# Tags that sit inside a sentence: text either side of them is one string to mark.
INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s", "samp",
     "small", "span", "strong", "sub", "sup", "time", "u", "var"}
)  # fmt: skip

_FALLBACK = re.compile(r"""\|\s*(?:default|default_if_none|yesno)\s*:\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')""")
_LITERAL = re.compile(r"""^\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*(?:\||$)""")
_FIRST_PLACE = 0xF0000  # Unicode's private use planes: one character stands for each template tag


@dataclass
class _Tag:
    """A ``{{ … }}`` or ``{% … %}`` (or a whole blocktranslate or comment) standing in the text as one character."""

    source: str
    line: int
    breaks: bool  # a {% … %}: text either side of it cannot be one string
    literals: tuple = ()  # quoted text it shows: (line, text)


def _flatten(source):
    """The template with each tag replaced by one private-use character, and the tags by character.

    Newlines are kept, so line numbers stay those of the file.
    """
    tokens = Lexer(source).tokenize()
    parts, tags = [], {}
    i = 0
    while i < len(tokens):
        token = tokens[i]
        words = token.split_contents() if token.token_type == TokenType.BLOCK else []
        end = None
        if words and words[0] in ("blocktranslate", "blocktrans"):
            end = ("endblocktranslate", "endblocktrans")
        elif words and words[0] == "comment":
            end = ("endcomment",)
        elif words[:1] == ["block"] and words[1:2] and words[1] in NOT_TEXT_BLOCKS:
            end = ("endblock",)
        j = i
        if end:  # the tag and everything to its end are one
            while j + 1 < len(tokens) and not _ends(tokens[j], end):
                j += 1
        following = tokens[j + 1].lineno if j + 1 < len(tokens) else None
        if token.token_type == TokenType.TEXT and not end:
            parts.append(token.contents)
        else:
            newlines = (following - token.lineno) if following else 0
            if token.token_type == TokenType.COMMENT:
                parts.append("\n" * newlines)
            else:
                tag = _make_tag(token, words)
                character = chr(_FIRST_PLACE + len(tags))
                tags[character] = tag
                parts.append(character + "\n" * newlines)
        i = j + 1
    return "".join(parts), tags


def _ends(token, end):
    return token.token_type == TokenType.BLOCK and token.contents.split()[:1] in [[word] for word in end]


def _make_tag(token, words):
    if token.token_type == TokenType.VAR:
        literals = [match.group(1) for match in _FALLBACK.finditer(token.contents)]
        bare = _LITERAL.match(token.contents)
        if bare:
            literals.append(bare.group(1))
        texts = tuple((token.lineno, literal[1:-1]) for literal in literals)
        return _Tag("{{ " + token.contents + " }}", token.lineno, breaks=False, literals=texts)
    if words and words[0] in ("blocktranslate", "blocktrans"):
        return _Tag("{% " + token.contents + " %}…", token.lineno, breaks=True)
    return _Tag("{% " + token.contents + " %}", token.lineno, breaks=True)


class _Runs:
    """Collects the text between breaks as (character, line) runs and turns each wordy run into a problem."""

    def __init__(self, path, tags):
        self.path, self.tags = path, tags
        self.run = []
        self.closed = None  # where in the run the last inline element closed
        self.problems = []

    def add(self, text, line):
        for character in text:
            tag = self.tags.get(character)
            if tag is not None and tag.breaks:
                self.flush()
                continue
            if tag is not None:
                self.literals(tag)
            self.run.append((character, line))
            if character == "\n":
                line += 1

    def close_inline(self):
        self.closed = len(self.run)

    def open_inline(self):
        """Two inline elements with nothing but punctuation between them (two links, two buttons) are two strings."""
        if self.closed is not None and not any(c.isalpha() for c, _line in self.run[self.closed :]):
            self.run = self.run[: self.closed]  # what is between them (" · ") goes with neither
            self.flush()

    def flush(self):
        run, self.run, self.closed = self.run, [], None
        text = "".join(character for character, _line in run)
        shown = "".join(character for character in text if character not in self.tags)
        if needs_translation(shown):
            line = next(line for character, line in run if character.isalpha() and character not in self.tags)
            self.problems.append(Problem(self.path, line, _one_line(self.render(text))))

    def literals(self, tag):
        for line, literal in tag.literals:
            if needs_translation(literal):
                self.problems.append(Problem(self.path, line, _one_line(literal)))

    def render(self, text):
        return "".join(self.tags[c].source if c in self.tags else c for c in text)


class _HTML(HTMLParser):
    def __init__(self, runs):
        super().__init__(convert_charrefs=True)
        self.runs = runs
        self.not_read = None  # inside <script> or <style>

    def handle_starttag(self, tag, attrs):
        if tag in INLINE:
            self.runs.open_inline()
        else:
            self.runs.flush()
        self.attributes(tag, attrs)
        if tag in NOT_READ:
            self.not_read = tag

    def handle_endtag(self, tag):
        if self.not_read:
            if tag == self.not_read:
                self.not_read = None
            return
        if tag in INLINE:
            self.runs.close_inline()
        else:
            self.runs.flush()

    def handle_data(self, data):
        if not self.not_read:
            self.runs.add(data, self.getpos()[0])

    def handle_comment(self, data):
        self.runs.flush()

    def attributes(self, tag, attrs):
        kind = (dict(attrs).get("type") or "").lower()
        for name, value in attrs:
            shown = (
                name in VISIBLE_ATTRIBUTES
                or (name == "value" and tag == "input" and kind in BUTTON_TYPES)
                or (name == "label" and tag in LABELLED)
            )
            if not shown or not value:
                continue
            line = self.attribute_line(name)
            for character in value:
                if character in self.runs.tags:
                    self.runs.literals(self.runs.tags[character])
            text = "".join(character for character in value if character not in self.runs.tags)
            if needs_translation(text):
                self.runs.problems.append(Problem(self.runs.path, line, _one_line(self.runs.render(value))))

    def attribute_line(self, name):
        start = self.get_starttag_text() or ""
        found = re.search(rf"(?<![\w-]){re.escape(name)}\s*=", start, re.IGNORECASE)
        return self.getpos()[0] + (start[: found.start()].count("\n") if found else 0)


def scan_template(source, path="<template>"):
    """The problems in one template's source; ``.txt`` templates are plain text, the others HTML."""
    flat, tags = _flatten(source)
    runs = _Runs(str(path), tags)
    if str(path).endswith(".txt"):
        for number, line in enumerate(html.unescape(flat).split("\n"), start=1):
            runs.add(line, number)
            runs.flush()
    else:
        parser = _HTML(runs)
        parser.feed(flat)
        parser.close()
        runs.flush()
    return _not_marked_as_not_shown(runs.problems, source, "{#")


def _not_marked_as_not_shown(problems, source, comment):
    lines = source.splitlines()
    quiet = {number for number, line in enumerate(lines, start=1) if comment in line and NOT_SHOWN in line}
    return [problem for problem in problems if problem.line not in quiet]


# --------------------------------------------------------------------------------------------------------------- Python

TRANSLATORS = frozenset(
    {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy", "npgettext",
     "npgettext_lazy", "gettext_noop", "format_lazy"}
)  # fmt: skip
# Calls that show what they are given: a string inside them is still shown.
PASS_THROUGH = frozenset({"mark_safe", "format_html", "str", "capfirst", "escape", "conditional_escape"})
KEYWORDS = frozenset(
    {"label", "help_text", "verbose_name", "verbose_name_plural", "empty_label", "description", "short_description",
     "search_help_text", "title", "message", "text", "empty_value_display"}
)  # fmt: skip
# Assigned in a class body or to an attribute: the same names, less the ones too common for other things.
ATTRIBUTES = KEYWORDS - {"description", "message", "text"}
# Exceptions whose message a person reads. A new exception class ending in Error goes here or in NOT_FOR_PEOPLE.
PEOPLE_READ = frozenset({"ValidationError", "LadderError", "Http404", "PermissionDenied"})
NOT_FOR_PEOPLE = frozenset({"AppendOnlyError"})  # a programming mistake, for the log
MESSAGE_LEVELS = frozenset({"success", "info", "warning", "error", "debug"})
DICT_SUFFIXES = ("_TEXT", "_NAMES", "_WORDS", "LABELS", "REFUSALS")
RELATIONS = frozenset({"ForeignKey", "OneToOneField", "ManyToManyField", "ForeignObject"})  # first argument: a model
CHOICES_BASES = frozenset({"TextChoices", "IntegerChoices", "Choices"})
NOT_MEMBERS = frozenset({"_ignore_", "_order_", "do_not_call_in_templates"})


def _name(node):
    """``f`` for ``f(…)`` and for ``a.b.f(…)``."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _strings(node):
    """The unmarked strings in ``node`` that would be shown as they are: [(node, text, its own words)].

    An f-string's own words are those outside its ``{…}``.
    """
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [(node, node.value, node.value)]
    if isinstance(node, ast.JoinedStr):
        parts = [
            (part.value, part.value) if isinstance(part, ast.Constant) else (f"{{{ast.unparse(part.value)}}}", "")
            for part in node.values
        ]
        return [(node, "".join(text for text, _words in parts), "".join(words for _text, words in parts))]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _strings(node.left) + _strings(node.right)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _strings(node.left)
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    if isinstance(node, ast.BoolOp):
        return [found for value in node.values for found in _strings(value)]
    if isinstance(node, ast.Call):
        name = _name(node.func)
        if name in TRANSLATORS:
            return []
        if name == "format" and isinstance(node.func, ast.Attribute):
            return _strings(node.func.value)
        if name in PASS_THROUGH:
            return [found for argument in node.args for found in _strings(argument)]
    return []


def _deep_strings(node):
    """``_strings`` through tuples, lists and dict values."""
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [found for element in node.elts for found in _deep_strings(element)]
    if isinstance(node, ast.Dict):
        return [found for value in node.values for found in _deep_strings(value)]
    return _strings(node)


def _choice_labels(node):
    """The labels in a choices literal: [(value, label), …], with groups (name, [(value, label), …])."""
    if isinstance(node, ast.Dict):
        pairs = [(None, value) for value in node.values]
    elif isinstance(node, (ast.List, ast.Tuple)):
        pairs = [
            (element.elts[0], element.elts[1])
            for element in node.elts
            if isinstance(element, (ast.Tuple, ast.List)) and len(element.elts) == 2
        ]
    else:
        return []
    found = []
    for first, label in pairs:
        if isinstance(label, (ast.List, ast.Tuple, ast.Dict)):  # a group: its name, then its choices
            found += (_strings(first) if first is not None else []) + _choice_labels(label)
        else:
            found += _strings(label)
    return found


def _fieldset_names(node):
    """The names in an admin ``fieldsets`` literal: ((name, {"fields": …}), …)."""
    if not isinstance(node, (ast.List, ast.Tuple)):
        return []
    return [
        found
        for element in node.elts
        if isinstance(element, (ast.Tuple, ast.List)) and len(element.elts) == 2
        for found in _strings(element.elts[0])
    ]


def _parameters(tree):
    """{name: [positional parameter names]} of the functions defined at the top of a module."""
    return {
        node.name: [argument.arg for argument in node.args.posonlyargs + node.args.args]
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    }


def _is_app_config(node):
    return any(_name(base) == "AppConfig" for base in node.bases)


class _Python(ast.NodeVisitor):
    def __init__(self, parameters=None):
        self.parameters = parameters or {}  # the module's own functions, whose label= may be given by position
        self.found = []  # (node, text, its own words)
        self.classes = []  # the class bodies we are in
        self.functions = 0

    def visit_ClassDef(self, node):
        if any(_name(base) in CHOICES_BASES for base in node.bases):
            self.choices_class(node)
        self.classes.append(node)
        self.generic_visit(node)
        self.classes.pop()

    def visit_FunctionDef(self, node):
        if node.name == "lookups":  # a list filter's choices
            for child in ast.walk(node):
                if isinstance(child, ast.Return) and child.value is not None:
                    self.found += _choice_labels(child.value)
        self.functions += 1
        saved, self.classes = self.classes, []
        self.generic_visit(node)
        self.classes = saved
        self.functions -= 1

    visit_AsyncFunctionDef = visit_FunctionDef

    def choices_class(self, node):
        for statement in node.body:
            if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
                continue
            target = statement.targets[0]
            if not isinstance(target, ast.Name) or target.id in NOT_MEMBERS or target.id.startswith("__"):
                continue
            value = statement.value
            if isinstance(value, ast.Tuple) and len(value.elts) >= 2:
                self.found += _strings(value.elts[-1])

    def visit_Call(self, node):
        name = _name(node.func)
        for keyword in node.keywords:
            if keyword.arg in KEYWORDS:
                self.found += _strings(keyword.value)
            elif keyword.arg == "error_messages" and isinstance(keyword.value, ast.Dict):
                self.found += [found for value in keyword.value.values for found in _strings(value)]
            elif keyword.arg == "choices":
                self.found += _choice_labels(keyword.value)
        position = None
        if name in PEOPLE_READ:
            position = 0
        elif name in MESSAGE_LEVELS and _name(getattr(node.func, "value", None)) == "messages":
            position = 1
        elif name == "add_message" and _name(getattr(node.func, "value", None)) == "messages":
            position = 2
        elif name == "add_error" and isinstance(node.func, ast.Attribute):
            position = 1
            self.found += [found for k in node.keywords if k.arg == "error" for found in _deep_strings(k.value)]
        elif (
            isinstance(node.func, ast.Attribute)
            and _name(node.func.value) == "models"
            and name.endswith("Field")
            and name not in RELATIONS
        ):
            position = 0  # a model field's verbose name
        if position is not None and len(node.args) > position:
            argument = node.args[position]
            self.found += _deep_strings(argument) if name in PEOPLE_READ | {"add_error"} else _strings(argument)
        if isinstance(node.func, ast.Name) and node.func.id in self.parameters:
            for parameter, argument in zip(self.parameters[node.func.id], node.args, strict=False):
                if parameter in KEYWORDS:
                    self.found += _strings(argument)
        self.generic_visit(node)

    def visit_Assign(self, node):
        self.assigned(node.targets, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node):
        if node.value is not None:
            self.assigned([node.target], node.value)
        self.generic_visit(node)

    def assigned(self, targets, value):
        for target in targets:
            if isinstance(target, ast.Attribute) and target.attr in ATTRIBUTES:
                self.found += _strings(value)
            elif isinstance(target, ast.Name):
                if self.classes and not self.functions and target.id in ATTRIBUTES:
                    if not (target.id == "label" and _is_app_config(self.classes[-1])):  # an app's label is a name
                        self.found += _strings(value)
                elif target.id.endswith("CHOICES"):
                    self.found += _choice_labels(value)
                elif target.id.lower().endswith("fieldsets"):
                    self.found += _fieldset_names(value)
                elif (
                    not self.classes
                    and not self.functions
                    and target.id.endswith(DICT_SUFFIXES)
                    and isinstance(value, ast.Dict)
                ):
                    self.found += _deep_strings(value)


def scan_python(source, path="<python>"):
    """The problems in one Python module's source."""
    tree = ast.parse(source)
    visitor = _Python(_parameters(tree))
    visitor.visit(tree)
    lines = source.splitlines()
    quiet = {number for number, line in enumerate(lines, start=1) if "#" in line and NOT_SHOWN in line}
    problems = set()
    for node, text, words in visitor.found:
        if needs_translation(words) and not quiet & set(range(node.lineno, node.end_lineno + 1)):
            problems.add(Problem(str(path), node.lineno, _one_line(text)))
    return sorted(problems)


def exception_classes(source):
    """The names of the classes defined in ``source`` whose names end in Error."""
    return {
        node.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ClassDef) and node.name.endswith("Error")
    }


# ---------------------------------------------------------------------------------------------------------- the project

SKIPPED = frozenset({".venv", "node_modules", "tests", "bench", "migrations", "static", "var", "__pycache__"})


def _walk(top):
    for folder, subfolders, files in os.walk(top):
        subfolders[:] = sorted(name for name in subfolders if name not in SKIPPED and not name.startswith("."))
        yield Path(folder), sorted(files)


def template_files(root=ROOT):
    """Every .html and .txt file in a ``templates`` folder of the project."""
    return [
        folder / name
        for folder, files in _walk(root)
        if "templates" in folder.relative_to(root).parts
        for name in files
        if name.endswith((".html", ".txt"))
    ]


def app_folders(root=ROOT):
    """The project's apps: each top-level folder with an apps.py."""
    return sorted(
        path for path in root.iterdir() if path.is_dir() and path.name not in SKIPPED and (path / "apps.py").exists()
    )


def python_files(root=ROOT):
    return [
        folder / name
        for app in app_folders(root)
        for folder, files in _walk(app)
        for name in files
        if name.endswith(".py")
    ]


@functools.cache
def _scanned(path, root, scan, modified):
    return scan(path.read_text(encoding="utf-8"), path.relative_to(root).as_posix())


def _problems(paths, scan, root, allowed):
    allowed = ALLOWED if allowed is None else allowed
    found = {problem for path in paths for problem in _scanned(path, root, scan, path.stat().st_mtime_ns)}
    return sorted(problem for problem in found if (problem.path, problem.text) not in allowed)


def template_problems(root=ROOT, allowed=None):
    """Every unmarked string in the project's templates, sorted, less those ``allowed`` (by default ``ALLOWED``)."""
    return _problems(template_files(root), scan_template, root, allowed)


def python_problems(root=ROOT, allowed=None):
    """Every unmarked string in the project's apps' Python, sorted, less those ``allowed`` (by default ``ALLOWED``)."""
    return _problems(python_files(root), scan_python, root, allowed)


def project_problems(root=ROOT, allowed=None):
    return sorted(template_problems(root, allowed) + python_problems(root, allowed))
