"""The ``spacecoop`` command line: parses arguments, calls the core, prints, sets the exit code.

Exit codes: 0 success, 1 the data does not conform (or is inconsistent), 2 usage, parse or
connection error, 130 interrupted (Ctrl-C). Errors are one line on stderr,
``file:line: message``, never a traceback.

Whatever is printed passes through :func:`display.escaped` (or, for CSV and XML, which have no
escapes, :func:`encodable`): text from data files, queries or servers can hold terminal
escape sequences and lone surrogates, and must neither drive the terminal nor crash the
printing.

The core (rdflib, pyshacl) is imported only by the commands that need it, so that a
query whose answer is cached prints it without loading any of them.
"""

from __future__ import annotations

import atexit
import gc
import json
import logging
import warnings
import math
import os
import sys
from functools import cached_property
from pathlib import Path

import click
from click.core import ParameterSource

from .answers import Answers
from .cache import Cache
from .display import encodable, escaped, short, without_credentials
from .errors import SpacecoopError
from .formats import (DEFAULT_MAX_BYTES, DEFAULT_MAX_QUERY_BYTES, DEFAULT_MAX_ROWS, DEFAULT_QUERY_WORKERS, DEFAULT_SERVER_MAX_ROWS,
                      DEFAULT_SERVER_TIMEOUT, DEFAULT_TIMEOUT, EXPORT_FORMATS, GRAPH_FORMATS,
                      GRAPH_NAMES, MAX_TIMEOUT, REPORT_FORMATS, SOURCE_GRAPH_BASE, TABLE_FORMATS, Limits)
from .project import ProjectFiles, decoded, find_project_folder
from .formats import DESCRIBE_FORMATS, SEARCH_DEFAULT_RESULTS, SEARCH_FORMATS, SEARCH_MAX_RESULTS
from .formats import DESCRIPTION_FORMATS

EXIT_INVALID = 1
EXIT_BROKEN_PIPE = 141  # as a shell reports a command stopped by SIGPIPE
EXIT_INTERRUPTED = 130  # as a shell reports a command stopped by SIGINT

#: Every environment variable spacecoop reads, and what it does (shown by --help).
ENVIRONMENT = {
    "SPACECOOP_PROJECT": "the project folder, when --project is not given",
    "SPACECOOP_CACHE_DIR": "a folder (such as ~/.cache) in which the cache keeps its own spacecoop/ "
                           "folder, instead of the project's .spacecoop-cache/ (or, for the graph "
                           "bundled with the package, the user's cache folder)",
    "SPACECOOP_ENDPOINT": "the SPARQL endpoint for query, sparql and publish, when --endpoint is not "
                          "given: queries then go to that server, not to the project's files",
    "SPACECOOP_USER": "the user name for the endpoint, when --user is not given",
    "SPACECOOP_PASSWORD": "the password for the endpoint (safer than --password, which other users "
                          "can see in the process list)",
    "SPACECOOP_DEBUG": "if set, an unexpected error shows its Python traceback",
    "SPACECOOP_PAUSE_BEFORE_RENAME": "for tests only: seconds add waits between writing a data file "
                                     "aside and renaming it into place",
}

#: What the user can change to get past an error, for each hint the core gives (errors.HINTS).
HINT_WORDS = {
    "timeout": "raise the limit with --timeout",
    "max-rows": "raise it with --max-rows",
    "max-bytes": "raise it with --max-bytes",
    "release": "pass --release IRI",
    "format": "choose another with --format",
    "project": "pass --project DIR or set SPACECOOP_PROJECT",
    "queries": "list them with 'spacecoop queries'",
}

#: Output formats without escapes of their own: written exactly (but for lone surrogates).
_EXACT_FORMATS = ("csv", "xml")


def _echo(text: str = "", *, err: bool = False, nl: bool = True, output_format: str | None = None) -> None:
    """Print ``text``, escaped for the terminal (see :func:`display.escaped`). Output in CSV or
    XML is written exactly to a file or a pipe, and escaped only on a terminal."""
    if output_format in _EXACT_FORMATS and not sys.stdout.isatty():
        text = encodable(text)
    else:
        text = escaped(text, keep="\n\t\r" if output_format in _EXACT_FORMATS else
                         "\n\t" if output_format == "tsv" else "\n")
    click.echo(text, err=err, nl=nl)


