"""The command line as a user meets it: exit codes, messages, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from spacecoop.cli import main


def run(*args: str, project: Path | None = None):
    prefix = ["--project", str(project)] if project else []
    return CliRunner().invoke(main, [*prefix, *args], catch_exceptions=False)


def test_validate_conforms_on_shipped_data(repository):
    result = run("validate", project=repository)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Conforms: 0 violation(s)")


def test_validate_json_is_machine_readable(repository):
    result = run("validate", "--format", "json", project=repository)
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert report["conforms"] is True and report["violations"] == 0


def test_validate_turtle_is_a_shacl_report(repository):
    result = run("validate", "--format", "turtle", project=repository)
    assert result.exit_code == 0
    report = Graph().parse(data=result.output, format="turtle")
    assert any("ValidationReport" in str(o) for o in report.objects())


def test_validate_reports_violation_with_exit_1(project_copy):
    broken = project_copy / "data" / "broken.ttl"
    broken.write_text(
        "@prefix sc: <https://w3id.org/spacecoop/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://w3id.org/spacecoop/resource/meeting/nobody> a sc:Meeting ;\n"
        "    rdfs:label \"A meeting no release states\"@en .\n", encoding="utf-8")
    result = run("validate", project=project_copy)
    assert result.exit_code == 1
    assert result.output.startswith("Does not conform:")
    assert "meeting:nobody" in result.output
    assert "Violation" in result.output


def test_syntax_error_names_file_line_and_column(project_copy):
    broken = project_copy / "data" / "broken.ttl"
    broken.write_text("@prefix sc: <https://w3id.org/spacecoop/ontology#> .\n\n"
                      "<https://w3id.org/spacecoop/resource/x> sc:when \"2020-01-01 .\n",
                      encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(project_copy), "validate"])
    assert result.exit_code == 2
    assert f"{broken}:3:" in result.stderr
    assert "syntax error" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_undefined_prefix_is_reported(project_copy):
    broken = project_copy / "data" / "broken.ttl"
    broken.write_text("<https://w3id.org/spacecoop/resource/x> zz:p zz:o .\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(project_copy), "stats"])
    assert result.exit_code == 2
    assert result.stderr == f"spacecoop: {broken}:1:41: Turtle error: The prefix zz: has not been declared\n"


def test_missing_project_folder_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["--project", str(tmp_path), "stats"])
    assert result.exit_code == 2
    assert "not a spacecoop project: missing folder(s) ontology, data, shapes" in result.stderr


def test_unknown_export_format_is_a_usage_error(repository):
    result = CliRunner().invoke(main, ["--project", str(repository), "export", "--format", "n3"])
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.stderr


def test_export_to_missing_folder_fails_cleanly(repository, tmp_path):
    target = tmp_path / "nowhere" / "graph.ttl"
    result = CliRunner().invoke(main, ["--project", str(repository), "export", "-o", str(target)])
    assert result.exit_code == 2
    assert "folder does not exist" in result.stderr
    assert not target.parent.exists()


def test_export_writes_file_that_parses(repository, tmp_path):
    target = tmp_path / "graph.nt"
    result = CliRunner().invoke(main, ["--project", str(repository), "export", "--format", "nt",
                                       "-o", str(target)])
    assert result.exit_code == 0
    assert len(Graph().parse(target, format="nt")) > 0
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nt"]  # no temporary file left


def test_stats_json_counts_every_release(repository, kg):
    result = run("stats", "--format", "json", project=repository)
    assert result.exit_code == 0
    figures = json.loads(result.output)
    assert figures["data_triples"] == len(kg.data)
    assert [r["date"] for r in figures["releases"]] == [
        "2013-10-28", "2016-07-22", "2020-10-22", "2021-02-25", "2022-07-01"]
    assert all(r["nodes_stated"] > 0 for r in figures["releases"])


def test_reason_reports_a_consistent_graph(repository):
    result = run("reason", project=repository)
    assert result.exit_code == 0
    assert "Consistent" in result.output


def test_reason_flags_a_disjointness_clash(project_copy):
    (project_copy / "data" / "clash.ttl").write_text(
        "@prefix sc: <https://w3id.org/spacecoop/ontology#> .\n"
        "<https://w3id.org/spacecoop/resource/mission/mmx> a sc:Organisation .\n", encoding="utf-8")
    result = run("reason", project=project_copy)
    assert result.exit_code == 1
    assert "inconsistent:" in result.output and "mission/mmx" in result.output


def test_console_script_runs_without_traceback(repository, tmp_path):
    """The installed entry point, as a separate process, on bad input."""
    completed = subprocess.run(
        [sys.executable, "-m", "spacecoop", "--project", str(tmp_path), "validate"],
        capture_output=True, text=True, check=False)
    assert completed.returncode == 2
    assert completed.stderr.startswith("spacecoop: ")
    assert "Traceback" not in completed.stderr


@pytest.mark.parametrize("command", [("stats",), ("export", "--format", "nt"), ("validate",)])
def test_output_to_a_reader_that_has_gone_stops_quietly(repository, command):
    """`spacecoop stats | head -1`: when the reader has gone, the command stops without a
    message and exits 141, as a shell reports a command stopped by SIGPIPE."""
    reading, writing = os.pipe()
    os.close(reading)
    try:
        completed = subprocess.run([sys.executable, "-m", "spacecoop", "--project", str(repository), *command],
                                   stdout=writing, stderr=subprocess.PIPE, text=True, check=False)
    finally:
        os.close(writing)
    assert (completed.returncode, completed.stderr) == (141, "")


@pytest.mark.parametrize("command", ["validate", "export", "stats", "reason"])
def test_every_command_has_help(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output


def test_stats_text_names_releases_by_prefixed_name(repository):
    result = run("stats", project=repository)
    assert result.exit_code == 0
    lines = [line.split() for line in result.output.splitlines()]
    assert ["release:2013-10-28", "2013-10-28", "57"] in lines
    assert ["sc:PressRelease", "5"] in lines
