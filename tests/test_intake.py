"""Intake of a contributed file (`spacecoop validate FILE`, `spacecoop add FILE`).

What a contributor, and whoever runs the tool on a contributor's file, relies on:

1. only a regular file is read: a symbolic link, a named pipe, a device or a folder is
   refused at once (a pipe named *.ttl does not hang), and no more than the size limit
   is read even when stat reports a smaller size;
2. an error names the file and, where it can, the line (and column), says what is wrong
   in words and never quotes a line of the file;
3. what `add` writes is RDF 1.1 that any tool reads: no literal subject, no predicate
   that is not an IRI, no invalid IRI, no Notation3 syntax in a .ttl file;
4. nothing is dropped silently: JSON-LD triples in a named graph, an "@id" that is not an
   IRI, keys that expand to no IRI are refused, not ignored;
5. deep nesting, UTF-16 text and Turtle starting with '[' each get a message in words.

Every refusal: exit 2, nothing on stdout, one line `spacecoop: file[:line[:column]]:
message` on stderr, data/ unchanged.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from spacecoop.intake import read_new_triples
from spacecoop.loading import MAX_NESTING

from test_additions import (BAD, NEW_RELEASE, PROCESS_TIMEOUT, assert_no_traceback, cli,
                            data_snapshot, process_env)

#: Stands for a secret held in a file that is not RDF: it must never be printed.
SECRET = "SECRET-MARKER-7f3a9c"

NESTED = f"nested too deeply \\(more than {MAX_NESTING} levels of brackets\\)"
PREFIXES = ("@prefix sc: <https://w3id.org/spacecoop/ontology#> .\n"
            "@prefix meeting: <https://w3id.org/spacecoop/resource/meeting/> .\n")


def _case(name: str):
    return lambda folder: BAD / name


def _write(name: str, content: bytes | str):
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path
    return build


_RELEASE_UTF16 = NEW_RELEASE.read_text(encoding="utf-8")

#: name -> (how to make the file in a folder, the message after "spacecoop: " as a
#: regular expression, {path} standing for the file's path).
BAD_INPUTS = {
    # Item 4: what RDF 1.1 does not allow, and Notation3 in a .ttl file
    "literal-subject": (_case("literal-subject.ttl"),
                        r"{path}:6:1: syntax error: a literal cannot be the subject of a triple"),
    "number-subject": (_write("number.ttl", PREFIXES + "\n2021 sc:note \"x\" .\n"),
                       r"{path}:4:1: syntax error: a literal cannot be the subject of a triple"),
    "literal-predicate": (_case("literal-predicate.ttl"),
                          r"{path}:6:5: syntax error: the predicate of a triple must be an IRI"),
    "blank-node-predicate": (_case("blank-node-predicate.ttl"),
                             r"{path}:6:5: syntax error: the predicate of a triple must be an IRI"),
    "n3-path": (_case("n3-path.ttl"),
                r"{path}:6:45: syntax error: paths with '!' or '\^' are Notation3, not Turtle"),
    "n3-variable": (_case("n3-variable.ttl"),
                    r"{path}:5:1: syntax error: variables \('\?x'\) are Notation3, not Turtle"),
    "n3-formula": (_case("n3-formula.ttl"),
                   r"{path}:5:1: syntax error: formulas and sets \('\{{ \}}', '\(\$ \$\)'\) are Notation3, "
                   r"not Turtle"),
    "n3-is-of": (_case("n3-is-of.ttl"), r"{path}:5:20: syntax error: Found 'is' keyword in Turtle mode"),
    "iri-with-space": (_case("iri-with-space.ttl"),
                       r"{path}:5:1: syntax error: not a valid IRI: it contains a space"),
    "iri-with-brace-nt": (_case("iri-with-brace.nt"), r"{path}:2: not a valid IRI: it contains '\{{'"),
    "iri-with-bar-rdf": (_case("iri-with-bar.rdf"), r"{path}:5: not a valid IRI: it contains '\|'"),
    "iri-with-escaped-space": (_write("escaped.ttl", PREFIXES + "\nmeeting:x sc:note <http://a.test/x\\u0020y> .\n"),
                               r"{path}:4:19: syntax error: not a valid IRI: it contains a space"),
    # Item 10: JSON-LD a processor would drop in part without a word
    "json-ld-named-graph": (_case("named-graph.jsonld"),
                            r'{path}:11: a named graph \("@graph" inside a node\) is not accepted: '
                            r"put its nodes at the top level"),
    "json-ld-named-graph-in-node": (_case("named-graph-in-node.jsonld"),
                                    r'{path}:14: a named graph \("@graph" inside a node\) is not accepted: '
                                    r"put its nodes at the top level"),
    "json-ld-id-with-space": (_case("id-with-space.jsonld"),
                              r'{path}:10: "@id" is not a valid IRI: it contains a space'),
    "json-ld-id-not-a-string": (_case("id-not-a-string.jsonld"), r'{path}:10: "@id" must be a string'),
    "json-ld-undefined-term": (_case("undefined-term.jsonld"),
                               r'{path}:12: property "note" is not a term of the context, a prefixed name '
                               r"or an IRI, so JSON-LD would drop it"),
    "json-ld-null-term": (_case("null-term.jsonld"),
                          r'{path}:9: property "note" is mapped to null in the context, so JSON-LD would drop it'),
    "json-ld-blank-node-property": (_case("blank-node-property.jsonld"),
                                    r'{path}:12: property "_:note" is a blank node: a property must be an IRI'),
    # Item 22: the right line, UTF-16
    "n-triples-relative-iri": (_case("relative-predicate.nt"),
                               r"{path}:3:84: syntax error: an IRI must be absolute, between '<' and '>', "
                               r"without spaces"),
    "n-triples-missing-dot": (_case("missing-dot.nt"),
                              r"{path}:2:130: syntax error: expected ' \.' at the end of the triple"),
    "rdf-xml-mismatched-tag": (_case("malformed.rdf"),
                               r"{path}:6:90: not well-formed XML: mismatched tag"),
    "utf-16-le": (_write("utf16.ttl", _RELEASE_UTF16.encode("utf-16")),
                  r"{path}: UTF-16 text: save it as UTF-8"),
    "utf-16-be": (_write("utf16.nt", b"\xfe\xff" + _RELEASE_UTF16.encode("utf-16-be")),
                  r"{path}: UTF-16 text: save it as UTF-8"),
    # Item 21: deep nesting
    "deep-json-ld": (_write("deep.jsonld", '{"@context": {"sc": "https://w3id.org/spacecoop/ontology#"},\n'
                            '"@id": "https://w3id.org/spacecoop/resource/meeting/x",\n"sc:note": '
                            + '{"sc:note": ' * 10_000 + '"x"' + "}" * 10_001),
                     r"{path}:3:" + str(12 + 12 * (MAX_NESTING - 1)) + ": " + NESTED),
    "deep-turtle-blank-nodes": (_write("deep.ttl", PREFIXES + "meeting:x sc:note "
                                       + "[ sc:note " * 10_000 + '"x"' + " ]" * 10_000 + " .\n"),
                                r"{path}:3:\d+: syntax error: " + NESTED),
    "deep-turtle-collections": (_write("deep-list.ttl", PREFIXES + "meeting:x sc:note "
                                       + "( " * 10_000 + '"x"' + " )" * 10_000 + " .\n"),
                                r"{path}:3:\d+: syntax error: " + NESTED),
    # Item 8: not a regular file
    "device": (lambda folder: Path(os.devnull), r"{path}: a device, not a regular file"),
    "symbolic-link": (lambda folder: _link(folder, "x.nt"),
                      r"{path}: a symbolic link, not a regular file: name the file itself"),
}


def _link(folder: Path, name: str) -> Path:
    """A link with an RDF name to a file that holds a secret."""
    secret = folder / "secret.txt"
    secret.write_text(f"root:x:0:0:{SECRET}:/root:/bin/bash\n", encoding="utf-8")
    link = folder / name
    link.symlink_to(secret)
    return link


def assert_refused(result, project: Path, before: dict, expected: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert re.fullmatch("spacecoop: " + expected + "\n", result.stderr), result.stderr
    assert_no_traceback(result)
    assert data_snapshot(project) == before


@pytest.mark.parametrize("command", ["validate", "add"])
@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_is_refused_in_one_line(name: str, command: str, project_copy, tmp_path):
    build, message = BAD_INPUTS[name]
    path = build(tmp_path)
    before = data_snapshot(project_copy)
    result = cli(project_copy, command, str(path))
    assert_refused(result, project_copy, before, message.format(path=re.escape(str(path))))
    assert SECRET not in result.output


@pytest.mark.parametrize("name, content", [
    ("passwd.nt", f"root:x:0:0:{SECRET}:/root:/bin/bash\n"),
    ("passwd.ttl", f"root:x:0:0:{SECRET}:/root:/bin/bash\n"),
    ("second-line.nt", "<http://a.test/s> <http://a.test/p> <http://a.test/o> .\n"
                       f"<http://a.test/s> {SECRET} <http://a.test/o> .\n"),
    ("secret.rdf", f'<?xml version="1.0"?>\n<secret>{SECRET}</oops>\n'),
    ("secret.jsonld", f'{{"password": "{SECRET}"\n'),
])
def test_errors_do_not_quote_the_file(name: str, content: str, project_copy, tmp_path):
    """rdflib's N-Triples parser says "Invalid line: <the line>": a file that is not RDF
    must not have its content printed."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    before = data_snapshot(project_copy)
    result = cli(project_copy, "validate", str(path))
    assert_refused(result, project_copy, before, re.escape(str(path)) + r":\d+(:\d+)?: .+")
    assert SECRET not in result.output