def _say(message: str) -> None:
    """One line on stderr, ``spacecoop: message``, whatever ``message`` holds."""
    click.echo(f"spacecoop: {escaped(message)}", err=True)


def _note(message: str) -> None:
    _say(f"note: {message}")


class SpacecoopGroup(click.Group):
    """Turns every error raised below into a one-line message and its exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SpacecoopError as error:  # every kind of error exits 2 (1 is for data that does not conform)
            _say(f"{error} ({HINT_WORDS[error.hint]})" if error.hint in HINT_WORDS else str(error))
            ctx.exit(2)
        except KeyboardInterrupt:  # Ctrl-C, wherever it lands (rdflib, pyshacl…): not "does not conform"
            _say("interrupted")
            ctx.exit(EXIT_INTERRUPTED)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise  # click reports these itself (usage errors exit 2)
        except BrokenPipeError:  # the reader left (`spacecoop export | head`): stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(EXIT_BROKEN_PIPE)
        except Exception as error:  # an unforeseen failure still gets one line, not a traceback
            if os.environ.get("SPACECOOP_DEBUG"):
                raise
            _say(f"{type(error).__name__}: {error} (set SPACECOOP_DEBUG=1 for details)")
            ctx.exit(2)


class Session:
    """What ``--project`` and ``--cache/--no-cache`` choose, before or after the command
    name (after wins). The project is found, and the cache opened, when first used."""

    def __init__(self, project: Path | None, use_cache: bool, project_from_environment: bool):
        self.project = project
        self.use_cache = use_cache
        self.project_from_environment = project_from_environment

    @cached_property
    def files(self) -> ProjectFiles:
        if self.project_from_environment:
            _note(f"project {self.project} (from SPACECOOP_PROJECT)")
        if self.project:
            return ProjectFiles.discover(self.project)
        files = ProjectFiles.found()
        if files.bundled:
            from .bundled import package_version
            _note(f"using the graph bundled with spacecoop {package_version()}; "
                  "`spacecoop init DIR` makes a project you can change")
        return files

    def project_files(self, command: str) -> ProjectFiles:
        """The files of a project the user can change: ``command`` refuses the bundled graph."""
        if (not self.project and find_project_folder() is None) or self.files.bundled:
            raise SpacecoopError(f"{command} needs a project folder, not the graph bundled with spacecoop: "
                                 "make one with `spacecoop init DIR`, then run it there or pass --project DIR")
        return self.files

    @cached_property
    def cache(self) -> Cache | None:
        if not self.use_cache:
            return None
        cache = Cache(self.files)
        if os.environ.get("SPACECOOP_CACHE_DIR"):
            _note(f"cache folder {cache.folder} (from SPACECOOP_CACHE_DIR)")
        return cache

    @cached_property
    def answers(self) -> Answers:
        return Answers(self.files, self.cache)

    @property
    def kg(self):
        return self.answers.kg


_PROJECT_HELP = ("Project folder holding ontology/, data/ and shapes/ (default: found from the working directory, "
                 "else the graph bundled with spacecoop, read-only).")
_CACHE_HELP = ("Reuse parsed graphs, the closure and query answers from .spacecoop-cache/ "
               "(keyed on the files' content, so never stale).")


def _print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from .bundled import ontology_version, package_version
    try:
        ontology = ontology_version()
    except SpacecoopError as error:
        _say(str(error))
        ctx.exit(2)
    click.echo(f"spacecoop {package_version()}, ontology {ontology or '(no owl:versionInfo)'}")
    ctx.exit()


def _environment_help() -> str:
    lines = ["\b", "Environment variables:"]
    lines += [f"  {name}: {meaning}" for name, meaning in ENVIRONMENT.items()]
    return "\n".join(lines)


@click.group(cls=SpacecoopGroup, epilog=_environment_help())
@click.option("--project", type=click.Path(file_okay=False, path_type=Path), envvar="SPACECOOP_PROJECT",
              help=_PROJECT_HELP)
@click.option("--cache/--no-cache", "use_cache", default=True, show_default=True, help=_CACHE_HELP)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the version of spacecoop and of its bundled ontology, and exit.")
@click.pass_context
def main(ctx: click.Context, project: Path | None, use_cache: bool):
    """Query, validate and publish the knowledge graph of France–Japan space cooperation."""
    # rdflib logs a traceback for each ill-typed literal it reads; the shapes report them
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module="rdflib")  # likewise ("Parsing weird boolean…")
    from_environment = ctx.get_parameter_source("project") is ParameterSource.ENVIRONMENT
    ctx.obj = Session(project, use_cache, from_environment)


def _command_project(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        session = ctx.find_object(Session)
        session.project, session.project_from_environment = value, False


def _command_cache(ctx: click.Context, param: click.Parameter, value: bool | None) -> None:
    if value is not None:
        ctx.find_object(Session).use_cache = value


def _session_options() -> list[click.Option]:
    """``--project`` and ``--cache/--no-cache`` as every command takes them, after its name."""
    return [
        click.Option(["--project"], type=click.Path(file_okay=False, path_type=Path), expose_value=False,
                     callback=_command_project, help=_PROJECT_HELP),
        click.Option(["--cache/--no-cache"], default=None, expose_value=False, callback=_command_cache,
                     help=_CACHE_HELP),
    ]


class Seconds(click.FloatRange):
    """A number of seconds from ``minimum`` to MAX_TIMEOUT. FloatRange lets "nan" through
    (no comparison with it is true)."""

    name = "seconds"

    def __init__(self, minimum: float):
        super().__init__(min=minimum, max=MAX_TIMEOUT)

    def convert(self, value, param, ctx):
        seconds = super().convert(value, param, ctx)
        if math.isnan(seconds):
            self.fail(f"{value!r} is not a number of seconds", param, ctx)
        return seconds


def _short(node) -> str:
    """A term as people read it, on one line, with the project's prefixes (see :func:`display.short`)."""
    return short(node, _namespaces())


