"""The ``spacecoop`` command line: parses arguments, calls the core, prints, sets the exit code.

Exit codes: 0 success, 1 the data does not conform (or is inconsistent), 2 usage, parse or
connection error. Errors are one line on stderr, ``file:line: message``, never a traceback.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import click
from tabulate import tabulate

from .errors import SpacecoopError
from .export import EXPORT_FORMATS
from .kg import KnowledgeGraph
from .runners import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, Limits
from .validation import ValidationReport

EXIT_INVALID = 1


class SpacecoopGroup(click.Group):
    """Turns every SpacecoopError raised below into a one-line message and its exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SpacecoopError as error:
            click.echo(f"spacecoop: {error}", err=True)
            ctx.exit(error.exit_code)
        except (OSError, ValueError, RuntimeError) as error:
            if os.environ.get("SPACECOOP_DEBUG"):
                raise
            click.echo(f"spacecoop: {type(error).__name__}: {error} "
                       "(set SPACECOOP_DEBUG=1 for details)", err=True)
            ctx.exit(2)


@click.group(cls=SpacecoopGroup)
@click.option("--project", type=click.Path(file_okay=False, path_type=Path), envvar="SPACECOOP_PROJECT",
              help="Project folder holding ontology/, data/ and shapes/ (default: found from the "
                   "working directory).")
@click.version_option(package_name="spacecoop")
@click.pass_context
def main(ctx: click.Context, project: Path | None):
    """Query, validate and publish the knowledge graph of France–Japan space cooperation."""
    ctx.obj = project


def _knowledge_graph(ctx: click.Context) -> KnowledgeGraph:
    return KnowledgeGraph.from_project(ctx.obj)


# ---------------------------------------------------------------- validate

@main.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json", "turtle"]), default="text",
              show_default=True, help="text for people; json or turtle (the SHACL report) for programs.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.pass_context
def validate(ctx: click.Context, output_format: str, strict: bool):
    """Validate the data against the SHACL shapes (exit 0 conforms, 1 does not)."""
    kg = _knowledge_graph(ctx)
    report = kg.validate()
    if output_format == "turtle":
        click.echo(report.report_graph.serialize(format="turtle"), nl=False)
    elif output_format == "json":
        click.echo(json.dumps(_report_as_json(report, kg), indent=2, ensure_ascii=False))
    else:
        click.echo(_report_as_text(report, kg))
    failed = not report.conforms or (strict and report.warnings)
    ctx.exit(EXIT_INVALID if failed else 0)


def _short(kg: KnowledgeGraph, node) -> str:
    if node is None:
        return "-"
    try:
        return kg.data.namespace_manager.normalizeUri(node)
    except Exception:
        return str(node)


def _report_as_text(report: ValidationReport, kg: KnowledgeGraph) -> str:
    triples = len(kg.data)
    summary = (f"{len(report.violations)} violation(s), {len(report.warnings)} warning(s) "
               f"in {triples} data triples")
    if not report.results:
        return f"Conforms: {summary}."
    lines = [("Conforms" if report.conforms else "Does not conform") + f": {summary}.", ""]
    by_focus: dict = {}
    for result in report.results:
        by_focus.setdefault(result.focus, []).append(result)
    for focus, results in by_focus.items():
        lines.append(_short(kg, focus))
        for result in results:
            severity = _short(kg, result.severity).removeprefix("sh:")
            value = f" = {_short(kg, result.value)}" if result.value is not None else ""
            lines.append(f"  {severity:<9} {_short(kg, result.path)}{value}")
            lines.append(f"            {result.message}  [{_short(kg, result.shape)}]")
        lines.append("")
    return "\n".join(lines).rstrip()


def _report_as_json(report: ValidationReport, kg: KnowledgeGraph) -> dict:
    def term(node):
        return None if node is None else str(node)
    return {
        "conforms": report.conforms,
        "violations": len(report.violations),
        "warnings": len(report.warnings),
        "results": [
            {"focus": term(r.focus), "path": term(r.path), "value": term(r.value),
             "component": term(r.component), "severity": term(r.severity),
             "shape": term(r.shape), "message": r.message}
            for r in report.results
        ],
    }


# ---------------------------------------------------------------- reason

@main.command()
@click.pass_context
def reason(ctx: click.Context):
    """Compute the OWL 2 RL closure and report inconsistencies (exit 1 if any)."""
    kg = _knowledge_graph(ctx)
    closure = kg.closure
    click.echo(f"{len(kg.ontology) + len(kg.data)} asserted triples, "
               f"{len(closure.inferred)} inferred by OWL 2 RL.")
    if closure.consistent:
        click.echo("Consistent: no owl:Nothing members, no disjointness clashes.")
        return
    for problem in closure.inconsistencies:
        click.echo(f"inconsistent: {problem}")
    ctx.exit(EXIT_INVALID)


# ---------------------------------------------------------------- export