def test_named_pipe_is_refused_without_waiting(project_copy, tmp_path):
    """A pipe named *.ttl would block a reader until someone writes to it."""
    pipe = tmp_path / "pipe.ttl"
    os.mkfifo(pipe)
    before = data_snapshot(project_copy)
    completed = subprocess.run(
        [sys.executable, "-m", "spacecoop", "--project", str(project_copy), "--no-cache", "add", str(pipe)],
        capture_output=True, text=True, env=process_env(), timeout=PROCESS_TIMEOUT)
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr == f"spacecoop: {pipe}: a named pipe, not a regular file\n"
    assert data_snapshot(project_copy) == before


def test_size_limit_holds_when_stat_reports_less(project_copy, tmp_path, monkeypatch):
    """A /proc file or a file growing while it is read has a size stat does not tell:
    at most the limit plus one byte is read, whatever stat says."""
    path = tmp_path / "growing.ttl"
    path.write_bytes(NEW_RELEASE.read_bytes())
    bytes_read = []

    def size_zero(stat):
        return lambda *args, **kwargs: os.stat_result((*stat(*args, **kwargs)[:6], 0, *stat(*args, **kwargs)[7:]))

    def counting(read):
        def counted(descriptor, size):
            data = read(descriptor, size)
            bytes_read.append(len(data))
            return data
        return counted

    for name in ("stat", "lstat", "fstat"):
        monkeypatch.setattr(os, name, size_zero(getattr(os, name)))
    monkeypatch.setattr(os, "read", counting(os.read))
    before = data_snapshot(project_copy)
    result = cli(project_copy, "add", str(path), "--max-bytes", "100")
    monkeypatch.undo()
    assert_refused(result, project_copy, before, re.escape(f"{path}: file is over the limit of 100 bytes"))
    assert sum(bytes_read) == 101