def _namespaces():
    from rdflib import Graph
    from .namespaces import bind_prefixes
    return bind_prefixes(Graph()).namespace_manager


# ---------------------------------------------------------------- validate and add

def _release_option(value: str | None):
    if value is None:
        return None
    from .namespaces import expand_iri
    try:
        return expand_iri(value)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--release") from None


_report_format = click.option(
    "--format", "output_format", type=click.Choice(REPORT_FORMATS), default="text",
    show_default=True, help="text for people; json, or turtle (a SHACL validation report), for programs.")
_strict = click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
_max_bytes = click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES,
                          show_default=True, help="Refuse new files larger than this.")
_release = click.option("--release", metavar="IRI",
                        help="The release stating the new triples (e.g. release:2023-05-10): every "
                             "node they describe gets sc:statedIn it.")


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@_report_format
@_strict
@_max_bytes
@_release
@click.pass_obj
def validate(session: Session, files: tuple[Path, ...], output_format: str, strict: bool,
             max_bytes: int, release: str | None):
    """Validate the graph, or new triples in FILES joined to it, against the SHACL shapes.

    With FILES (Turtle, N-Triples, JSON-LD, RDF/XML), only the nodes the new triples affect
    are checked, and each problem names the line of the file where its node appears.
    Exit 0 conforms, 1 does not (or warnings with --strict), 2 unreadable input.
    """
    kg = session.kg
    if files:
        check = kg.check_additions(list(files), release=_release_option(release), max_bytes=max_bytes)
        report, locate = check.report, check.located
        scope = f"in {len(check.graph)} new triples joined to {kg.data_size()} data triples"
    else:
        report, locate = kg.validate(), (lambda result: None)
        scope = f"in {kg.data_size()} data triples"
    _print_report(report, output_format, locate, scope)
    failed = not report.conforms or (strict and report.warnings)
    click.get_current_context().exit(EXIT_INVALID if failed else 0)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@_release