@main.command()
@click.option("--format", "rdf_format", type=click.Choice(list(EXPORT_FORMATS)), default="turtle",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (atomically) instead of standard output.")
@click.option("--ontology", "with_ontology", is_flag=True, help="Include the ontology.")
@click.option("--inferred", "with_inferred", is_flag=True,
              help="Include the OWL 2 RL inferred triples (in their own graph with --format trig).")
@click.pass_context
def export(ctx: click.Context, rdf_format: str, output: Path | None, with_ontology: bool,
           with_inferred: bool):
    """Export the graph as Turtle, N-Triples, JSON-LD or TriG (deterministic output)."""
    text = _knowledge_graph(ctx).export(rdf_format, ontology=with_ontology, inferred=with_inferred)
    if output is None:
        click.echo(text, nl=False)
        return
    _write_atomically(output, text)
    click.echo(f"wrote {output} ({len(text.encode('utf-8'))} bytes, {rdf_format})", err=True)


def _write_atomically(path: Path, text: str) -> None:
    path = path.resolve()
    if not path.parent.is_dir():
        raise SpacecoopError("folder does not exist", source=str(path.parent))
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# ---------------------------------------------------------------- queries

OUTPUT_FORMATS = ["table", "csv", "tsv", "json", "xml", "turtle", "nt", "jsonld"]


def _query_options(command):
    """Options shared by ``query`` and ``sparql``."""
    options = [
        click.option("--format", "output_format", type=click.Choice(OUTPUT_FORMATS), default="table",
                     show_default=True,
                     help="table for people; csv, tsv, json (SPARQL 1.1 results), xml for SELECT/ASK; "
                          "turtle, nt, jsonld for CONSTRUCT/DESCRIBE."),
        click.option("--reason/--no-reason", "reasoning", default=None,
                     help="Query the OWL 2 RL closure too (inferred triples), or only the asserted "
                          "triples. Default: the saved query's own setting; off for ad-hoc queries."),
        click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT, show_default=True,
                     help="Seconds before the query is stopped."),
        click.option("--max-rows", type=click.IntRange(min=1), default=DEFAULT_MAX_ROWS, show_default=True,
                     help="Rows kept at most; the output says when the cap cut the result."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _print_result(kg: KnowledgeGraph, result, output_format: str) -> None:
    text = result.render(output_format, prefixes=kg.data)
    click.echo(text if text.endswith("\n") else text + "\n", nl=False)
    if result.truncated and output_format != "table":
        click.echo(f"spacecoop: result cut at the row cap ({len(result.rows)} rows); "
                   "raise it with --max-rows", err=True)


@main.command("queries")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.pass_context
def list_queries(ctx: click.Context, output_format: str):
    """List the saved queries with their titles and parameters."""
    catalogue = _knowledge_graph(ctx).catalogue
    if output_format == "json":
        click.echo(json.dumps([
            {"name": q.name, "title": q.title, "description": q.description, "tags": list(q.tags),
             "reasoning": q.reasoning,
             "parameters": [{"name": p.name, "type": p.type, "default": p.default,
                             "description": p.description} for p in q.parameters]}
            for q in catalogue.values()], indent=2, ensure_ascii=False))
        return
    rows = [(q.name, q.title, ", ".join(f"{p.name}:{p.type}" for p in q.parameters),
             "on" if q.reasoning else "off") for q in catalogue.values()]
    click.echo(tabulate(rows, headers=["name", "title", "parameters", "reasoning"]))


@main.command("query")
@click.argument("name")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter value (repeatable), e.g. --param mission=mission:mmx")
@_query_options
@click.pass_context
def run_saved_query(ctx: click.Context, name: str, params: tuple[str, ...], output_format: str,
                    reasoning: bool | None, timeout: float, max_rows: int):
    """Run the saved query NAME (see 'spacecoop queries')."""
    values = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        values[key.strip()] = value
    kg = _knowledge_graph(ctx)
    result = kg.query(name, values, reasoning=reasoning, limits=Limits(timeout, max_rows))
    _print_result(kg, result, output_format)


@main.command("sparql")
@click.argument("query", required=False)
@click.option("-f", "--file", "query_file", type=click.File("r", encoding="utf-8"),
              help="Read the query from this file ('-' for standard input).")
@_query_options
@click.pass_context
def run_sparql(ctx: click.Context, query: str | None, query_file, output_format: str,
               reasoning: bool | None, timeout: float, max_rows: int):
    """Run an ad-hoc SPARQL query (QUERY, -f FILE, or '-' for standard input).

    Read-only: updates, SERVICE and FROM / FROM NAMED are refused.
    """
    if (query is None) == (query_file is None):
        raise click.UsageError("give the query as an argument or with -f FILE (not both)")
    if query == "-":
        query, source = click.get_text_stream("stdin").read(), "<stdin>"
    elif query_file is not None:
        query, source = query_file.read(), query_file.name
    else:
        source = "query"
    kg = _knowledge_graph(ctx)
    result = kg.sparql(query, reasoning=bool(reasoning), limits=Limits(timeout, max_rows), source=source)
    _print_result(kg, result, output_format)


# ---------------------------------------------------------------- stats

@main.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.pass_context
def stats(ctx: click.Context, output_format: str):
    """Triples, entities per class and facts per release."""
    kg = _knowledge_graph(ctx)
    figures = kg.statistics()
    if output_format == "json":
        click.echo(json.dumps({
            "data_triples": figures.data_triples,
            "ontology_triples": figures.ontology_triples,
            "entities_per_class": figures.entities_per_class,
            "releases": [{"release": iri, "date": date, "nodes_stated": count}
                         for iri, date, count in figures.releases],
        }, indent=2))
        return
    click.echo(f"Triples: {figures.data_triples} in data/, {figures.ontology_triples} in ontology/\n")
    click.echo(tabulate(list(figures.entities_per_class.items()), headers=["class", "entities"]))
    click.echo()
    click.echo(tabulate([(_short(kg, iri), date, count) for iri, date, count in figures.releases],
                        headers=["release", "date", "nodes stated"]))
