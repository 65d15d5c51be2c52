"""Loading: files found in a stable order, parse errors located precisely."""

from __future__ import annotations

import pytest

from spacecoop.errors import RDFSyntaxError
from spacecoop.loading import parse_rdf_file
from spacecoop.project import ProjectFiles


def test_project_files_are_found_and_sorted(repository):
    files = ProjectFiles.discover(repository)
    assert files.data == tuple(sorted(files.data))
    assert repository / "ontology" / "spacecoop.ttl" in files.ontology
    assert any(path.parent.name == "releases" for path in files.data)
    assert files.shapes


@pytest.mark.parametrize("name, text, line, column, needle", [
    ("open-string.ttl", '<http://a.test/s> <http://a.test/p> "no end .\n', 1, None,
     "newline found in string literal"),
    ("unbound.ttl", "\n\n<http://a.test/s> zz:p <http://a.test/o> .\n", 3, 19, 'Prefix "zz:" not bound'),
    ("bad.nt", "<http://a.test/s> <http://a.test/p> <http://a.test/o> .\n<s> <p> <o> .\n", 2, 1,
     "syntax error: an IRI must be absolute"),
])
def test_parse_errors_name_file_line_and_problem(tmp_path, name, text, line, column, needle):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RDFSyntaxError) as raised:
        parse_rdf_file(path)
    error = raised.value
    assert error.source == str(path)
    assert error.line == line
    if column is not None:
        assert error.column == column
    assert needle in error.message


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "junk.ttl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    with pytest.raises(RDFSyntaxError, match="not UTF-8 text"):
        parse_rdf_file(path)


def test_unknown_suffix_is_refused(tmp_path):
    path = tmp_path / "graph.rdf"
    path.write_text("<rdf:RDF/>", encoding="utf-8")
    with pytest.raises(RDFSyntaxError, match="unknown RDF file type '.rdf'"):
        parse_rdf_file(path)