@click.option("--dry-run", is_flag=True, help="Show what would be added, and where, without writing.")
@_report_format
@_strict
@_max_bytes
@click.pass_obj
def add(session: Session, files: tuple[Path, ...], release: str | None, dry_run: bool,
        output_format: str, strict: bool, max_bytes: int):
    """Validate new triples in FILES and, if they conform, merge them into data/.

    They go into the file of the release that states them (data/releases/<date>-<slug>.ttl,
    created for a new release). Nothing is written unless everything conforms; the write is
    atomic and one add runs at a time.
    """
    from .kg import add_to_project
    check, plan = add_to_project(session.project_files("add").root, list(files), release=_release_option(release),
                                 dry_run=dry_run, strict=strict, max_bytes=max_bytes,
                                 use_cache=session.cache is not None)
    scope = f"in {len(check.graph)} new triples"
    if plan is None:
        _print_report(check.report, output_format, check.located, scope)
        _echo("Nothing was added.", err=True)
        click.get_current_context().exit(EXIT_INVALID)
    if check.report.results:
        _print_report(check.report, output_format, check.located, scope)
    target = escaped(str(plan.target.relative_to(session.files.root)))
    if not len(plan.new):
        _echo("Nothing to add: the graph already holds every one of these triples.")
    elif dry_run:
        _echo(f"Would add {len(plan.new)} triple(s) to {target}:")
        _echo(plan.block, output_format="turtle")
    else:
        _echo(f"Added {len(plan.new)} triple(s) to {target} "
              f"(stated in {_short(plan.release)}).")


def _print_report(report, output_format: str, locate, scope: str) -> None:
    _echo(report.render(output_format, locate, scope), nl=False, output_format=output_format)


# ---------------------------------------------------------------- reason

@main.command()
@click.pass_obj
def reason(session: Session):
    """Compute the OWL 2 RL closure and report inconsistencies (exit 1 if any)."""
    kg = session.kg
    _echo(f"{kg.store.count('data') + kg.store.count('ontology')} asserted triples, "
          f"{kg.store.count('inferred')} inferred by OWL 2 RL.")
    if not kg.inconsistencies:
        _echo("Consistent: no owl:Nothing members, no disjointness clashes.")
        return
    for problem in kg.inconsistencies:
        _echo(f"inconsistent: {escaped(str(problem))}")
    click.get_current_context().exit(EXIT_INVALID)


# ---------------------------------------------------------------- queries

OUTPUT_FORMATS = list(dict.fromkeys([*TABLE_FORMATS, *GRAPH_FORMATS]))


_endpoint_options = [
    click.option("--endpoint", metavar="URL", envvar="SPACECOOP_ENDPOINT",
                 help="A SPARQL 1.1 endpoint to run on instead of the in-process graph "
                      "(e.g. http://127.0.0.1:8890/sparql); http or https, without credentials in it "
                      "(use --user and $SPACECOOP_PASSWORD). Redirects are not followed."),
    click.option("--user", envvar="SPACECOOP_USER", help="User name for the endpoint (or $SPACECOOP_USER)."),
    click.option("--password", envvar="SPACECOOP_PASSWORD",
                 help="Password for the endpoint; prefer $SPACECOOP_PASSWORD. Never printed."),
    click.option("--auth", type=click.Choice(["digest", "basic"]), default="digest", show_default=True,
                 help="HTTP authentication scheme (Virtuoso's /sparql-auth wants digest)."),
]


def _endpoint(url: str | None, user: str | None, password: str | None, auth: str, timeout: float):
    if url is None:
        return None
    if click.get_current_context().get_parameter_source("endpoint") is ParameterSource.ENVIRONMENT:
        _note(f"using the SPARQL endpoint {without_credentials(url)} (from SPACECOOP_ENDPOINT), "
              "not the project's files")
    from .remote import Endpoint
    return Endpoint(url, user, password, auth, timeout)


def _with(options, command):
    for option in reversed(options):
        command = option(command)
    return command


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
        click.option("--timeout", type=Seconds(0.1), default=DEFAULT_TIMEOUT, show_default=True,
                     help="Seconds before the query is stopped, parsing included; with --endpoint, "
                          "the deadline of the whole request (at most a day)."),
        click.option("--max-rows", type=click.IntRange(min=1), default=DEFAULT_MAX_ROWS, show_default=True,
                     help="Rows kept at most; the output says when the cap cut the result."),
        *_endpoint_options,
        click.option("--graph", "graphs", multiple=True, metavar="IRI",
                     help="With --endpoint: a named graph to query (repeatable). Default: the graphs "
                          "'spacecoop publish' writes (data, ontology, and inferred with --reason)."),
    ]
    return _with(options, command)