_MEETING = "<https://w3id.org/spacecoop/ontology#Meeting>"
_NOTE = "<https://w3id.org/spacecoop/ontology#note>"


@pytest.mark.parametrize("text", [
    f"[] a {_MEETING} .\n",
    f"[]a {_MEETING} .\n",
    f'[ {_NOTE} "x" ] .\n',
    f'[{_NOTE} "x"] .\n',
    f'[\n    {_NOTE} "x"\n] .\n',
    f'[\t{_NOTE} "x" ] .\n',
])
def test_turtle_starting_with_a_bracket_is_read_as_turtle(text: str, tmp_path):
    """Only text that parses as JSON is taken for JSON-LD in a .ttl file."""
    path = tmp_path / "blank.ttl"
    path.write_text(text, encoding="utf-8")
    assert len(read_new_triples(path).graph) == 1


def test_turtle_features_stay_accepted(tmp_path):
    """The stricter Turtle reading keeps every Turtle form."""
    path = tmp_path / "features.ttl"
    path.write_text(
        "@base <https://w3id.org/spacecoop/resource/> .\n"
        "PREFIX sc: <https://w3id.org/spacecoop/ontology#>\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<meeting/x> a sc:Meeting ;\n"
        "    sc:note 'single', \"\"\"long\nstring\"\"\"@en, \"typed\"^^xsd:string, true, 12, -1.5, 1e3 ;\n"
        "    sc:list ( 1 ( 2 ) [ sc:note \"in a list\" ] ) ;\n"
        "    sc:other [ sc:note \"nested\" ] ;\n"
        "    sc:escaped sc:a\\!b, <meeting/y%20z> .\n"
        "( <meeting/x> ) sc:note \"a collection as subject\" .\n"
        "_:b sc:note \"a labelled blank node\" .\n",
        encoding="utf-8")
    assert len(read_new_triples(path).graph) == len(Graph().parse(path, format="turtle")) == 26