def _print_answer(answer) -> None:
    """Print an answer (see :mod:`.answers`); say on stderr when the row cap cut it."""
    _echo(answer.text, nl=False, output_format=answer.output_format)
    if answer.cut_at is not None:
        _say(f"result cut at the row cap ({answer.cut_at} rows); raise it with --max-rows")


@main.command("queries")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.pass_obj
def list_queries(session: Session, output_format: str):
    """List the saved queries with their titles and parameters."""
    from .saved_queries import load_catalogue
    catalogue = load_catalogue(session.files.queries_folder)
    if output_format == "json":
        _echo(json.dumps([
            {"name": q.name, "title": q.title, "description": q.description, "tags": list(q.tags),
             "reasoning": q.reasoning,
             "parameters": [{"name": p.name, "type": p.type, "default": p.default, "optional": p.optional,
                             "description": p.description} for p in q.parameters]}
            for q in catalogue.values()], indent=2, ensure_ascii=False), output_format="json")
        return
    from tabulate import tabulate
    rows = [[escaped(cell) for cell in
             (q.name, q.title, ", ".join(f"{p.name}:{p.type}{'?' * p.optional}" for p in q.parameters))] +
            ["on" if q.reasoning else "off"] for q in catalogue.values()]
    _echo(tabulate(rows, headers=["name", "title", "parameters", "reasoning"]))


@main.command("query")
@click.argument("name")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter value (repeatable), e.g. --param mission=mission:mmx")
@_query_options
@click.pass_obj
def run_saved_query(session: Session, name: str, params: tuple[str, ...], output_format: str,
                    reasoning: bool | None, timeout: float, max_rows: int, endpoint: str | None,
                    user: str | None, password: str | None, auth: str, graphs: tuple[str, ...]):
    """Run the saved query NAME (see 'spacecoop queries')."""
    values = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        values[key.strip()] = value
    remote = _endpoint(endpoint, user, password, auth, timeout)
    _print_answer(session.answers.saved(name, values, output_format, reasoning=reasoning,
                                        limits=Limits(timeout, max_rows), endpoint=remote,
                                        graphs=list(graphs) or None))


@main.command("sparql")
@click.argument("query", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(dir_okay=False, allow_dash=True),
              help="Read the query from this file ('-' for standard input).")
@_query_options
@click.pass_obj
def run_sparql(session: Session, query: str | None, query_file: str | None, output_format: str,
               reasoning: bool | None, timeout: float, max_rows: int, endpoint: str | None,
               user: str | None, password: str | None, auth: str, graphs: tuple[str, ...]):
    """Run an ad-hoc SPARQL query (QUERY, -f FILE, or '-' for standard input).

    Read-only: updates, SERVICE and FROM / FROM NAMED are refused. The project's prefixes
    (sc:, mission:, person:, rdfs:, …) are predeclared.
    """
    if (query is None) == (query_file is None):
        raise click.UsageError("give the query as an argument or with -f FILE (not both)")
    if query == "-" or query_file == "-":
        source = "<stdin>"
        query = decoded(sys.stdin.buffer.read(), source)
    elif query_file is not None:
        source = query_file
        try:
            with open(query_file, "rb") as stream:
                query = decoded(stream.read(), source)
        except OSError as error:
            raise SpacecoopError(f"cannot read the query: {error.strerror}", source) from None
    else:
        source = "query"

    remote = _endpoint(endpoint, user, password, auth, timeout)
    _print_answer(session.answers.sparql(query, output_format, reasoning=bool(reasoning),
                                         limits=Limits(timeout, max_rows), source=source, endpoint=remote,
                                         graphs=list(graphs) or None))


# ---------------------------------------------------------------- export

@main.command()
@click.option("--format", "rdf_format", type=click.Choice(list(EXPORT_FORMATS)), default="turtle",
              show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write to this file (atomically) instead of standard output; with --versioned or "
                   "--docs, the folder to write into.")
@click.option("--ontology", "with_ontology", is_flag=True, help="Include the ontology.")
@click.option("--inferred", "with_inferred", is_flag=True,
              help="Include the OWL 2 RL inferred triples (in their own graph in TriG and N-Quads).")
@click.option("--describe", is_flag=True,
              help="Instead of the data, its VoID and DCAT description (Turtle, JSON-LD or N-Triples).")
@click.option("--base-url", metavar="URL",
              help="With --describe: where the dataset is served (its SPARQL endpoint and dumps); "
                   "with --docs: where the pages' links to the rest of the site point.")
@click.option("--versioned", is_flag=True,
              help="Write the dumps spacecoop-VERSION.ttl|.nt|.jsonld|.trig|.nq, each with its "
                   ".sha256, into the folder given by --output (VERSION: the package's).")
@click.option("--docs", is_flag=True,
              help="Write the ontology's documentation (model.html, shapes.html and their "
                   "stylesheets) into the folder given by --output.")
@click.pass_obj
def export(session: Session, rdf_format: str, output: Path | None, with_ontology: bool,
           with_inferred: bool, describe: bool, base_url: str | None, versioned: bool, docs: bool):
    """Export the graph as Turtle, N-Triples, JSON-LD, TriG or N-Quads (deterministic output).

    TriG and N-Quads keep each data file's triples in its source graph; the other formats
    give the union of the files, each triple once.
    """
    if sum((describe, versioned, docs)) > 1:
        raise click.UsageError("give at most one of --describe, --versioned and --docs")
    if base_url is not None and not (describe or docs):
        raise click.UsageError("--base-url goes with --describe or --docs")
    if base_url is not None and not base_url.startswith(("http://", "https://")):
        raise click.UsageError(f"--base-url must be an http(s) URL, not {escaped(base_url)!r}")
    if versioned or docs:
        if output is None:
            raise click.UsageError(f"--{'versioned' if versioned else 'docs'} writes files: give the folder "
                                   "with --output DIR")
        if output.exists() and not output.is_dir():
            raise SpacecoopError("not a folder", source=str(output))
        if docs:
            from .web.documentation import write_documentation
            written = write_documentation(session.kg, output, base_url)
        else:
            from .dataset import write_versioned_dumps
            written = write_versioned_dumps(session.kg, output)
        for path in written:
            _echo(f"wrote {escaped(str(path))}", err=True)
        return
    if output is not None and not output.resolve().parent.is_dir():
        raise SpacecoopError("folder does not exist", source=str(output.resolve().parent))
    if describe:
        if rdf_format not in DESCRIPTION_FORMATS:
            raise click.UsageError(f"the description is written in {', '.join(DESCRIPTION_FORMATS)}, "
                                   f"not {rdf_format}")
        text = encodable(session.kg.dataset_description(rdf_format, base_url=base_url))
    else:
        text = encodable(session.kg.export(rdf_format, ontology=with_ontology, inferred=with_inferred))
    if output is None:
        _echo(text, nl=False, output_format=rdf_format)
        return
    from .storage import write_atomically
    write_atomically(output, text)
    _echo(f"wrote {escaped(str(output))} ({len(text.encode('utf-8'))} bytes, {rdf_format})",
          err=True)


# ---------------------------------------------------------------- publish

@main.command()
@click.option("--graph", default=GRAPH_NAMES["data"], show_default=True, metavar="IRI",
              help="The named graph the data replaces.")
@click.option("--ontology", "ontology_graph", is_flag=False, flag_value=GRAPH_NAMES["ontology"],
              default=None, metavar="[IRI]",
              help="Also publish the ontology, to this graph (default …/graph/ontology).")
@click.option("--inferred", "inferred_graph", is_flag=False, flag_value=GRAPH_NAMES["inferred"],
              default=None, metavar="[IRI]",
              help="Also publish the OWL 2 RL inferred triples, to this graph (default …/graph/inferred).")
@click.option("--store", metavar="URL",
              help="Graph Store Protocol endpoint to PUT graphs to (Virtuoso: …/sparql-graph-crud-auth, "
                   "Oxigraph: …/store, Fuseki: …/DATASET/data). Without it, SPARQL Update is used.")
@click.option("--update", "update_url", metavar="URL",
              help="SPARQL Update endpoint when there is no --store (default: --endpoint).")
@click.option("--timeout", type=Seconds(1), default=120, show_default=True,
              help="Deadline in seconds of each request as a whole (at most a day).")
@click.pass_obj
def publish(session: Session, graph: str, ontology_graph: str | None, inferred_graph: str | None,
            store: str | None, update_url: str | None, timeout: float, endpoint: str | None,
            user: str | None, password: str | None, auth: str):
    """Replace named graphs on a SPARQL server with the project's graph, then check the counts.

    The data goes to its graph and, file by file, to the source graphs (…/graph/source/…)
    that say which file states a triple. Publishing twice leaves one copy: each graph is
    replaced, not added to, and the source graph of a file no longer in data/ is removed.
    """
    session.project_files("publish")
    if endpoint is None:
        raise click.UsageError("publish needs --endpoint URL (the server's SPARQL query endpoint)")
    remote = _endpoint(endpoint, user, password, auth, timeout)
    published = session.kg.publish(remote, graph=graph, ontology_graph=ontology_graph,
                                   inferred_graph=inferred_graph, store=store, update=update_url)
    sources = [part for part in published if part.graph.startswith(SOURCE_GRAPH_BASE) and not part.removed]
    for part in published:
        if part.removed:
            _echo(f"removed <{escaped(part.graph)}> (its data file is gone); "
                  f"the server holds {part.on_server}")
        elif part not in sources:
            _echo(f"published {part.triples} triples to <{escaped(part.graph)}>; "
                  f"the server holds {part.on_server}")
        elif part is sources[0]:  # the source graphs in one line
            _echo(f"published {sum(p.triples for p in sources)} triples to {len(sources)} source graphs "
                  f"<{SOURCE_GRAPH_BASE}…> (one per data file); the server holds "
                  f"{sum(p.on_server for p in sources)}")


publish = _with(_endpoint_options, publish)
main.add_command(publish)


# ---------------------------------------------------------------- stats

@main.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.pass_obj
def stats(session: Session, output_format: str):
    """Triples, entities per class and facts per release."""
    kg = session.kg
    figures = kg.statistics()
    if output_format == "json":
        _echo(json.dumps({
            "data_triples": figures.data_triples,
            "ontology_triples": figures.ontology_triples,
            "entities_per_class": figures.entities_per_class,
            "releases": [{"release": iri, "date": date, "nodes_stated": count}
                         for iri, date, count in figures.releases],
        }, indent=2), output_format="json")
        return
    from tabulate import tabulate
    _echo(f"Triples: {figures.data_triples} in data/, {figures.ontology_triples} in ontology/\n")
    _echo(tabulate([(escaped(str(name)), count) for name, count in figures.entities_per_class.items()],
                   headers=["class", "entities"]))
    _echo()
    _echo(tabulate([(_short(iri), escaped(str(date)), count) for iri, date, count in figures.releases],
                   headers=["release", "date", "nodes stated"]))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on. Only this machine reaches 127.0.0.1; another address "
                   "(0.0.0.0: every interface) lets other machines query the graph.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="The port to listen on; 0 picks a free one (the start-up line says which).")
@click.option("--timeout", type=Seconds(0.001), default=DEFAULT_SERVER_TIMEOUT, show_default=True,
              help="Stop a query after this many seconds.")
@click.option("--max-rows", type=click.IntRange(min=1), default=DEFAULT_SERVER_MAX_ROWS, show_default=True,
              help="Return at most this many rows of a query's result.")
@click.option("--max-query-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_QUERY_BYTES,
              show_default=True, help="Refuse a query whose text is longer than this.")
@click.option("--workers", type=click.IntRange(min=1), default=DEFAULT_QUERY_WORKERS, show_default=True,
              help="Run at most this many queries at once, each in a worker process (more wait their turn).")
@click.pass_obj
def serve(session: Session, host: str, port: int, timeout: float, max_rows: int, max_query_bytes: int,
          workers: int):
    """Serve the graph read-only over HTTP: a SPARQL 1.1 endpoint at /sparql, the saved queries
    at /queries/NAME.json (csv, tsv…), each node at its IRI's path (/resource/mission/mmx) and
    the whole graph at /data/spacecoop.ttl (trig, nq, jsonld). Runs until Ctrl-C."""
    from .web import server
    from .web.app import ServerSettings, create_app
    settings = ServerSettings(Limits(timeout, max_rows), max_query_bytes, workers)
    figures = session.kg.statistics()
    app = create_app(session.kg, settings)
    sock = server.listening_socket(host, port)
    url = server.base_url(sock)
    if not sock.getsockname()[0].startswith(("127.", "::1")):
        _note(f"listening on {host}: other machines can query the graph")
    _echo(f"spacecoop: serving {url} ({figures.data_triples:,} data triples from "
          f"{len(figures.releases)} press releases); SPARQL endpoint {url}sparql; Ctrl-C stops")
    server.run(app, sock, max_query_bytes)


# ---------------------------------------------------------------- look-up by name

@main.command()
@click.argument("name")
@click.option("--format", "output_format", type=click.Choice(DESCRIBE_FORMATS), default="text",
              show_default=True,
              help="text for people; turtle, nt, jsonld, rdfxml (each statement's sources as reified "
                   "statements); trig, nquads (each statement in the source graphs holding it).")
@click.pass_obj
def describe(session: Session, name: str, output_format: str):
    """What the graph says about a node, and which source says each thing.

    NAME is a prefixed name (mission:mmx), an IRI, or a node's exact name ("Naoki Okumura");
    'spacecoop search' finds nodes by part of a name.
    """
    description = session.kg.describe(name)
    if output_format == "text":
        _echo(description.text(_namespaces()), nl=False)
    else:
        _echo(encodable(description.serialize(output_format)), nl=False, output_format=output_format)
    if description.truncated and output_format != "text":
        _say(f"only the first {len(description.incoming)} of the {description.incoming_count} "
             "statements pointing to the node are given")


@main.command()
@click.argument("text")
@click.option("--limit", type=click.IntRange(min=1), default=SEARCH_DEFAULT_RESULTS, show_default=True,
              help=f"Show at most this many nodes ({SEARCH_MAX_RESULTS} at most).")
@click.option("--format", "output_format", type=click.Choice(SEARCH_FORMATS), default="table",
              show_default=True)
@click.pass_obj
def search(session: Session, text: str, limit: int, output_format: str):
    """Find nodes by name: labels, alternative labels and abbreviations, ignoring case and
    accents, best match first (the name itself, then names starting with TEXT, then names
    holding its words, then close spellings)."""
    matches = session.kg.search(text, limit)
    if output_format == "json":
        _echo(json.dumps([match.as_json() for match in matches], indent=2, ensure_ascii=False),
              output_format="json")
        return
    if not matches:
        _say(f"no node is named like {text!r}")
        return
    from tabulate import tabulate
    rows = [(_short(match.node), escaped(match.label or "-"),
             escaped(match.name) if match.name != match.label else "",
             ", ".join(_short(kind) for kind in match.classes)) for match in matches]
    _echo(tabulate(rows, headers=["node", "label", "matched", "kinds"]))


# ---------------------------------------------------------------- init

@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
def init(folder: Path):
    """Make FOLDER (new or empty) a project you can change: a copy of the graph bundled with
    spacecoop (ontology/, data/, shapes/ and queries/). Run the commands there, or pass
    --project FOLDER."""
    from .bundled import init_project, package_version
    copied = init_project(folder)
    _echo(f"made the project {escaped(str(folder))}: {len(copied)} files of the graph bundled with "
          f"spacecoop {package_version()}")


# --project and --cache/--no-cache work after the command's name too (`spacecoop validate
# --project DIR`), where they win over those given before it
for _command in main.commands.values():
    _command.params.extend(_session_options())


def run() -> None:
    """The console script (and ``python -m spacecoop``): the command, then a quick exit."""
    # The process ends as soon as the command has printed. Keep the interpreter's final
    # garbage collection away from the graphs it loaded: it would add 0.1-0.2 s to every
    # command for memory the operating system takes back anyway.
    atexit.register(gc.freeze)
    main()
