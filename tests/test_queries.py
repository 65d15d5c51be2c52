"""The saved queries: every query's exact rows on the project's data, the catalogue's
metadata, portability rules, parameter errors and injection attempts.

Expected rows were derived by reading the five releases and the data files, then checked
against the engine. They are written as tables: a header line with the variables, then one
line per row in the query's ORDER BY order; cells are separated by "|", IRIs are compacted
with the project's prefixes, literals are shown by their lexical form, "-" is an unbound
variable and '""' an empty string. CONSTRUCT results are sets of "subject predicate object".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import BNode, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from spacecoop.cli import main
from spacecoop.errors import SpacecoopError
from spacecoop.namespaces import PREFIXES
from spacecoop.query_text import with_values
from spacecoop.safety import checked_query
from spacecoop.saved_queries import ParameterError, UnknownQueryError, load_catalogue, parse_saved_query

#: The catalogue as shipped, read once at collection time to parametrise the tests by name.
CATALOGUE = load_catalogue(Path(__file__).resolve().parents[1] / "queries")
QUERY_NAMES = sorted(CATALOGUE)

_NAMESPACES = sorted(((str(namespace), prefix) for prefix, namespace in PREFIXES.items()),
                     key=lambda item: -len(item[0]))


def compact(term) -> str | None:
    """A result cell as written in the tables below (None stays None)."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        for namespace, prefix in _NAMESPACES:
            if term.startswith(namespace):
                return f"{prefix}:{term[len(namespace):]}"
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    assert isinstance(term, Literal)
    return str(term)


def rows(table: str):
    """Header and rows of a table written as text (see the module docstring)."""
    lines = [line for line in table.strip("\n").split("\n")]
    header = [cell.strip() for cell in lines[0].split("|")]

    def cell(text: str):
        text = text.strip()
        return None if text == "-" else "" if text == '""' else text

    return header, [tuple(cell(text) for text in line.split("|")) for line in lines[1:]]


def triples(text: str) -> set[str]:
    return {line.strip() for line in text.strip("\n").split("\n")}


def graph_lines(graph) -> set[str]:
    return {" ".join(compact(term) for term in triple) for triple in graph}


# (query name, parameters, expected result): True/False for ASK, rows(...) for SELECT,
# triples(...) for CONSTRUCT. Every query appears with its defaults ({}), and every query
# taking parameters also with other values.
EXPECTED = [
    ('agreements-and-parties', {}, rows("""
released | agreement | kindLabel | covers | party | partyLabel
2013-10-28 | agreement:cnes-jaxa-framework-agreement | framework agreement | - | organisation:cnes | CNES
2013-10-28 | agreement:cnes-jaxa-framework-agreement | framework agreement | - | organisation:jaxa | Japan Aerospace Exploration Agency
2013-10-28 | agreement:cnes-nict-framework-agreement-space-telecommunications | framework agreement | - | organisation:cnes | CNES
2013-10-28 | agreement:cnes-nict-framework-agreement-space-telecommunications | framework agreement | - | organisation:nict | National Institute of Information and Communication Technologies
2013-10-28 | agreement:france-japan-roadmap-2013-2018 | roadmap | 2013-2018 | country:france | France
2013-10-28 | agreement:france-japan-roadmap-2013-2018 | roadmap | 2013-2018 | country:japan | Japan
2016-07-22 | agreement:cnes-innovation-and-inspiration-plan | plan | - | organisation:cnes | CNES
2016-07-22 | agreement:cnes-jaxa-cooperation-agreement-2015 | cooperation agreement | - | organisation:cnes | CNES
2016-07-22 | agreement:cnes-jaxa-cooperation-agreement-2015 | cooperation agreement | - | organisation:jaxa | Japan Aerospace Exploration Agency
2016-07-22 | agreement:france-japan-reusable-launcher-joint-research | plan | - | country:france | France
2016-07-22 | agreement:france-japan-reusable-launcher-joint-research | plan | - | country:japan | Japan
2016-07-22 | agreement:plan-for-sustainable-development-health-and-security-in-africa | plan | - | organisation:government-of-france | Government of France
2016-07-22 | agreement:plan-for-sustainable-development-health-and-security-in-africa | plan | - | organisation:government-of-japan | Government of Japan
2021-02-25 | agreement:cnes-jaxa-greenhouse-gas-data-cross-validation | cooperation agreement | - | organisation:cnes | CNES
2021-02-25 | agreement:cnes-jaxa-greenhouse-gas-data-cross-validation | cooperation agreement | - | organisation:jaxa | Japan Aerospace Exploration Agency
2021-02-25 | agreement:paris-agreement | treaty | - | country:france | France
2021-02-25 | agreement:paris-agreement | treaty | - | country:japan | Japan
2022-07-01 | agreement:european-commission-space-traffic-management-initiative | plan | - | organisation:european-commission | European Commission
2022-07-01 | agreement:french-space-law-revision | plan | - | country:france | France
""")),
    ('agreements-between', {}, rows("""
agreement | agreementLabel | kindLabel | concludedAt | when | precision | released
agreement:cnes-jaxa-framework-agreement | CNES-JAXA framework agreement | framework agreement | - | - | - | 2013-10-28
agreement:cnes-jaxa-cooperation-agreement-2015 | CNES-JAXA cooperation agreement of October 2015 | cooperation agreement | meeting:2015-10-cnes-jaxa-bilateral-meeting | 2015-10 | precision:month | 2016-07-22
agreement:cnes-jaxa-greenhouse-gas-data-cross-validation | CNES-JAXA agreement on cross-validating greenhouse gas monitoring data | cooperation agreement | event:2017-one-planet-summit | 2017 | precision:year | 2021-02-25
""")),
    ('agreements-between', {'party_a': 'country:france', 'party_b': 'country:japan'}, rows("""
agreement | agreementLabel | kindLabel | concludedAt | when | precision | released
agreement:france-japan-roadmap-2013-2018 | 2013-2018 France-Japan roadmap | roadmap | event:2013-06-francois-hollande-state-visit-japan | 2013-06 | precision:month | 2013-10-28
agreement:france-japan-reusable-launcher-joint-research | France-Japan joint research on reusable launchers | plan | - | - | - | 2016-07-22
agreement:paris-agreement | Paris Agreement | treaty | - | - | - | 2021-02-25
""")),
    ('celestial-bodies-and-missions', {}, rows("""
body | bodyLabel | kindLabel | orbits | mission | samples
body:deimos | Deimos | moon | body:mars | mission:mmx | no
body:mars | Mars | planet | - | - | -
body:mercury | Mercury | planet | - | mission:bepicolombo | no
body:phobos | Phobos | moon | body:mars | mission:mmx | yes
body:ryugu | Ryugu | asteroid | - | mission:hayabusa2 | yes
body:sun | Sun | star | - | mission:solar-c | no
""")),
    ('contributions-by-contributor', {}, rows("""
contributor | contributorLabel | mission | missionLabel | role | status | released | contribution
country:france | France | mission:callisto | Callisto | crole:co-development | status:under-way | 2022-07-01 | contribution:2022-07-01-callisto-co-development
country:france | France | mission:hayabusa2 | Hayabusa2 | crole:hardware-supply | status:done | 2021-02-25 | contribution:2021-02-25-french-german-mascot
country:france | France | mission:hayabusa2 | Hayabusa2 | crole:sample-analysis | status:under-way | 2021-02-25 | contribution:2021-02-25-ias-hayabusa2-sample-analysis
country:france | France | mission:hayabusa2 | Hayabusa2 | crole:hardware-supply | status:done | 2021-02-25 | contribution:2021-02-25-micromega-delivery-to-jaxa
country:france | France | mission:hayabusa2 | Hayabusa2 | crole:sample-analysis | status:under-way | 2022-07-01 | contribution:2022-07-01-hayabusa2-sample-curation
country:france | France | mission:hayabusa2 | Hayabusa2 | crole:instrument-loan | status:under-way | 2022-07-01 | contribution:2022-07-01-micromega-loan-extension
country:france | France | mission:mmx | MMX | crole:participation | status:under-way | 2020-10-22 | contribution:2020-10-22-french-contributions-mmx
country:france | France | mission:mmx | MMX | crole:hardware-supply | status:under-way | 2022-07-01 | contribution:2022-07-01-french-german-mmx-rover
country:germany | Germany | mission:hayabusa2 | Hayabusa2 | crole:hardware-supply | status:done | 2021-02-25 | contribution:2021-02-25-french-german-mascot
country:germany | Germany | mission:mmx | MMX | crole:hardware-supply | status:under-way | 2022-07-01 | contribution:2022-07-01-french-german-mmx-rover
country:japan | Japan | mission:callisto | Callisto | crole:co-development | status:under-way | 2022-07-01 | contribution:2022-07-01-callisto-co-development
country:japan | Japan | mission:hayabusa2 | Hayabusa2 | crole:sample-analysis | status:under-way | 2022-07-01 | contribution:2022-07-01-hayabusa2-sample-curation
country:japan | Japan | mission:magic-2019 | MAGIC 2019 | crole:data-provision | status:done | 2021-02-25 | contribution:2021-02-25-gosat-data-for-magic-2019
country:japan | Japan | mission:magic-2020 | MAGIC 2020 | crole:data-provision | status:done | 2021-02-25 | contribution:2021-02-25-gosat-data-for-magic-2020
organisation:cnes | CNES | mission:aos-accp | AOS/ACCP | crole:definition-study | status:under-way | 2022-07-01 | contribution:2022-07-01-cnes-aos-accp-preparation
organisation:cnes | CNES | mission:aos-accp | AOS/ACCP | crole:hardware-supply | status:planned | 2022-07-01 | contribution:2022-07-01-cnes-aos-accp-radiometers
organisation:cnes | CNES | mission:bepicolombo | BepiColombo | crole:instrument-funding | status:under-way | 2013-10-28 | contribution:2013-10-28-cnes-bepicolombo-instrument-funding
organisation:cnes | CNES | mission:callisto | Callisto | crole:co-development | status:under-way | 2020-10-22 | contribution:2020-10-22-callisto-co-development
organisation:cnes | CNES | mission:hayabusa2 | Hayabusa2 | crole:sample-analysis | status:planned | 2020-10-22 | contribution:2020-10-22-cnes-hayabusa2-sample-analysis
organisation:cnes | CNES | mission:international-space-station | International Space Station | crole:science-operations | status:under-way | 2013-10-28 | contribution:2013-10-28-cnes-iss-science-operations
organisation:cnes | CNES | mission:litebird | LiteBIRD | crole:instrument-lead | status:proposed | 2020-10-22 | contribution:2020-10-22-cnes-litebird-mhft
organisation:cnes | CNES | mission:litebird | LiteBIRD | crole:definition-study | status:under-way | 2022-07-01 | contribution:2022-07-01-cnes-litebird-definition
organisation:cnes | CNES | mission:mmx | MMX | crole:hardware-supply | status:under-way | 2021-02-25 | contribution:2021-02-25-cnes-dlr-mmx-rover
organisation:cnes | CNES | mission:mmx | MMX | crole:expertise | status:under-way | 2021-02-25 | contribution:2021-02-25-cnes-mmx-spaceflight-dynamics
organisation:cnes | CNES | mission:mmx | MMX | crole:hardware-supply | status:under-way | 2021-02-25 | contribution:2021-02-25-cnes-mmx-spectrometer
organisation:cnes | CNES | mission:solar-c | Solar-C | crole:participation | status:proposed | 2020-10-22 | contribution:2020-10-22-cnes-solar-c
organisation:dlr | DLR | mission:callisto | Callisto | crole:co-development | status:under-way | 2020-10-22 | contribution:2020-10-22-callisto-co-development
organisation:dlr | DLR | mission:mmx | MMX | crole:hardware-supply | status:under-way | 2021-02-25 | contribution:2021-02-25-cnes-dlr-mmx-rover
organisation:jaxa | Japan Aerospace Exploration Agency | mission:callisto | Callisto | crole:co-development | status:under-way | 2020-10-22 | contribution:2020-10-22-callisto-co-development
""")),
    ('contributions-to-mission', {}, rows("""
released | contribution | contributor | contributorLabel | role | what | whatLabel | recipient | status
2020-10-22 | contribution:2020-10-22-french-contributions-mmx | country:france | France | crole:participation | - | - | - | status:under-way
2021-02-25 | contribution:2021-02-25-cnes-dlr-mmx-rover | organisation:cnes | CNES | crole:hardware-supply | hardware:mmx-rover | MMX rover | - | status:under-way
2021-02-25 | contribution:2021-02-25-cnes-dlr-mmx-rover | organisation:dlr | DLR | crole:hardware-supply | hardware:mmx-rover | MMX rover | - | status:under-way
2021-02-25 | contribution:2021-02-25-cnes-mmx-spaceflight-dynamics | organisation:cnes | CNES | crole:expertise | theme:spaceflight-dynamics | spaceflight dynamics | - | status:under-way
2021-02-25 | contribution:2021-02-25-cnes-mmx-spectrometer | organisation:cnes | CNES | crole:hardware-supply | hardware:mmx-spectrometer | CNES spectrometer for MMX | - | status:under-way
2022-07-01 | contribution:2022-07-01-french-german-mmx-rover | country:france | France | crole:hardware-supply | hardware:mmx-rover | MMX rover | organisation:jaxa | status:under-way
2022-07-01 | contribution:2022-07-01-french-german-mmx-rover | country:germany | Germany | crole:hardware-supply | hardware:mmx-rover | MMX rover | organisation:jaxa | status:under-way
""")),
    ('contributions-to-mission', {'mission': 'mission:hayabusa2'}, rows("""
released | contribution | contributor | contributorLabel | role | what | whatLabel | recipient | status
2020-10-22 | contribution:2020-10-22-cnes-hayabusa2-sample-analysis | organisation:cnes | CNES | crole:sample-analysis | theme:sample-analysis | sample analysis | - | status:planned
2021-02-25 | contribution:2021-02-25-french-german-mascot | country:france | France | crole:hardware-supply | hardware:mascot | MASCOT | - | status:done
2021-02-25 | contribution:2021-02-25-french-german-mascot | country:germany | Germany | crole:hardware-supply | hardware:mascot | MASCOT | - | status:done
2021-02-25 | contribution:2021-02-25-ias-hayabusa2-sample-analysis | country:france | France | crole:sample-analysis | hardware:micromega | MicrOmega | - | status:under-way
2021-02-25 | contribution:2021-02-25-ias-hayabusa2-sample-analysis | country:france | France | crole:sample-analysis | theme:sample-analysis | sample analysis | - | status:under-way
2021-02-25 | contribution:2021-02-25-micromega-delivery-to-jaxa | country:france | France | crole:hardware-supply | hardware:micromega | MicrOmega | organisation:jaxa | status:done
2022-07-01 | contribution:2022-07-01-hayabusa2-sample-curation | country:france | France | crole:sample-analysis | hardware:micromega | MicrOmega | - | status:under-way
2022-07-01 | contribution:2022-07-01-hayabusa2-sample-curation | country:france | France | crole:sample-analysis | theme:sample-curation | sample curation | - | status:under-way
2022-07-01 | contribution:2022-07-01-hayabusa2-sample-curation | country:japan | Japan | crole:sample-analysis | hardware:micromega | MicrOmega | - | status:under-way
2022-07-01 | contribution:2022-07-01-hayabusa2-sample-curation | country:japan | Japan | crole:sample-analysis | theme:sample-curation | sample curation | - | status:under-way
2022-07-01 | contribution:2022-07-01-micromega-loan-extension | country:france | France | crole:instrument-loan | hardware:micromega | MicrOmega | - | status:under-way
""")),
    ('country-profile', {}, rows("""
property | node | nodeLabel
sc:contributorCountry | contribution:2021-02-25-gosat-data-for-magic-2019 | GOSAT-1 and GOSAT-2 take part in MAGIC 2019 (2021)
sc:contributorCountry | contribution:2021-02-25-gosat-data-for-magic-2020 | GOSAT-1 and GOSAT-2 take part in MAGIC 2020 (2021)
sc:contributorCountry | contribution:2022-07-01-callisto-co-development | France and Japan continue developing Callisto (2022)
sc:contributorCountry | contribution:2022-07-01-hayabusa2-sample-curation | French and Japanese curation of Hayabusa2 samples (2022)
sc:country | mission:gosat | GOSAT
sc:country | mission:gosat-2 | GOSAT-2
sc:country | mission:hayabusa2 | Hayabusa2
sc:country | mission:litebird | LiteBIRD
sc:country | mission:mmx | MMX
sc:country | organisation:cabinet-office | Cabinet Office
sc:country | organisation:escuc | Extraterrestrial Sample Curation Center
sc:country | organisation:government-of-japan | Government of Japan
sc:country | organisation:isas | Institute of Space and Astronautical Science
sc:country | organisation:jaxa | Japan Aerospace Exploration Agency
sc:country | organisation:mext | Ministry of Education, Culture, Sports, Science and Technology
sc:country | organisation:mext-research-and-development-bureau | Research and Development Bureau
sc:country | organisation:naoj | National Astronomical Observatory of Japan
sc:country | organisation:national-space-policy-secretariat | National Space Policy Secretariat
sc:country | organisation:nict | National Institute of Information and Communication Technologies
sc:country | organisation:space-strategy-office | Space Strategy Office
sc:locatedIn | place:french-embassy-in-japan | French Embassy in Japan
sc:locatedIn | place:tokyo | Tokyo
sc:partnerCountry | mission:bepicolombo | BepiColombo
sc:partnerCountry | mission:international-space-station | International Space Station
sc:party | agreement:france-japan-reusable-launcher-joint-research | France-Japan joint research on reusable launchers
sc:party | agreement:france-japan-roadmap-2013-2018 | 2013-2018 France-Japan roadmap
sc:party | agreement:paris-agreement | Paris Agreement
sc:place | event:2013-06-francois-hollande-state-visit-japan | State visit of François Hollande to Japan, June 2013
sc:place | meeting:2022-06-27-cnes-chairman-jaxa-president | CNES Chairman & CEO meets the President of JAXA, week of 27 June 2022
sc:place | meeting:2022-06-27-cnes-chairman-meetings-japan | CNES Chairman & CEO's trip to Japan, week of 27 June 2022
sc:place | meeting:2022-06-27-cnes-chairman-minister-of-economic-security | CNES Chairman & CEO meets the Minister of Economic Security, week of 27 June 2022
""")),
    ('country-profile', {'country': 'country:germany'}, rows("""
property | node | nodeLabel
sc:contributorCountry | contribution:2021-02-25-french-german-mascot | French-German MASCOT lander on Hayabusa2 (2021)
sc:contributorCountry | contribution:2022-07-01-french-german-mmx-rover | French-German rover for MMX, to be delivered to JAXA (2022)
sc:country | organisation:dlr | DLR
""")),
    ('events-in-series', {}, rows("""
series | seriesLabel | edition | event | when | precision | place | status
series:cnes-jaxa-annual-meeting | CNES-JAXA annual meeting | - | meeting:2013-10-28-cnes-jaxa-annual-meeting-tokyo | 2013-10-28 | precision:day | place:tokyo | status:done
series:cop | COP | 21 | event:cop-21 | - | - | - | status:done
series:cop | COP | 22 | event:cop-22 | 2016 | precision:year | place:marrakesh | status:planned
series:france-japan-space-dialogue | France-Japan space dialogue | 1 | meeting:2016-03-france-japan-space-dialogue-1 | 2016-03 | precision:month | - | status:done
series:france-japan-space-dialogue | France-Japan space dialogue | 3 | meeting:france-japan-space-dialogue-3-announced-2020-10-22 | 2021 | precision:year | country:france | status:planned
series:france-japan-space-dialogue | France-Japan space dialogue | 3 | meeting:france-japan-space-dialogue-3-announced-2021-02-25 | - | - | country:france | status:planned
series:international-astronautical-congress | International Astronautical Congress | - | event:iac-2016 | 2016 | precision:year | place:guadalajara | status:planned
series:international-astronautical-congress | International Astronautical Congress | 73 | event:iac-2022 | 2022-09-18/2022-09-22 | precision:day | place:paris | status:planned
""")),
    ('hardware-by-mission', {}, rows("""
mission | hardware | hardwareLabel | kindLabel | provider | how | heritageFrom
- | hardware:philae | Philae | lander | - | - | -
mission:aos-accp | hardware:aos-accp-cnes-radiometer-on-jaxa-satellite | CNES microwave radiometer on the JAXA satellite of AOS/ACCP | radiometer | organisation:cnes | supplies hardware | -
mission:aos-accp | hardware:aos-accp-cnes-radiometer-on-nasa-satellite | CNES microwave radiometer on the NASA satellite of AOS/ACCP | radiometer | organisation:cnes | supplies hardware | -
mission:aos-accp | hardware:aos-accp-jaxa-satellite | JAXA satellite of AOS/ACCP | spacecraft | organisation:jaxa | operates it | -
mission:aos-accp | hardware:aos-accp-nasa-satellite | NASA satellite of AOS/ACCP | spacecraft | organisation:nasa | operates it | -
mission:bepicolombo | hardware:bepicolombo-cnes-funded-instruments | BepiColombo instruments funded by CNES | instrument | organisation:cnes | funds instruments | -
mission:hayabusa2 | hardware:mascot | MASCOT | lander | country:france | supplies hardware | hardware:philae
mission:hayabusa2 | hardware:mascot | MASCOT | lander | country:germany | supplies hardware | hardware:philae
mission:hayabusa2 | hardware:micromega | MicrOmega | instrument | country:france | analyses samples | -
mission:hayabusa2 | hardware:micromega | MicrOmega | instrument | country:france | lends an instrument | -
mission:hayabusa2 | hardware:micromega | MicrOmega | instrument | country:france | supplies hardware | -
mission:hayabusa2 | hardware:micromega | MicrOmega | instrument | country:japan | analyses samples | -
mission:litebird | hardware:mhft | Medium-High Frequency Telescope | telescope | organisation:cnes | leads instrument development | -
mission:mmx | hardware:mmx-rover | MMX rover | rover | country:france | supplies hardware | -
mission:mmx | hardware:mmx-rover | MMX rover | rover | country:germany | supplies hardware | -
mission:mmx | hardware:mmx-rover | MMX rover | rover | organisation:cnes | supplies hardware | -
mission:mmx | hardware:mmx-rover | MMX rover | rover | organisation:dlr | supplies hardware | -
mission:mmx | hardware:mmx-spectrometer | CNES spectrometer for MMX | spectrometer | organisation:cnes | supplies hardware | -
""")),
    ('holders-of-post', {}, rows("""
when | precision | person | personLabel | title | at | release
2013-10-28 | precision:day | person:naoki-okumura | Naoki Okumura | President | meeting:2013-10-28-cnes-jaxa-annual-meeting-tokyo | release:2013-10-28
2016-07-22 | precision:day | person:naoki-okumura | Naoki Okumura | President | meeting:2016-07-22-cnes-jaxa-tokyo | release:2016-07-22
2020-10-22 | precision:day | person:hiroshi-yamakawa | Hiroshi Yamakawa | President | meeting:2020-10-22-cnes-jaxa-videoconference | release:2020-10-22
2021-02-25 | precision:day | person:hiroshi-yamakawa | Hiroshi Yamakawa | President | meeting:2021-02-25-cnes-jaxa-videoconference | release:2021-02-25
[2022-06-27..2022-07-01] | precision:week | person:hiroshi-yamakawa | Hiroshi Yamakawa | President | meeting:2022-06-27-cnes-chairman-jaxa-president | release:2022-07-01
""")),
    # the head of CNES is one post; each holding carries the title its release gives
    ('holders-of-post', {'post': 'post:head-of-cnes'}, rows("""
when | precision | person | personLabel | title | at | release
2013-10-28 | precision:day | person:jean-yves-le-gall | Jean-Yves Le Gall | President | meeting:2013-10-28-cnes-jaxa-annual-meeting-tokyo | release:2013-10-28
2016-07-22 | precision:day | person:jean-yves-le-gall | Jean-Yves Le Gall | President | meeting:2016-07-22-cnes-japanese-partners-tokyo | release:2016-07-22
2020-10-22 | precision:day | person:jean-yves-le-gall | Jean-Yves Le Gall | President | meeting:2020-10-22-cnes-jaxa-videoconference | release:2020-10-22
2021-02-25 | precision:day | person:jean-yves-le-gall | Jean-Yves Le Gall | President | meeting:2021-02-25-cnes-jaxa-videoconference | release:2021-02-25
[2022-06-27..2022-07-01] | precision:week | person:philippe-baptiste | Philippe Baptiste | Chairman and CEO | meeting:2022-06-27-cnes-chairman-meetings-japan | release:2022-07-01
""")),
    ('is-derived-from', {}, True),
    ('is-derived-from', {'hardware': 'hardware:philae', 'ancestor': 'hardware:mascot'}, False),
    ('later-report-differences', {}, rows("""
later | earlier | aspect | earlierValue | laterValue
contribution:2021-02-25-ias-hayabusa2-sample-analysis | contribution:2020-10-22-cnes-hayabusa2-sample-analysis | status | status:planned | status:under-way
event:hayabusa2-sample-return-2020-12-06 | event:hayabusa2-sample-return-announced-2020-10-22 | date | 2020-12-05 | 2020-12-06
event:hayabusa2-sample-return-2020-12-06 | event:hayabusa2-sample-return-announced-2020-10-22 | status | status:planned | status:done
report:hayabusa2-2022-07-01 | report:hayabusa2-2020-10-22 | phase | phase:in-flight | phase:extended
""")),
    ('later-reports', {}, rows("""
kindLabel | earlier | earlierReleased | earlierStatus | later | laterReleased | laterStatus
contribution | contribution:2020-10-22-cnes-hayabusa2-sample-analysis | 2020-10-22 | status:planned | contribution:2021-02-25-ias-hayabusa2-sample-analysis | 2021-02-25 | status:under-way
contribution | contribution:2021-02-25-cnes-dlr-mmx-rover | 2021-02-25 | status:under-way | contribution:2022-07-01-french-german-mmx-rover | 2022-07-01 | status:under-way
meeting | meeting:france-japan-space-dialogue-3-announced-2020-10-22 | 2020-10-22 | status:planned | meeting:france-japan-space-dialogue-3-announced-2021-02-25 | 2021-02-25 | status:planned
mission event | event:hayabusa2-sample-return-announced-2020-10-22 | 2020-10-22 | status:planned | event:hayabusa2-sample-return-2020-12-06 | 2021-02-25 | status:done
mission status report | report:callisto-2020-10-22 | 2020-10-22 | phase:development | report:callisto-2021-02-25 | 2021-02-25 | phase:development
mission status report | report:callisto-2021-02-25 | 2021-02-25 | phase:development | report:callisto-2022-07-01 | 2022-07-01 | phase:development
mission status report | report:hayabusa2-2020-10-22 | 2020-10-22 | phase:in-flight | report:hayabusa2-2022-07-01 | 2022-07-01 | phase:extended
mission status report | report:mmx-2021-02-25 | 2021-02-25 | phase:development | report:mmx-2022-07-01 | 2022-07-01 | phase:development
""")),
    ('meeting-details', {}, rows("""
aspect | item | itemLabel | post | title
participant | person:hiroshi-yamakawa | Hiroshi Yamakawa | post:president-of-jaxa | President
participant | person:jean-yves-le-gall | Jean-Yves Le Gall | post:head-of-cnes | President
represented organisation | organisation:cnes | CNES | - | -
represented organisation | organisation:jaxa | Japan Aerospace Exploration Agency | - | -
theme discussed | theme:covid-19-health-situation | COVID-19 health situation | - | -
theme discussed | theme:earth-observation | Earth observation | - | -
theme discussed | theme:greenhouse-gas-monitoring | greenhouse gas monitoring | - | -
mission discussed | mission:callisto | Callisto | - | -
mission discussed | mission:gosat | GOSAT | - | -
mission discussed | mission:gosat-2 | GOSAT-2 | - | -
mission discussed | mission:hayabusa2 | Hayabusa2 | - | -
mission discussed | mission:magic-2019 | MAGIC 2019 | - | -
mission discussed | mission:magic-2020 | MAGIC 2020 | - | -
mission discussed | mission:mmx | MMX | - | -
event discussed | event:hayabusa2-sample-return-2020-12-06 | Hayabusa2 return of Ryugu samples to Earth, 6 December 2020 | - | -
event discussed | meeting:france-japan-space-dialogue-3-announced-2021-02-25 | Third meeting of the France-Japan space dialogue, as announced in February 2021 | - | -
agreement discussed | agreement:cnes-jaxa-greenhouse-gas-data-cross-validation | CNES-JAXA agreement on cross-validating greenhouse gas monitoring data | - | -
agreement discussed | agreement:paris-agreement | Paris Agreement | - | -
""")),
    ('meeting-details', {'meeting': 'meeting:2013-10-28-cnes-jaxa-annual-meeting-tokyo'}, rows("""
aspect | item | itemLabel | post | title
participant | person:jean-yves-le-gall | Jean-Yves Le Gall | post:head-of-cnes | President
participant | person:naoki-okumura | Naoki Okumura | post:president-of-jaxa | President
represented organisation | organisation:cnes | CNES | - | -
represented organisation | organisation:cnes-jaxa-joint-working-groups | CNES-JAXA joint working groups | - | -
represented organisation | organisation:jaxa | Japan Aerospace Exploration Agency | - | -
held on its occasion | meeting:2013-10-28-cnes-nict-tokyo | CNES President meets the President of NICT, Tokyo, 28 October 2013 | - | -
held on its occasion | meeting:2013-10-28-cnes-space-strategy-office-tokyo | CNES President meets the Director of the Space Strategy Office, Tokyo, 28 October 2013 | - | -
theme discussed | theme:interplanetary-trajectories | interplanetary mission trajectories | - | -
theme discussed | theme:satellite-performance | satellite performance | - | -
""")),
    # a visit: only the visitor takes part; the people met are at the meetings held on its occasion
    ('meeting-details', {'meeting': 'meeting:2022-06-27-cnes-chairman-meetings-japan'}, rows("""
aspect | item | itemLabel | post | title
participant | person:philippe-baptiste | Philippe Baptiste | post:head-of-cnes | Chairman and CEO
represented organisation | organisation:cnes | CNES | - | -
occasion | event:2022-cnes-60th-anniversary-celebrations-japan | CNES 60th anniversary celebrations at the French Embassy in Japan | - | -
held on its occasion | meeting:2022-06-27-cnes-chairman-jaxa-president | CNES Chairman & CEO meets the President of JAXA, week of 27 June 2022 | - | -
held on its occasion | meeting:2022-06-27-cnes-chairman-minister-of-economic-security | CNES Chairman & CEO meets the Minister of Economic Security, week of 27 June 2022 | - | -
theme discussed | theme:earth-observation | Earth observation | - | -
theme discussed | theme:launchers | launchers | - | -
theme discussed | theme:long-term-sustainability-and-governance-of-space | long-term viability and governance of space | - | -
theme discussed | theme:space-exploration | space exploration | - | -
theme discussed | theme:space-law | space law | - | -
theme discussed | theme:space-traffic-management | space traffic management | - | -
mission discussed | mission:aos-accp | AOS/ACCP | - | -
mission discussed | mission:callisto | Callisto | - | -
mission discussed | mission:hayabusa2 | Hayabusa2 | - | -
mission discussed | mission:litebird | LiteBIRD | - | -
mission discussed | mission:mmx | MMX | - | -
agreement discussed | agreement:european-commission-space-traffic-management-initiative | European Commission initiative for a European space traffic management regime | - | -
agreement discussed | agreement:french-space-law-revision | Revision of French space laws and regulations | - | -
""")),
    ('meeting-details', {'meeting': 'meeting:2022-06-27-cnes-chairman-minister-of-economic-security'}, rows("""
aspect | item | itemLabel | post | title
participant | person:philippe-baptiste | Philippe Baptiste | post:head-of-cnes | Chairman and CEO
participant | person:takayuki-kobayashi | Takayuki Kobayashi | post:minister-of-economic-security | Minister
represented organisation | organisation:cnes | CNES | - | -
represented organisation | organisation:government-of-japan | Government of Japan | - | -
occasion | meeting:2022-06-27-cnes-chairman-meetings-japan | CNES Chairman & CEO's trip to Japan, week of 27 June 2022 | - | -
""")),
    ('meeting-participant-pairs', {}, rows("""
when | precision | meeting | where | personA | personALabel | postALabel | personB | personBLabel | postBLabel
2013-10-28 | precision:day | meeting:2013-10-28-cnes-jaxa-annual-meeting-tokyo | Tokyo | person:jean-yves-le-gall | Jean-Yves Le Gall | Head of CNES | person:naoki-okumura | Naoki Okumura | President of JAXA
2013-10-28 | precision:day | meeting:2013-10-28-cnes-nict-tokyo | Tokyo | person:jean-yves-le-gall | Jean-Yves Le Gall | Head of CNES | person:masao-sakauchi | Masao Sakauchi | President of NICT
2013-10-28 | precision:day | meeting:2013-10-28-cnes-space-strategy-office-tokyo | Tokyo | person:jean-yves-le-gall | Jean-Yves Le Gall | Head of CNES | person:junya-nishimoto | Junya Nishimoto | Director of the Space Strategy Office
2016-07-22 | precision:day | meeting:2016-07-22-cnes-isas-tokyo | Tokyo | person:jean-yves-le-gall | Jean-Yves Le Gall | Head of CNES | person:saku-tsuneta | Saku Tsuneta | Director General of ISAS
2016-07-22 | precision:day | meeting:2016-07-22-cnes-jaxa-tokyo | Tokyo | person:jean-yves-le-gall | Jean-Yves Le Gall | Head of CNES | person:naoki-okumura | Naoki Okumura | President of JAXA
2016-07-22 | precision:day | meeting:2016-07-22-cnes-mext-tokyo | Tokyo | person:jean-yves-le-gall | Jean-Yves Le Gall | Head of CNES | person:masaaki-tanaka | Masaaki Tanaka | Director General of the Research and Development Bureau at MEXT
2016-07-22 | precision:day | meeting:2016-07-22-cnes-national-space-policy-secretariat-tokyo | Tokyo | person:jean-yves-le-gall | Jean-Yves Le Gall | Head of CNES | person:shuzo-takada | Shuzo Takada | Director General of the National Space Policy Secretariat
2020-10-22 | precision:day | meeting:2020-10-22-cnes-jaxa-videoconference | videoconference | person:jean-yves-le-gall | Jean-Yves Le Gall | Head of CNES | person:hiroshi-yamakawa | Hiroshi Yamakawa | President of JAXA
2021-02-25 | precision:day | meeting:2021-02-25-cnes-jaxa-videoconference | videoconference | person:jean-yves-le-gall | Jean-Yves Le Gall | Head of CNES | person:hiroshi-yamakawa | Hiroshi Yamakawa | President of JAXA
[2022-06-27..2022-07-01] | precision:week | meeting:2022-06-27-cnes-chairman-jaxa-president | Japan | person:philippe-baptiste | Philippe Baptiste | Head of CNES | person:hiroshi-yamakawa | Hiroshi Yamakawa | President of JAXA
[2022-06-27..2022-07-01] | precision:week | meeting:2022-06-27-cnes-chairman-minister-of-economic-security | Japan | person:philippe-baptiste | Philippe Baptiste | Head of CNES | person:takayuki-kobayashi | Takayuki Kobayashi | Minister of Economic Security
""")),
    ('meetings-discussing-mission', {}, rows("""
when | precision | meeting | kindLabel | meetingLabel | participant | released
2016-07-22 | precision:day | meeting:2016-07-22-cnes-japanese-partners-tokyo | visit | CNES President's meetings with Japanese partners, Tokyo, 22 July 2016 | person:jean-yves-le-gall | 2016-07-22
2020-10-22 | precision:day | meeting:2020-10-22-cnes-jaxa-videoconference | meeting | CNES-JAXA videoconference, 22 October 2020 | person:hiroshi-yamakawa | 2020-10-22
2020-10-22 | precision:day | meeting:2020-10-22-cnes-jaxa-videoconference | meeting | CNES-JAXA videoconference, 22 October 2020 | person:jean-yves-le-gall | 2020-10-22
2021-02-25 | precision:day | meeting:2021-02-25-cnes-jaxa-videoconference | meeting | CNES-JAXA videoconference, 25 February 2021 | person:hiroshi-yamakawa | 2021-02-25
2021-02-25 | precision:day | meeting:2021-02-25-cnes-jaxa-videoconference | meeting | CNES-JAXA videoconference, 25 February 2021 | person:jean-yves-le-gall | 2021-02-25
[2022-06-27..2022-07-01] | precision:week | meeting:2022-06-27-cnes-chairman-meetings-japan | visit | CNES Chairman & CEO's trip to Japan, week of 27 June 2022 | person:philippe-baptiste | 2022-07-01
""")),
    ('meetings-discussing-mission', {'mission': 'mission:callisto'}, rows("""
when | precision | meeting | kindLabel | meetingLabel | participant | released
2020-10-22 | precision:day | meeting:2020-10-22-cnes-jaxa-videoconference | meeting | CNES-JAXA videoconference, 22 October 2020 | person:hiroshi-yamakawa | 2020-10-22
2020-10-22 | precision:day | meeting:2020-10-22-cnes-jaxa-videoconference | meeting | CNES-JAXA videoconference, 22 October 2020 | person:jean-yves-le-gall | 2020-10-22
2021-02-25 | precision:day | meeting:2021-02-25-cnes-jaxa-videoconference | meeting | CNES-JAXA videoconference, 25 February 2021 | person:hiroshi-yamakawa | 2021-02-25
2021-02-25 | precision:day | meeting:2021-02-25-cnes-jaxa-videoconference | meeting | CNES-JAXA videoconference, 25 February 2021 | person:jean-yves-le-gall | 2021-02-25
[2022-06-27..2022-07-01] | precision:week | meeting:2022-06-27-cnes-chairman-meetings-japan | visit | CNES Chairman & CEO's trip to Japan, week of 27 June 2022 | person:philippe-baptiste | 2022-07-01
""")),
    ('meetings-overview', {}, rows("""
when | precision | meeting | kindLabel | meetingLabel | occasion | placeLabel | video | status | participants | organisations
2013-06 | precision:month | event:2013-06-francois-hollande-state-visit-japan | state visit | State visit of François Hollande to Japan, June 2013 | - | Japan | - | status:done | 1 | 0
2013-10-28 | precision:day | meeting:2013-10-28-cnes-jaxa-annual-meeting-tokyo | meeting | CNES-JAXA annual meeting, Tokyo, 28 October 2013 | - | Tokyo | - | status:done | 2 | 3
2013-10-28 | precision:day | meeting:2013-10-28-cnes-nict-tokyo | meeting | CNES President meets the President of NICT, Tokyo, 28 October 2013 | meeting:2013-10-28-cnes-jaxa-annual-meeting-tokyo | Tokyo | - | status:done | 2 | 2
2013-10-28 | precision:day | meeting:2013-10-28-cnes-space-strategy-office-tokyo | meeting | CNES President meets the Director of the Space Strategy Office, Tokyo, 28 October 2013 | meeting:2013-10-28-cnes-jaxa-annual-meeting-tokyo | Tokyo | - | status:done | 2 | 2
2015-10 | precision:month | meeting:2015-10-cnes-jaxa-bilateral-meeting | meeting | CNES-JAXA bilateral meeting, October 2015 | - | - | - | status:done | 0 | 2
2016-03 | precision:month | meeting:2016-03-france-japan-space-dialogue-1 | meeting | First meeting of the France-Japan space dialogue, March 2016 | - | - | - | status:done | 0 | 0
2016-07-22 | precision:day | meeting:2016-07-22-cnes-isas-tokyo | meeting | CNES President meets the Director General of ISAS, Tokyo, 22 July 2016 | meeting:2016-07-22-cnes-japanese-partners-tokyo | Tokyo | - | status:done | 2 | 2
2016-07-22 | precision:day | meeting:2016-07-22-cnes-japanese-partners-tokyo | visit | CNES President's meetings with Japanese partners, Tokyo, 22 July 2016 | - | Tokyo | - | status:done | 1 | 1
2016-07-22 | precision:day | meeting:2016-07-22-cnes-jaxa-tokyo | meeting | CNES President meets the President of JAXA, Tokyo, 22 July 2016 | meeting:2016-07-22-cnes-japanese-partners-tokyo | Tokyo | - | status:done | 2 | 2
2016-07-22 | precision:day | meeting:2016-07-22-cnes-mext-tokyo | meeting | CNES President meets the Director General of MEXT's Research and Development Bureau, Tokyo, 22 July 2016 | meeting:2016-07-22-cnes-japanese-partners-tokyo | Tokyo | - | status:done | 2 | 2
2016-07-22 | precision:day | meeting:2016-07-22-cnes-national-space-policy-secretariat-tokyo | meeting | CNES President meets the Director General of the National Space Policy Secretariat, Tokyo, 22 July 2016 | meeting:2016-07-22-cnes-japanese-partners-tokyo | Tokyo | - | status:done | 2 | 2
2020-10-22 | precision:day | meeting:2020-10-22-cnes-jaxa-videoconference | meeting | CNES-JAXA videoconference, 22 October 2020 | - | - | videoconference | status:done | 2 | 2
2021 | precision:year | meeting:france-japan-space-dialogue-3-announced-2020-10-22 | meeting | Third meeting of the France-Japan space dialogue, as announced in October 2020 | - | France | - | status:planned | 0 | 0
2021-02-25 | precision:day | meeting:2021-02-25-cnes-jaxa-videoconference | meeting | CNES-JAXA videoconference, 25 February 2021 | - | - | videoconference | status:done | 2 | 2
[2022-06-27..2022-07-01] | precision:week | meeting:2022-06-27-cnes-chairman-jaxa-president | meeting | CNES Chairman & CEO meets the President of JAXA, week of 27 June 2022 | meeting:2022-06-27-cnes-chairman-meetings-japan | Japan | - | status:done | 2 | 2
[2022-06-27..2022-07-01] | precision:week | meeting:2022-06-27-cnes-chairman-meetings-japan | visit | CNES Chairman & CEO's trip to Japan, week of 27 June 2022 | event:2022-cnes-60th-anniversary-celebrations-japan | Japan | - | status:done | 1 | 1
[2022-06-27..2022-07-01] | precision:week | meeting:2022-06-27-cnes-chairman-minister-of-economic-security | meeting | CNES Chairman & CEO meets the Minister of Economic Security, week of 27 June 2022 | meeting:2022-06-27-cnes-chairman-meetings-japan | Japan | - | status:done | 2 | 2
- | - | meeting:france-japan-space-dialogue-3-announced-2021-02-25 | meeting | Third meeting of the France-Japan space dialogue, as announced in February 2021 | - | France | - | status:planned | 0 | 0
""")),
    ('met-graph', {}, triples("""
person:hiroshi-yamakawa foaf:knows person:jean-yves-le-gall
person:hiroshi-yamakawa foaf:knows person:philippe-baptiste
person:hiroshi-yamakawa rdfs:label Hiroshi Yamakawa
person:jean-yves-le-gall foaf:knows person:hiroshi-yamakawa
person:jean-yves-le-gall foaf:knows person:junya-nishimoto
person:jean-yves-le-gall foaf:knows person:masaaki-tanaka
person:jean-yves-le-gall foaf:knows person:masao-sakauchi
person:jean-yves-le-gall foaf:knows person:naoki-okumura
person:jean-yves-le-gall foaf:knows person:saku-tsuneta
person:jean-yves-le-gall foaf:knows person:shuzo-takada
person:jean-yves-le-gall rdfs:label Jean-Yves Le Gall
person:junya-nishimoto foaf:knows person:jean-yves-le-gall
person:junya-nishimoto rdfs:label Junya Nishimoto
person:masaaki-tanaka foaf:knows person:jean-yves-le-gall
person:masaaki-tanaka rdfs:label Masaaki Tanaka
person:masao-sakauchi foaf:knows person:jean-yves-le-gall
person:masao-sakauchi rdfs:label Masao Sakauchi
person:naoki-okumura foaf:knows person:jean-yves-le-gall
person:naoki-okumura rdfs:label Naoki Okumura
person:philippe-baptiste foaf:knows person:hiroshi-yamakawa
person:philippe-baptiste foaf:knows person:takayuki-kobayashi
person:philippe-baptiste rdfs:label Philippe Baptiste
person:saku-tsuneta foaf:knows person:jean-yves-le-gall
person:saku-tsuneta rdfs:label Saku Tsuneta
person:shuzo-takada foaf:knows person:jean-yves-le-gall
person:shuzo-takada rdfs:label Shuzo Takada
person:takayuki-kobayashi foaf:knows person:philippe-baptiste
person:takayuki-kobayashi rdfs:label Takayuki Kobayashi
""")),
    ('mission-contribution-graph', {}, triples("""
contribution:2020-10-22-french-contributions-mmx rdf:type sc:Contribution
contribution:2020-10-22-french-contributions-mmx sc:contributionRole crole:participation
contribution:2020-10-22-french-contributions-mmx sc:contributionStatus status:under-way
contribution:2020-10-22-french-contributions-mmx sc:contributorCountry country:france
contribution:2020-10-22-french-contributions-mmx sc:statedIn release:2020-10-22
contribution:2020-10-22-french-contributions-mmx sc:toMission mission:mmx
contribution:2021-02-25-cnes-dlr-mmx-rover rdf:type sc:Contribution
contribution:2021-02-25-cnes-dlr-mmx-rover sc:contributionRole crole:hardware-supply
contribution:2021-02-25-cnes-dlr-mmx-rover sc:contributionStatus status:under-way
contribution:2021-02-25-cnes-dlr-mmx-rover sc:contributor organisation:cnes
contribution:2021-02-25-cnes-dlr-mmx-rover sc:contributor organisation:dlr
contribution:2021-02-25-cnes-dlr-mmx-rover sc:item hardware:mmx-rover
contribution:2021-02-25-cnes-dlr-mmx-rover sc:statedIn release:2021-02-25
contribution:2021-02-25-cnes-dlr-mmx-rover sc:toMission mission:mmx
contribution:2021-02-25-cnes-mmx-spaceflight-dynamics rdf:type sc:Contribution
contribution:2021-02-25-cnes-mmx-spaceflight-dynamics sc:contributionRole crole:expertise
contribution:2021-02-25-cnes-mmx-spaceflight-dynamics sc:contributionStatus status:under-way
contribution:2021-02-25-cnes-mmx-spaceflight-dynamics sc:contributor organisation:cnes
contribution:2021-02-25-cnes-mmx-spaceflight-dynamics sc:service theme:spaceflight-dynamics
contribution:2021-02-25-cnes-mmx-spaceflight-dynamics sc:statedIn release:2021-02-25
contribution:2021-02-25-cnes-mmx-spaceflight-dynamics sc:toMission mission:mmx
contribution:2021-02-25-cnes-mmx-spectrometer rdf:type sc:Contribution
contribution:2021-02-25-cnes-mmx-spectrometer sc:contributionRole crole:hardware-supply
contribution:2021-02-25-cnes-mmx-spectrometer sc:contributionStatus status:under-way
contribution:2021-02-25-cnes-mmx-spectrometer sc:contributor organisation:cnes
contribution:2021-02-25-cnes-mmx-spectrometer sc:item hardware:mmx-spectrometer
contribution:2021-02-25-cnes-mmx-spectrometer sc:statedIn release:2021-02-25
contribution:2021-02-25-cnes-mmx-spectrometer sc:toMission mission:mmx
contribution:2022-07-01-french-german-mmx-rover rdf:type sc:Contribution
contribution:2022-07-01-french-german-mmx-rover sc:contributionRole crole:hardware-supply
contribution:2022-07-01-french-german-mmx-rover sc:contributionStatus status:under-way
contribution:2022-07-01-french-german-mmx-rover sc:contributorCountry country:france
contribution:2022-07-01-french-german-mmx-rover sc:contributorCountry country:germany
contribution:2022-07-01-french-german-mmx-rover sc:item hardware:mmx-rover
contribution:2022-07-01-french-german-mmx-rover sc:laterReportOf contribution:2021-02-25-cnes-dlr-mmx-rover
contribution:2022-07-01-french-german-mmx-rover sc:recipient organisation:jaxa
contribution:2022-07-01-french-german-mmx-rover sc:statedIn release:2022-07-01
contribution:2022-07-01-french-german-mmx-rover sc:toMission mission:mmx
""")),
    ('mission-contribution-graph', {'mission': 'mission:callisto'}, triples("""
contribution:2020-10-22-callisto-co-development rdf:type sc:Contribution
contribution:2020-10-22-callisto-co-development sc:contributionRole crole:co-development
contribution:2020-10-22-callisto-co-development sc:contributionStatus status:under-way
contribution:2020-10-22-callisto-co-development sc:contributor organisation:cnes
contribution:2020-10-22-callisto-co-development sc:contributor organisation:dlr
contribution:2020-10-22-callisto-co-development sc:contributor organisation:jaxa
contribution:2020-10-22-callisto-co-development sc:statedIn release:2020-10-22
contribution:2020-10-22-callisto-co-development sc:toMission mission:callisto
contribution:2022-07-01-callisto-co-development rdf:type sc:Contribution
contribution:2022-07-01-callisto-co-development sc:contributionRole crole:co-development
contribution:2022-07-01-callisto-co-development sc:contributionStatus status:under-way
contribution:2022-07-01-callisto-co-development sc:contributorCountry country:france
contribution:2022-07-01-callisto-co-development sc:contributorCountry country:japan
contribution:2022-07-01-callisto-co-development sc:statedIn release:2022-07-01
contribution:2022-07-01-callisto-co-development sc:toMission mission:callisto
""")),
    ('mission-leaders-and-partners', {}, rows("""
mission | missionLabel | involvement | party | partyLabel
mission:aos-accp | AOS/ACCP | partner | organisation:cnes | CNES
mission:aos-accp | AOS/ACCP | partner | organisation:jaxa | Japan Aerospace Exploration Agency
mission:aos-accp | AOS/ACCP | partner | organisation:nasa | NASA
mission:bepicolombo | BepiColombo | partner | organisation:cnes | CNES
mission:bepicolombo | BepiColombo | partner | organisation:esa | European Space Agency
mission:bepicolombo | BepiColombo | partner country | country:japan | Japan
mission:callisto | Callisto | partner | organisation:cnes | CNES
mission:callisto | Callisto | partner | organisation:dlr | DLR
mission:callisto | Callisto | partner | organisation:jaxa | Japan Aerospace Exploration Agency
mission:hayabusa2 | Hayabusa2 | leads | organisation:jaxa | Japan Aerospace Exploration Agency
mission:hayabusa2 | Hayabusa2 | partner | organisation:cnes | CNES
mission:international-space-station | International Space Station | partner | organisation:cnes | CNES
mission:international-space-station | International Space Station | partner country | country:japan | Japan
mission:litebird | LiteBIRD | partner | organisation:cnes | CNES
mission:mmx | MMX | partner | organisation:cnes | CNES
mission:mmx | MMX | partner | organisation:dlr | DLR
mission:solar-c | Solar-C | leads | organisation:jaxa | Japan Aerospace Exploration Agency
mission:solar-c | Solar-C | leads | organisation:naoj | National Astronomical Observatory of Japan
""")),
    ('mission-milestones', {}, rows("""
mission | event | kind | when | precision | part | status | released | laterReport
mission:callisto | event:callisto-launch-from-guiana-space-centre | kind:launch | - | - | - | status:planned | 2021-02-25 | -
mission:hayabusa2 | event:2019-10-mascot-landing-on-ryugu | kind:landing | 2019-10 | precision:month | - | status:done | 2021-02-25 | -
mission:hayabusa2 | event:2020-07-micromega-delivery-to-jaxa | kind:delivery | 2020-07 | precision:month | - | status:done | 2021-02-25 | -
mission:hayabusa2 | event:hayabusa2-sample-return-announced-2020-10-22 | kind:sample-return | 2020-12-05 | precision:day | - | status:planned | 2020-10-22 | event:hayabusa2-sample-return-2020-12-06
mission:hayabusa2 | event:hayabusa2-sample-return-2020-12-06 | kind:sample-return | 2020-12-06 | precision:day | - | status:done | 2021-02-25 | -
mission:hayabusa2 | event:hayabusa2-extension-to-2031 | kind:extension | - | - | - | status:done | 2022-07-01 | -
mission:mmx | event:mmx-rover-delivery-to-jaxa-2023 | kind:delivery | 2023 | precision:part-of-year | part:middle | status:planned | 2022-07-01 | -
mission:mmx | event:mmx-departure-2024 | kind:departure | 2024 | precision:year | - | status:planned | 2022-07-01 | -
mission:mmx | event:mmx-phobos-sample-return | kind:sample-return | - | - | - | status:planned | 2022-07-01 | -
mission:mmx | event:mmx-rover-landing-on-phobos | kind:landing | - | - | - | status:planned | 2022-07-01 | -
mission:thomas-pesquet-iss-mission | event:2016-thomas-pesquet-flight-to-iss | kind:flight | 2016 | precision:year | - | status:planned | 2016-07-22 | -
""")),
    ('mission-status-changes', {}, rows("""
mission | missionLabel | earlier | earlierStatus | earlierReleased | later | laterStatus | laterReleased
mission:hayabusa2 | Hayabusa2 | contribution:2020-10-22-cnes-hayabusa2-sample-analysis | status:planned | 2020-10-22 | contribution:2021-02-25-ias-hayabusa2-sample-analysis | status:under-way | 2021-02-25
mission:hayabusa2 | Hayabusa2 | event:hayabusa2-sample-return-announced-2020-10-22 | status:planned | 2020-10-22 | event:hayabusa2-sample-return-2020-12-06 | status:done | 2021-02-25
mission:hayabusa2 | Hayabusa2 | report:hayabusa2-2020-10-22 | phase:in-flight | 2020-10-22 | report:hayabusa2-2022-07-01 | phase:extended | 2022-07-01
""")),
    ('mission-status-history', {}, rows("""
mission | missionLabel | when | precision | phase | report
mission:aos-accp | AOS/ACCP | 2022-07-01 | precision:day | phase:definition | report:aos-accp-2022-07-01
mission:callisto | Callisto | 2020-10-22 | precision:day | phase:development | report:callisto-2020-10-22
mission:callisto | Callisto | 2021-02-25 | precision:day | phase:development | report:callisto-2021-02-25
mission:callisto | Callisto | 2022-07-01 | precision:day | phase:development | report:callisto-2022-07-01
mission:hayabusa2 | Hayabusa2 | 2020-10-22 | precision:day | phase:in-flight | report:hayabusa2-2020-10-22
mission:hayabusa2 | Hayabusa2 | 2022-07-01 | precision:day | phase:extended | report:hayabusa2-2022-07-01
mission:litebird | LiteBIRD | 2022-07-01 | precision:day | phase:definition | report:litebird-2022-07-01
mission:mmx | MMX | 2021-02-25 | precision:day | phase:development | report:mmx-2021-02-25
mission:mmx | MMX | 2022-07-01 | precision:day | phase:development | report:mmx-2022-07-01
""")),
    ('missions-by-kind', {}, rows("""
mission | missionLabel | country
mission:bepicolombo | BepiColombo | -
mission:hayabusa2 | Hayabusa2 | country:japan
mission:mmx | MMX | country:japan
""")),
    ('missions-by-kind', {'kind': 'sc:SpaceObservatory'}, rows("""
mission | missionLabel | country
mission:aos-accp | AOS/ACCP | -
mission:litebird | LiteBIRD | country:japan
mission:solar-c | Solar-C | -
""")),
    ('missions-discussed-at-meetings', {}, rows("""
when | precision | meeting | kindLabel | mission | missionLabel
2016-07-22 | precision:day | meeting:2016-07-22-cnes-japanese-partners-tokyo | visit | mission:bepicolombo | BepiColombo
2016-07-22 | precision:day | meeting:2016-07-22-cnes-japanese-partners-tokyo | visit | mission:gosat | GOSAT
2016-07-22 | precision:day | meeting:2016-07-22-cnes-japanese-partners-tokyo | visit | mission:hayabusa2 | Hayabusa2
2016-07-22 | precision:day | meeting:2016-07-22-cnes-japanese-partners-tokyo | visit | mission:merlin | MERLIN
2016-07-22 | precision:day | meeting:2016-07-22-cnes-japanese-partners-tokyo | visit | mission:microcarb | MicroCarb
2016-07-22 | precision:day | meeting:2016-07-22-cnes-japanese-partners-tokyo | visit | mission:mmx | MMX
2016-07-22 | precision:day | meeting:2016-07-22-cnes-japanese-partners-tokyo | visit | mission:thomas-pesquet-iss-mission | Thomas Pesquet's mission to the International Space Station
2020-10-22 | precision:day | meeting:2020-10-22-cnes-jaxa-videoconference | meeting | mission:callisto | Callisto
2020-10-22 | precision:day | meeting:2020-10-22-cnes-jaxa-videoconference | meeting | mission:hayabusa2 | Hayabusa2
2020-10-22 | precision:day | meeting:2020-10-22-cnes-jaxa-videoconference | meeting | mission:litebird | LiteBIRD
2020-10-22 | precision:day | meeting:2020-10-22-cnes-jaxa-videoconference | meeting | mission:mmx | MMX
2020-10-22 | precision:day | meeting:2020-10-22-cnes-jaxa-videoconference | meeting | mission:solar-c | Solar-C
2021-02-25 | precision:day | meeting:2021-02-25-cnes-jaxa-videoconference | meeting | mission:callisto | Callisto
2021-02-25 | precision:day | meeting:2021-02-25-cnes-jaxa-videoconference | meeting | mission:gosat | GOSAT
2021-02-25 | precision:day | meeting:2021-02-25-cnes-jaxa-videoconference | meeting | mission:gosat-2 | GOSAT-2
2021-02-25 | precision:day | meeting:2021-02-25-cnes-jaxa-videoconference | meeting | mission:hayabusa2 | Hayabusa2
2021-02-25 | precision:day | meeting:2021-02-25-cnes-jaxa-videoconference | meeting | mission:magic-2019 | MAGIC 2019
2021-02-25 | precision:day | meeting:2021-02-25-cnes-jaxa-videoconference | meeting | mission:magic-2020 | MAGIC 2020
2021-02-25 | precision:day | meeting:2021-02-25-cnes-jaxa-videoconference | meeting | mission:mmx | MMX
[2022-06-27..2022-07-01] | precision:week | meeting:2022-06-27-cnes-chairman-meetings-japan | visit | mission:aos-accp | AOS/ACCP
[2022-06-27..2022-07-01] | precision:week | meeting:2022-06-27-cnes-chairman-meetings-japan | visit | mission:callisto | Callisto
[2022-06-27..2022-07-01] | precision:week | meeting:2022-06-27-cnes-chairman-meetings-japan | visit | mission:hayabusa2 | Hayabusa2
[2022-06-27..2022-07-01] | precision:week | meeting:2022-06-27-cnes-chairman-meetings-japan | visit | mission:litebird | LiteBIRD
[2022-06-27..2022-07-01] | precision:week | meeting:2022-06-27-cnes-chairman-meetings-japan | visit | mission:mmx | MMX
""")),
    ('missions-targeting-body', {}, rows("""
mission | missionLabel | target | targetLabel | samples
mission:mmx | MMX | body:phobos | Phobos | yes
""")),
    ('missions-targeting-body', {'body': 'body:mars'}, rows("""
mission | missionLabel | target | targetLabel | samples
mission:mmx | MMX | body:deimos | Deimos | no
mission:mmx | MMX | body:phobos | Phobos | yes
""")),
    ('organisation-pairs-on-missions', {}, rows("""
mission | missionLabel | organisationA | organisationALabel | organisationB | organisationBLabel
mission:aos-accp | AOS/ACCP | organisation:cnes | CNES | organisation:jaxa | Japan Aerospace Exploration Agency
mission:aos-accp | AOS/ACCP | organisation:cnes | CNES | organisation:nasa | NASA
mission:aos-accp | AOS/ACCP | organisation:jaxa | Japan Aerospace Exploration Agency | organisation:nasa | NASA
mission:bepicolombo | BepiColombo | organisation:cnes | CNES | organisation:esa | European Space Agency
mission:callisto | Callisto | organisation:cnes | CNES | organisation:dlr | DLR
mission:callisto | Callisto | organisation:cnes | CNES | organisation:jaxa | Japan Aerospace Exploration Agency
mission:callisto | Callisto | organisation:dlr | DLR | organisation:jaxa | Japan Aerospace Exploration Agency
mission:hayabusa2 | Hayabusa2 | organisation:cnes | CNES | organisation:ias | IAS
mission:hayabusa2 | Hayabusa2 | organisation:cnes | CNES | organisation:jaxa | Japan Aerospace Exploration Agency
mission:hayabusa2 | Hayabusa2 | organisation:ias | IAS | organisation:jaxa | Japan Aerospace Exploration Agency
mission:litebird | LiteBIRD | organisation:cnes | CNES | organisation:mhft-european-consortium | European consortium for the MHFT
mission:mmx | MMX | organisation:cnes | CNES | organisation:dlr | DLR
mission:solar-c | Solar-C | organisation:cnes | CNES | organisation:jaxa | Japan Aerospace Exploration Agency
mission:solar-c | Solar-C | organisation:cnes | CNES | organisation:naoj | National Astronomical Observatory of Japan
mission:solar-c | Solar-C | organisation:jaxa | Japan Aerospace Exploration Agency | organisation:naoj | National Astronomical Observatory of Japan
""")),
    ('organisations-and-parents', {}, rows("""
organisation | organisationLabel | abbreviation | kindLabel | country | parent
organisation:cabinet-office | Cabinet Office | - | government body | country:japan | -
organisation:cnes | CNES | CNES | space agency | country:france | -
organisation:cnes-jaxa-joint-working-groups | CNES-JAXA joint working groups | - | working group | - | -
organisation:dlr | DLR | DLR | space agency | country:germany | -
organisation:esa | European Space Agency | ESA | space agency | - | -
organisation:escuc | Extraterrestrial Sample Curation Center | ESCuC | laboratory | country:japan | organisation:jaxa
organisation:european-commission | European Commission | - | government body | - | -
organisation:french-scientific-community | French scientific community | - | organisation | country:france | -
organisation:government-of-france | Government of France | - | government body | country:france | -
organisation:government-of-japan | Government of Japan | - | government body | country:japan | -
organisation:ias | IAS | IAS | research institute | country:france | -
organisation:isas | Institute of Space and Astronautical Science | ISAS | research institute | country:japan | organisation:jaxa
organisation:jaxa | Japan Aerospace Exploration Agency | JAXA | space agency | country:japan | -
organisation:mext | Ministry of Education, Culture, Sports, Science and Technology | MEXT | government body | country:japan | -
organisation:mext-research-and-development-bureau | Research and Development Bureau | - | government body | country:japan | organisation:mext
organisation:mhft-european-consortium | European consortium for the MHFT | - | consortium | - | -
organisation:naoj | National Astronomical Observatory of Japan | NAOJ | research institute | country:japan | -
organisation:nasa | NASA | NASA | space agency | - | -
organisation:national-space-policy-secretariat | National Space Policy Secretariat | - | government body | country:japan | organisation:cabinet-office
organisation:nict | National Institute of Information and Communication Technologies | NICT | research institute | country:japan | -
organisation:space-strategy-office | Space Strategy Office | - | government body | country:japan | -
""")),
    ('organisations-at-meetings', {}, rows("""
organisation | organisationLabel | meetings | first | last
organisation:cnes | CNES | 12 | 2013-10-28 | 2022-07-01
organisation:jaxa | Japan Aerospace Exploration Agency | 6 | 2013-10-28 | 2022-07-01
organisation:cnes-jaxa-joint-working-groups | CNES-JAXA joint working groups | 1 | 2013-10-28 | 2013-10-28
organisation:government-of-japan | Government of Japan | 1 | 2022-06-27 | 2022-07-01
organisation:isas | Institute of Space and Astronautical Science | 1 | 2016-07-22 | 2016-07-22
organisation:mext-research-and-development-bureau | Research and Development Bureau | 1 | 2016-07-22 | 2016-07-22
organisation:national-space-policy-secretariat | National Space Policy Secretariat | 1 | 2016-07-22 | 2016-07-22
organisation:nict | National Institute of Information and Communication Technologies | 1 | 2013-10-28 | 2013-10-28
organisation:space-strategy-office | Space Strategy Office | 1 | 2013-10-28 | 2013-10-28
""")),
    ('people-in-several-releases', {}, rows("""
person | personLabel | releases | first | last
person:jean-yves-le-gall | Jean-Yves Le Gall | 4 | 2013-10-28 | 2021-02-25
person:hiroshi-yamakawa | Hiroshi Yamakawa | 3 | 2020-10-22 | 2022-07-01
person:pascale-bresson | Pascale Bresson | 3 | 2013-10-28 | 2022-07-01
person:naoki-okumura | Naoki Okumura | 2 | 2013-10-28 | 2016-07-22
person:raphael-sart | Raphaël Sart | 2 | 2020-10-22 | 2022-07-01
""")),
    ('people-of-organisation', {}, rows("""
person | personLabel | post | title
person:alain-delrieu | Alain Delrieu | post:press-contact-of-cnes | Press contact
person:jean-yves-le-gall | Jean-Yves Le Gall | post:head-of-cnes | President
person:julien-watelet | Julien Watelet | post:press-contact-of-cnes | Press contact
person:olivia-baumann | Olivia Baumann | post:press-officer-of-cnes | Press Officer
person:pascale-bresson | Pascale Bresson | post:press-contact-of-cnes | Press contact
person:pascale-bresson | Pascale Bresson | post:press-officer-of-cnes | Press Officer
person:philippe-baptiste | Philippe Baptiste | post:head-of-cnes | Chairman and CEO
person:raphael-sart | Raphaël Sart | post:head-of-media-of-cnes | Head of Media
person:raphael-sart | Raphaël Sart | post:press-officer-of-cnes | Press Officer
""")),
    ('people-of-organisation', {'organisation': 'organisation:jaxa'}, rows("""
person | personLabel | post | title
person:hiroshi-yamakawa | Hiroshi Yamakawa | post:president-of-jaxa | President
person:naoki-okumura | Naoki Okumura | post:president-of-jaxa | President
""")),
    ('posts-of-person', {}, rows("""
when | precision | post | postLabel | title | organisation | organisationLabel | at | release
2013-10-28 | precision:day | post:head-of-cnes | Head of CNES | President | organisation:cnes | CNES | meeting:2013-10-28-cnes-jaxa-annual-meeting-tokyo | release:2013-10-28
2016-07-22 | precision:day | post:head-of-cnes | Head of CNES | President | organisation:cnes | CNES | meeting:2016-07-22-cnes-japanese-partners-tokyo | release:2016-07-22
2020-10-22 | precision:day | post:head-of-cnes | Head of CNES | President | organisation:cnes | CNES | meeting:2020-10-22-cnes-jaxa-videoconference | release:2020-10-22
2021-02-25 | precision:day | post:head-of-cnes | Head of CNES | President | organisation:cnes | CNES | meeting:2021-02-25-cnes-jaxa-videoconference | release:2021-02-25
""")),
    ('posts-of-person', {'person': 'person:raphael-sart'}, rows("""
when | precision | post | postLabel | title | organisation | organisationLabel | at | release
2020-10-22 | precision:day | post:press-officer-of-cnes | Press Officer of CNES | Press Officer | organisation:cnes | CNES | - | release:2020-10-22
2022-07-01 | precision:day | post:head-of-media-of-cnes | Head of Media of CNES | Head of Media | organisation:cnes | CNES | - | release:2022-07-01
""")),
    ('posts-of-person', {'person': 'person:francois-hollande'}, rows("""
when | precision | post | postLabel | title | organisation | organisationLabel | at | release
2013-06 | precision:month | post:president-of-france | President of France | President | organisation:government-of-france | Government of France | event:2013-06-francois-hollande-state-visit-japan | release:2013-10-28
""")),
    ('posts-of-person', {'person': 'person:philippe-baptiste'}, rows("""
when | precision | post | postLabel | title | organisation | organisationLabel | at | release
[2022-06-27..2022-07-01] | precision:week | post:head-of-cnes | Head of CNES | Chairman and CEO | organisation:cnes | CNES | meeting:2022-06-27-cnes-chairman-meetings-japan | release:2022-07-01
""")),
    ('press-contacts', {}, rows("""
released | release | person | personLabel | title | mbox
2013-10-28 | release:2013-10-28 | person:alain-delrieu | Alain Delrieu | Press contact | <mailto:alain.delrieu@cnes.fr>
2013-10-28 | release:2013-10-28 | person:julien-watelet | Julien Watelet | Press contact | <mailto:julien.watelet@cnes.fr>
2013-10-28 | release:2013-10-28 | person:pascale-bresson | Pascale Bresson | Press contact | <mailto:pascale.bresson@cnes.fr>
2020-10-22 | release:2020-10-22 | person:pascale-bresson | Pascale Bresson | Press Officer | <mailto:pascale.bresson@cnes.fr>
2020-10-22 | release:2020-10-22 | person:raphael-sart | Raphaël Sart | Press Officer | <mailto:raphael.sart@cnes.fr>
2022-07-01 | release:2022-07-01 | person:olivia-baumann | Olivia Baumann | Press Officer | <mailto:olivia.baumann@cnes.fr>
2022-07-01 | release:2022-07-01 | person:pascale-bresson | Pascale Bresson | Press Officer | <mailto:pascale.bresson@cnes.fr>
2022-07-01 | release:2022-07-01 | person:raphael-sart | Raphaël Sart | Head of Media | <mailto:raphael.sart@cnes.fr>
""")),
    ('release-statements', {}, rows("""
kindLabel | fact | factLabel
event | event:hayabusa2-sample-return-announced-2020-10-22 | Hayabusa2 return of Ryugu samples to Earth, as announced for 5 December 2020
event | meeting:2020-10-22-cnes-jaxa-videoconference | CNES-JAXA videoconference, 22 October 2020
event | meeting:france-japan-space-dialogue-3-announced-2020-10-22 | Third meeting of the France-Japan space dialogue, as announced in October 2020
post holding | holding:hiroshi-yamakawa-president-of-jaxa-2020-10-22 | Hiroshi Yamakawa, President of JAXA (22 October 2020)
post holding | holding:jean-yves-le-gall-president-of-cnes-2020-10-22 | Jean-Yves Le Gall, President of CNES (22 October 2020)
post holding | holding:pascale-bresson-press-officer-of-cnes-2020-10-22 | Pascale Bresson, Press Officer of CNES (22 October 2020)
post holding | holding:raphael-sart-press-officer-of-cnes-2020-10-22 | Raphaël Sart, Press Officer of CNES (22 October 2020)
contribution | contribution:2020-10-22-callisto-co-development | CNES, JAXA and DLR develop Callisto (2020)
contribution | contribution:2020-10-22-cnes-hayabusa2-sample-analysis | CNES to analyse Hayabusa2's Ryugu samples with JAXA (2020)
contribution | contribution:2020-10-22-cnes-litebird-mhft | Possible CNES participation in LiteBIRD, leading the MHFT (2020)
contribution | contribution:2020-10-22-cnes-solar-c | Possible CNES contribution to Solar-C (2020)
contribution | contribution:2020-10-22-french-contributions-mmx | French contributions to MMX (2020)
mission status report | report:callisto-2020-10-22 | Callisto status as of 22 October 2020
mission status report | report:hayabusa2-2020-10-22 | Hayabusa2 status as of 22 October 2020
""")),
    ('release-statements', {'release': 'release:2013-10-28'}, rows("""
kindLabel | fact | factLabel
event | event:2013-06-francois-hollande-state-visit-japan | State visit of François Hollande to Japan, June 2013
event | meeting:2013-10-28-cnes-jaxa-annual-meeting-tokyo | CNES-JAXA annual meeting, Tokyo, 28 October 2013
event | meeting:2013-10-28-cnes-nict-tokyo | CNES President meets the President of NICT, Tokyo, 28 October 2013
event | meeting:2013-10-28-cnes-space-strategy-office-tokyo | CNES President meets the Director of the Space Strategy Office, Tokyo, 28 October 2013
post holding | holding:alain-delrieu-press-contact-of-cnes-2013-10-28 | Alain Delrieu, press contact of CNES (28 October 2013)
post holding | holding:francois-hollande-president-of-france-2013-10-28 | François Hollande, President of France (June 2013)
post holding | holding:jean-yves-le-gall-president-of-cnes-2013-10-28 | Jean-Yves Le Gall, President of CNES (28 October 2013)
post holding | holding:julien-watelet-press-contact-of-cnes-2013-10-28 | Julien Watelet, press contact of CNES (28 October 2013)
post holding | holding:junya-nishimoto-director-of-the-space-strategy-office-2013-10-28 | Junya Nishimoto, Director of the Space Strategy Office (28 October 2013)
post holding | holding:masao-sakauchi-president-of-nict-2013-10-28 | Masao Sakauchi, President of NICT (28 October 2013)
post holding | holding:naoki-okumura-president-of-jaxa-2013-10-28 | Naoki Okumura, President of JAXA (28 October 2013)
post holding | holding:pascale-bresson-press-contact-of-cnes-2013-10-28 | Pascale Bresson, press contact of CNES (28 October 2013)
contribution | contribution:2013-10-28-cnes-bepicolombo-instrument-funding | CNES funds instruments for BepiColombo (2013)
contribution | contribution:2013-10-28-cnes-iss-science-operations | CNES in ISS science operations (2013)
commitment | agreement:cnes-jaxa-framework-agreement | CNES-JAXA framework agreement
commitment | agreement:cnes-nict-framework-agreement-space-telecommunications | CNES-NICT framework agreement on space telecommunications
commitment | agreement:france-japan-roadmap-2013-2018 | 2013-2018 France-Japan roadmap
""")),
    ('releases-overview', {}, rows("""
released | release | identifier | title | nodesStated | pressContacts
2013-10-28 | release:2013-10-28 | - | French-Japanese space cooperation - CNES and JAXA hold annual meeting | 57 | 3
2016-07-22 | release:2016-07-22 | - | France-Japan space cooperation – CNES meets Japanese partners in Tokyo | 73 | 0
2020-10-22 | release:2020-10-22 | PR123-2020 | France-Japan space cooperation – Broad status review of projects | 49 | 2
2021-02-25 | release:2021-02-25 | - | - | 55 | 0
2022-07-01 | release:2022-07-01 | PR042-2022 | France-Japan space cooperation – Exploration, Earth observation and launchers on the agenda | 80 | 3
""")),
    ('sources-of-node', {}, rows("""
released | release | identifier | title
2016-07-22 | release:2016-07-22 | - | France-Japan space cooperation – CNES meets Japanese partners in Tokyo
2020-10-22 | release:2020-10-22 | PR123-2020 | France-Japan space cooperation – Broad status review of projects
2021-02-25 | release:2021-02-25 | - | -
2022-07-01 | release:2022-07-01 | PR042-2022 | France-Japan space cooperation – Exploration, Earth observation and launchers on the agenda
""")),
    ('sources-of-node', {'node': 'person:pascale-bresson'}, rows("""
released | release | identifier | title
2013-10-28 | release:2013-10-28 | - | French-Japanese space cooperation - CNES and JAXA hold annual meeting
2020-10-22 | release:2020-10-22 | PR123-2020 | France-Japan space cooperation – Broad status review of projects
2022-07-01 | release:2022-07-01 | PR042-2022 | France-Japan space cooperation – Exploration, Earth observation and launchers on the agenda
""")),
    ('timeline', {}, rows("""
when | precision | part | event | eventLabel | kindLabel | status | released
2013-06 | precision:month | - | event:2013-06-francois-hollande-state-visit-japan | State visit of François Hollande to Japan, June 2013 | state visit | status:done | 2013-10-28
2013-10-28 | precision:day | - | meeting:2013-10-28-cnes-jaxa-annual-meeting-tokyo | CNES-JAXA annual meeting, Tokyo, 28 October 2013 | meeting | status:done | 2013-10-28
2013-10-28 | precision:day | - | meeting:2013-10-28-cnes-nict-tokyo | CNES President meets the President of NICT, Tokyo, 28 October 2013 | meeting | status:done | 2013-10-28
2013-10-28 | precision:day | - | meeting:2013-10-28-cnes-space-strategy-office-tokyo | CNES President meets the Director of the Space Strategy Office, Tokyo, 28 October 2013 | meeting | status:done | 2013-10-28
2015-10 | precision:month | - | event:2015-10-africa-plan-endorsement | Endorsement of the plan for sustainable development, health and security in Africa, October 2015 | event | status:done | 2016-07-22
2015-10 | precision:month | - | meeting:2015-10-cnes-jaxa-bilateral-meeting | CNES-JAXA bilateral meeting, October 2015 | meeting | status:done | 2016-07-22
2016 | precision:year | - | event:2016-esa-ministerial-council-lucerne | ESA Ministerial Council in Lucerne (2016) | conference | status:planned | 2016-07-22
2016 | precision:year | - | event:2016-thomas-pesquet-flight-to-iss | Thomas Pesquet's flight to the International Space Station (announced 2016) | mission event | status:planned | 2016-07-22
2016 | precision:year | - | event:cop-22 | COP 22 | conference | status:planned | 2016-07-22
2016 | precision:year | - | event:iac-2016 | IAC 2016 | conference | status:planned | 2016-07-22
2016-03 | precision:month | - | meeting:2016-03-france-japan-space-dialogue-1 | First meeting of the France-Japan space dialogue, March 2016 | meeting | status:done | 2016-07-22
2016-07-22 | precision:day | - | meeting:2016-07-22-cnes-isas-tokyo | CNES President meets the Director General of ISAS, Tokyo, 22 July 2016 | meeting | status:done | 2016-07-22
2016-07-22 | precision:day | - | meeting:2016-07-22-cnes-japanese-partners-tokyo | CNES President's meetings with Japanese partners, Tokyo, 22 July 2016 | visit | status:done | 2016-07-22
2016-07-22 | precision:day | - | meeting:2016-07-22-cnes-jaxa-tokyo | CNES President meets the President of JAXA, Tokyo, 22 July 2016 | meeting | status:done | 2016-07-22
2016-07-22 | precision:day | - | meeting:2016-07-22-cnes-mext-tokyo | CNES President meets the Director General of MEXT's Research and Development Bureau, Tokyo, 22 July 2016 | meeting | status:done | 2016-07-22
2016-07-22 | precision:day | - | meeting:2016-07-22-cnes-national-space-policy-secretariat-tokyo | CNES President meets the Director General of the National Space Policy Secretariat, Tokyo, 22 July 2016 | meeting | status:done | 2016-07-22
2017 | precision:year | - | event:2017-one-planet-summit | One Planet Summit 2017 | summit | status:done | 2021-02-25
2019-10 | precision:month | - | event:2019-10-mascot-landing-on-ryugu | MASCOT landing on Ryugu, October 2019 | mission event | status:done | 2021-02-25
2020-07 | precision:month | - | event:2020-07-micromega-delivery-to-jaxa | Delivery of MicrOmega to JAXA, July 2020 | mission event | status:done | 2021-02-25
2020-10-22 | precision:day | - | meeting:2020-10-22-cnes-jaxa-videoconference | CNES-JAXA videoconference, 22 October 2020 | meeting | status:done | 2020-10-22
2020-12-05 | precision:day | - | event:hayabusa2-sample-return-announced-2020-10-22 | Hayabusa2 return of Ryugu samples to Earth, as announced for 5 December 2020 | mission event | status:planned | 2020-10-22
2020-12-06 | precision:day | - | event:hayabusa2-sample-return-2020-12-06 | Hayabusa2 return of Ryugu samples to Earth, 6 December 2020 | mission event | status:done | 2021-02-25
2021 | precision:year | - | meeting:france-japan-space-dialogue-3-announced-2020-10-22 | Third meeting of the France-Japan space dialogue, as announced in October 2020 | meeting | status:planned | 2020-10-22
2021-02-25 | precision:day | - | meeting:2021-02-25-cnes-jaxa-videoconference | CNES-JAXA videoconference, 25 February 2021 | meeting | status:done | 2021-02-25
[2022-06-27..2022-07-01] | precision:week | - | event:2022-cnes-60th-anniversary-celebrations-japan | CNES 60th anniversary celebrations at the French Embassy in Japan | celebration | status:done | 2022-07-01
[2022-06-27..2022-07-01] | precision:week | - | meeting:2022-06-27-cnes-chairman-jaxa-president | CNES Chairman & CEO meets the President of JAXA, week of 27 June 2022 | meeting | status:done | 2022-07-01
[2022-06-27..2022-07-01] | precision:week | - | meeting:2022-06-27-cnes-chairman-meetings-japan | CNES Chairman & CEO's trip to Japan, week of 27 June 2022 | visit | status:done | 2022-07-01
[2022-06-27..2022-07-01] | precision:week | - | meeting:2022-06-27-cnes-chairman-minister-of-economic-security | CNES Chairman & CEO meets the Minister of Economic Security, week of 27 June 2022 | meeting | status:done | 2022-07-01
2022-09-18/2022-09-22 | precision:day | - | event:iac-2022 | 73rd International Astronautical Congress | conference | status:planned | 2022-07-01
""")),
    ('timeline', {'from': '2020-01-01', 'to': '2020-12-31'}, rows("""
when | precision | part | event | eventLabel | kindLabel | status | released
2020-07 | precision:month | - | event:2020-07-micromega-delivery-to-jaxa | Delivery of MicrOmega to JAXA, July 2020 | mission event | status:done | 2021-02-25
2020-10-22 | precision:day | - | meeting:2020-10-22-cnes-jaxa-videoconference | CNES-JAXA videoconference, 22 October 2020 | meeting | status:done | 2020-10-22
2020-12-05 | precision:day | - | event:hayabusa2-sample-return-announced-2020-10-22 | Hayabusa2 return of Ryugu samples to Earth, as announced for 5 December 2020 | mission event | status:planned | 2020-10-22
2020-12-06 | precision:day | - | event:hayabusa2-sample-return-2020-12-06 | Hayabusa2 return of Ryugu samples to Earth, 6 December 2020 | mission event | status:done | 2021-02-25
""")),
    # a range overlapping the last days of the week of 27 June 2022 and the first half of 2023:
    # the two events of that week, the congress, and the rover delivery of "mid-2023" (a year)
    ('timeline', {'from': '2022-06-30', 'to': '2023-06-30'}, rows("""
when | precision | part | event | eventLabel | kindLabel | status | released
[2022-06-27..2022-07-01] | precision:week | - | event:2022-cnes-60th-anniversary-celebrations-japan | CNES 60th anniversary celebrations at the French Embassy in Japan | celebration | status:done | 2022-07-01
[2022-06-27..2022-07-01] | precision:week | - | meeting:2022-06-27-cnes-chairman-jaxa-president | CNES Chairman & CEO meets the President of JAXA, week of 27 June 2022 | meeting | status:done | 2022-07-01
[2022-06-27..2022-07-01] | precision:week | - | meeting:2022-06-27-cnes-chairman-meetings-japan | CNES Chairman & CEO's trip to Japan, week of 27 June 2022 | visit | status:done | 2022-07-01
[2022-06-27..2022-07-01] | precision:week | - | meeting:2022-06-27-cnes-chairman-minister-of-economic-security | CNES Chairman & CEO meets the Minister of Economic Security, week of 27 June 2022 | meeting | status:done | 2022-07-01
2022-09-18/2022-09-22 | precision:day | - | event:iac-2022 | 73rd International Astronautical Congress | conference | status:planned | 2022-07-01
2023 | precision:part-of-year | part:middle | event:mmx-rover-delivery-to-jaxa-2023 | Delivery of the MMX rover to JAXA, mid-2023 | mission event | status:planned | 2022-07-01
""")),
    # Added for issue 11: provenance through the source graphs, date ranges, and the queries
    # that show every property the data uses (tests/test_query_coverage.py).
    ('sources-of-statement', {}, rows("""
object | source | sourceKind | released
organisation:cnes | release:2021-02-25 | press release | 2021-02-25
organisation:dlr | release:2021-02-25 | press release | 2021-02-25
""")),
    ('sources-of-statement', {'subject': 'mission:mmx', 'predicate': 'sc:partner', 'object': 'organisation:dlr'}, rows("""
object | source | sourceKind | released
organisation:dlr | release:2021-02-25 | press release | 2021-02-25
""")),
    ('sources-of-statement', {'subject': 'mission:mmx', 'predicate': 'sc:targetBody', 'object': 'body:phobos'}, rows("""
object | source | sourceKind | released
body:phobos | release:2020-10-22 | press release | 2020-10-22
body:phobos | release:2021-02-25 | press release | 2021-02-25
body:phobos | release:2022-07-01 | press release | 2022-07-01
""")),
    ('sources-of-statement', {'subject': 'country:france', 'predicate': 'skos:exactMatch',
                              'object': 'http://www.wikidata.org/entity/Q142'}, rows("""
object | source | sourceKind | released
<http://www.wikidata.org/entity/Q142> | source:entities-organisations | editorial note | -
""")),
    ('sources-of-statement', {'subject': 'hardware:mascot', 'predicate': 'sc:heritageFrom', 'object': 'hardware:philae'}, rows("""
object | source | sourceKind | released
hardware:philae | release:2016-07-22 | press release | 2016-07-22
""")),
    ('node-statements', {}, rows("""
direction | predicate | other | source | released
out | rdf:type | sc:Lander | source:entities-missions | -
out | rdfs:comment | French-German lander of Hayabusa2. | source:entities-missions | -
out | rdfs:label | MASCOT | source:entities-missions | -
out | skos:altLabel | Mascot | source:entities-missions | -
out | sc:heritageFrom | hardware:philae | release:2016-07-22 | 2016-07-22
out | sc:partOfMission | mission:hayabusa2 | release:2016-07-22 | 2016-07-22
out | sc:statedIn | release:2016-07-22 | release:2016-07-22 | 2016-07-22
out | sc:statedIn | release:2021-02-25 | release:2021-02-25 | 2021-02-25
in | sc:involvesHardware | event:2019-10-mascot-landing-on-ryugu | release:2021-02-25 | 2021-02-25
in | sc:item | contribution:2021-02-25-french-german-mascot | release:2021-02-25 | 2021-02-25
""")),
    ('node-statements', {'node': 'organisation:dlr'}, rows("""
direction | predicate | other | source | released
out | rdf:type | sc:SpaceAgency | source:entities-organisations | -
out | rdfs:comment | Called the German space agency in the releases. | source:entities-organisations | -
out | rdfs:label | DLR | source:entities-organisations | -
out | sc:abbreviation | DLR | source:entities-organisations | -
out | sc:country | country:germany | release:2020-10-22 | 2020-10-22
out | sc:country | country:germany | release:2021-02-25 | 2021-02-25
out | sc:statedIn | release:2020-10-22 | release:2020-10-22 | 2020-10-22
out | sc:statedIn | release:2021-02-25 | release:2021-02-25 | 2021-02-25
in | sc:contributor | contribution:2020-10-22-callisto-co-development | release:2020-10-22 | 2020-10-22
in | sc:contributor | contribution:2021-02-25-cnes-dlr-mmx-rover | release:2021-02-25 | 2021-02-25
in | sc:partner | mission:callisto | release:2020-10-22 | 2020-10-22
in | sc:partner | mission:mmx | release:2021-02-25 | 2021-02-25
""")),
    ('who-met-whom-between', {}, rows("""
when | precision | meeting | personA | personALabel | postALabel | personB | personBLabel | postBLabel
2013-10-28 | precision:day | meeting:2013-10-28-cnes-jaxa-annual-meeting-tokyo | person:jean-yves-le-gall | Jean-Yves Le Gall | Head of CNES | person:naoki-okumura | Naoki Okumura | President of JAXA
2013-10-28 | precision:day | meeting:2013-10-28-cnes-nict-tokyo | person:jean-yves-le-gall | Jean-Yves Le Gall | Head of CNES | person:masao-sakauchi | Masao Sakauchi | President of NICT
2013-10-28 | precision:day | meeting:2013-10-28-cnes-space-strategy-office-tokyo | person:jean-yves-le-gall | Jean-Yves Le Gall | Head of CNES | person:junya-nishimoto | Junya Nishimoto | Director of the Space Strategy Office
2016-07-22 | precision:day | meeting:2016-07-22-cnes-isas-tokyo | person:jean-yves-le-gall | Jean-Yves Le Gall | Head of CNES | person:saku-tsuneta | Saku Tsuneta | Director General of ISAS
2016-07-22 | precision:day | meeting:2016-07-22-cnes-jaxa-tokyo | person:jean-yves-le-gall | Jean-Yves Le Gall | Head of CNES | person:naoki-okumura | Naoki Okumura | President of JAXA
2016-07-22 | precision:day | meeting:2016-07-22-cnes-mext-tokyo | person:jean-yves-le-gall | Jean-Yves Le Gall | Head of CNES | person:masaaki-tanaka | Masaaki Tanaka | Director General of the Research and Development Bureau at MEXT
2016-07-22 | precision:day | meeting:2016-07-22-cnes-national-space-policy-secretariat-tokyo | person:jean-yves-le-gall | Jean-Yves Le Gall | Head of CNES | person:shuzo-takada | Shuzo Takada | Director General of the National Space Policy Secretariat
2020-10-22 | precision:day | meeting:2020-10-22-cnes-jaxa-videoconference | person:jean-yves-le-gall | Jean-Yves Le Gall | Head of CNES | person:hiroshi-yamakawa | Hiroshi Yamakawa | President of JAXA
2021-02-25 | precision:day | meeting:2021-02-25-cnes-jaxa-videoconference | person:jean-yves-le-gall | Jean-Yves Le Gall | Head of CNES | person:hiroshi-yamakawa | Hiroshi Yamakawa | President of JAXA
[2022-06-27..2022-07-01] | precision:week | meeting:2022-06-27-cnes-chairman-jaxa-president | person:philippe-baptiste | Philippe Baptiste | Head of CNES | person:hiroshi-yamakawa | Hiroshi Yamakawa | President of JAXA
[2022-06-27..2022-07-01] | precision:week | meeting:2022-06-27-cnes-chairman-minister-of-economic-security | person:philippe-baptiste | Philippe Baptiste | Head of CNES | person:takayuki-kobayashi | Takayuki Kobayashi | Minister of Economic Security
""")),
    ('who-met-whom-between', {'from': '2020-01-01', 'to': '2021-12-31'}, rows("""
when | precision | meeting | personA | personALabel | postALabel | personB | personBLabel | postBLabel
2020-10-22 | precision:day | meeting:2020-10-22-cnes-jaxa-videoconference | person:jean-yves-le-gall | Jean-Yves Le Gall | Head of CNES | person:hiroshi-yamakawa | Hiroshi Yamakawa | President of JAXA
2021-02-25 | precision:day | meeting:2021-02-25-cnes-jaxa-videoconference | person:jean-yves-le-gall | Jean-Yves Le Gall | Head of CNES | person:hiroshi-yamakawa | Hiroshi Yamakawa | President of JAXA
""")),
    ('who-met-whom-between', {'from': '2022-06-30', 'to': '2022-06-30'}, rows("""
when | precision | meeting | personA | personALabel | postALabel | personB | personBLabel | postBLabel
[2022-06-27..2022-07-01] | precision:week | meeting:2022-06-27-cnes-chairman-jaxa-president | person:philippe-baptiste | Philippe Baptiste | Head of CNES | person:hiroshi-yamakawa | Hiroshi Yamakawa | President of JAXA
[2022-06-27..2022-07-01] | precision:week | meeting:2022-06-27-cnes-chairman-minister-of-economic-security | person:philippe-baptiste | Philippe Baptiste | Head of CNES | person:takayuki-kobayashi | Takayuki Kobayashi | Minister of Economic Security
""")),
    ('who-met-whom-between', {'from': '2014-01-01', 'to': '2015-12-31'}, rows("""
when | precision | meeting | personA | personALabel | postALabel | personB | personBLabel | postBLabel
""")),
    ('mission-profile', {}, rows("""
direction | property | value | valueLabel | firstStated | releases
out | sc:country | country:japan | Japan | 2016-07-22 | 3
out | sc:missionPhase | phase:development | development | 2021-02-25 | 2
out | sc:partner | organisation:cnes | CNES | 2021-02-25 | 1
out | sc:partner | organisation:dlr | DLR | 2021-02-25 | 1
out | sc:sampleSource | body:phobos | Phobos | 2020-10-22 | 3
out | sc:targetBody | body:deimos | Deimos | 2022-07-01 | 1
out | sc:targetBody | body:phobos | Phobos | 2020-10-22 | 3
in | sc:partOfMission | hardware:mmx-rover | MMX rover | 2021-02-25 | 2
in | sc:partOfMission | hardware:mmx-spectrometer | CNES spectrometer for MMX | 2021-02-25 | 1
""")),
    ('mission-profile', {'mission': 'mission:gosat'}, rows("""
direction | property | value | valueLabel | firstStated | releases
out | sc:country | country:japan | Japan | 2016-07-22 | 2
out | sc:studies | theme:climate-change | climate change | 2016-07-22 | 1
out | sc:studies | theme:greenhouse-gas-monitoring | greenhouse gas monitoring | 2021-02-25 | 1
in | sc:participatingMission | mission:magic-2019 | MAGIC 2019 | 2021-02-25 | 1
in | sc:participatingMission | mission:magic-2020 | MAGIC 2020 | 2021-02-25 | 1
""")),
    ('mission-profile', {'mission': 'mission:litebird'}, rows("""
direction | property | value | valueLabel | firstStated | releases
out | sc:country | country:japan | Japan | 2020-10-22 | 2
out | sc:mainInstrument | hardware:mhft | Medium-High Frequency Telescope | 2020-10-22 | 1
out | sc:missionPhase | phase:definition | definition | 2022-07-01 | 1
out | sc:partner | organisation:cnes | CNES | 2022-07-01 | 1
out | sc:studies | theme:cmb-polarisation | polarisation of the cosmic microwave background | 2020-10-22 | 2
in | sc:partOfMission | hardware:mhft | Medium-High Frequency Telescope | 2020-10-22 | 1
""")),
    ('mission-events', {}, rows("""
when | precision | partOfYear | event | kind | hardware | recipient | sampleMassGrams | extendedUntil | decidedBy | status
2019-10 | precision:month | - | event:2019-10-mascot-landing-on-ryugu | kind:landing | hardware:mascot | - | - | - | - | status:done
2020-07 | precision:month | - | event:2020-07-micromega-delivery-to-jaxa | kind:delivery | hardware:micromega | organisation:jaxa | - | - | - | status:done
2020-12-05 | precision:day | - | event:hayabusa2-sample-return-announced-2020-10-22 | kind:sample-return | - | - | - | - | - | status:planned
2020-12-06 | precision:day | - | event:hayabusa2-sample-return-2020-12-06 | kind:sample-return | - | - | 5.4 | - | - | status:done
- | - | - | event:hayabusa2-extension-to-2031 | kind:extension | - | - | - | 2031 | organisation:government-of-japan | status:done
""")),
    ('mission-events', {'mission': 'mission:mmx'}, rows("""
when | precision | partOfYear | event | kind | hardware | recipient | sampleMassGrams | extendedUntil | decidedBy | status
2023 | precision:part-of-year | part:middle | event:mmx-rover-delivery-to-jaxa-2023 | kind:delivery | hardware:mmx-rover | organisation:jaxa | - | - | - | status:planned
2024 | precision:year | - | event:mmx-departure-2024 | kind:departure | - | - | - | - | - | status:planned
- | - | - | event:mmx-phobos-sample-return | kind:sample-return | - | - | - | - | - | status:planned
- | - | - | event:mmx-rover-landing-on-phobos | kind:landing | hardware:mmx-rover | - | - | - | - | status:planned
""")),
    ('events-and-places', {}, rows("""
when | event | place | placeLabel | placeCountry | organiser | celebrates | anniversary
2013-06 | event:2013-06-francois-hollande-state-visit-japan | country:japan | Japan | - | - | - | -
2013-10-28 | meeting:2013-10-28-cnes-jaxa-annual-meeting-tokyo | place:tokyo | Tokyo | country:japan | - | - | -
2013-10-28 | meeting:2013-10-28-cnes-nict-tokyo | place:tokyo | Tokyo | country:japan | - | - | -
2013-10-28 | meeting:2013-10-28-cnes-space-strategy-office-tokyo | place:tokyo | Tokyo | country:japan | - | - | -
2016 | event:2016-esa-ministerial-council-lucerne | place:lucerne | Lucerne | - | organisation:esa | - | -
2016 | event:cop-22 | place:marrakesh | Marrakesh | - | - | - | -
2016 | event:iac-2016 | place:guadalajara | Guadalajara | - | - | - | -
2016-07-22 | meeting:2016-07-22-cnes-isas-tokyo | place:tokyo | Tokyo | country:japan | - | - | -
2016-07-22 | meeting:2016-07-22-cnes-japanese-partners-tokyo | place:tokyo | Tokyo | country:japan | - | - | -
2016-07-22 | meeting:2016-07-22-cnes-jaxa-tokyo | place:tokyo | Tokyo | country:japan | - | - | -
2016-07-22 | meeting:2016-07-22-cnes-mext-tokyo | place:tokyo | Tokyo | country:japan | - | - | -
2016-07-22 | meeting:2016-07-22-cnes-national-space-policy-secretariat-tokyo | place:tokyo | Tokyo | country:japan | - | - | -
2021 | meeting:france-japan-space-dialogue-3-announced-2020-10-22 | country:france | France | - | - | - | -
[2022-06-27..2022-07-01] | event:2022-cnes-60th-anniversary-celebrations-japan | place:french-embassy-in-japan | French Embassy in Japan | country:japan | - | organisation:cnes | 60
[2022-06-27..2022-07-01] | meeting:2022-06-27-cnes-chairman-jaxa-president | country:japan | Japan | - | - | - | -
[2022-06-27..2022-07-01] | meeting:2022-06-27-cnes-chairman-meetings-japan | country:japan | Japan | - | - | - | -
[2022-06-27..2022-07-01] | meeting:2022-06-27-cnes-chairman-minister-of-economic-security | country:japan | Japan | - | - | - | -
2022-09-18/2022-09-22 | event:iac-2022 | place:paris | Paris | country:france | - | - | -
- | event:callisto-launch-from-guiana-space-centre | place:guiana-space-centre | Guiana Space Centre | - | - | - | -
- | meeting:france-japan-space-dialogue-3-announced-2021-02-25 | country:france | France | - | - | - | -
""")),
    ('hardware-links', {}, rows("""
hardware | property | other | otherLabel
hardware:aos-accp-cnes-radiometer-on-jaxa-satellite | sc:carriedBy | hardware:aos-accp-jaxa-satellite | JAXA satellite of AOS/ACCP
hardware:aos-accp-cnes-radiometer-on-nasa-satellite | sc:carriedBy | hardware:aos-accp-nasa-satellite | NASA satellite of AOS/ACCP
hardware:aos-accp-jaxa-satellite | sc:fliesInFormationWith | hardware:aos-accp-nasa-satellite | NASA satellite of AOS/ACCP
hardware:aos-accp-jaxa-satellite | sc:operatedBy | organisation:jaxa | Japan Aerospace Exploration Agency
hardware:aos-accp-nasa-satellite | sc:fliesInFormationWith | hardware:aos-accp-jaxa-satellite | JAXA satellite of AOS/ACCP
hardware:aos-accp-nasa-satellite | sc:operatedBy | organisation:nasa | NASA
hardware:mascot | sc:heritageFrom | hardware:philae | Philae
""")),
    ('agreement-scope', {}, rows("""
agreement | property | value | valueLabel
agreement:cnes-jaxa-framework-agreement | sc:governs | organisation:cnes-jaxa-joint-working-groups | CNES-JAXA joint working groups
agreement:cnes-jaxa-framework-agreement | sc:subject | theme:astronomy-and-astrophysics | astronomy and astrophysics
agreement:cnes-jaxa-framework-agreement | sc:subject | theme:earth-observation | Earth observation
agreement:cnes-jaxa-framework-agreement | sc:subject | theme:interplanetary-trajectories | interplanetary mission trajectories
agreement:cnes-jaxa-framework-agreement | sc:subject | theme:launchers | launchers
agreement:cnes-jaxa-framework-agreement | sc:subject | theme:long-term-planning | long-term planning
agreement:cnes-jaxa-framework-agreement | sc:subject | theme:research | research
agreement:cnes-jaxa-framework-agreement | sc:subject | theme:satellite-performance | satellite performance
agreement:cnes-jaxa-framework-agreement | sc:subject | theme:space-components | space components
agreement:cnes-jaxa-framework-agreement | sc:subject | theme:space-debris-mitigation | space debris mitigation
agreement:cnes-jaxa-framework-agreement | sc:subject | theme:technology | technology
agreement:cnes-jaxa-framework-agreement | sc:subject | theme:telecommunications | telecommunications
agreement:cnes-jaxa-greenhouse-gas-data-cross-validation | sc:contributesTo | agreement:paris-agreement | Paris Agreement
agreement:cnes-jaxa-greenhouse-gas-data-cross-validation | sc:subject | theme:greenhouse-gas-monitoring | greenhouse gas monitoring
agreement:cnes-nict-framework-agreement-space-telecommunications | sc:subject | theme:telecommunications | telecommunications
agreement:european-commission-space-traffic-management-initiative | sc:subject | theme:space-traffic-management | space traffic management
agreement:european-commission-space-traffic-management-initiative | sc:supportedBy | country:france | France
agreement:france-japan-reusable-launcher-joint-research | sc:subject | theme:low-cost-launchers | low-cost launchers
agreement:france-japan-reusable-launcher-joint-research | sc:subject | theme:reusable-launchers | reusable launchers
agreement:french-space-law-revision | sc:subject | theme:space-law | space law
agreement:plan-for-sustainable-development-health-and-security-in-africa | sc:subject | theme:sustainable-development | sustainable development
""")),
    ('release-profile', {}, rows("""
property | value | valueLabel | mbox | phone
dcterms:date | 2022-07-01 | - | - | -
dcterms:identifier | PR042-2022 | - | - | -
dcterms:language | en | - | - | -
dcterms:publisher | organisation:cnes | CNES | - | -
dcterms:subject | theme:clouds-and-precipitation | clouds and precipitation | - | -
dcterms:subject | theme:cmb-polarisation | polarisation of the cosmic microwave background | - | -
dcterms:subject | theme:earth-observation | Earth observation | - | -
dcterms:subject | theme:earth-system | Earth system | - | -
dcterms:subject | theme:launchers | launchers | - | -
dcterms:subject | theme:long-term-sustainability-and-governance-of-space | long-term viability and governance of space | - | -
dcterms:subject | theme:reusable-launchers | reusable launchers | - | -
dcterms:subject | theme:sample-curation | sample curation | - | -
dcterms:subject | theme:space-exploration | space exploration | - | -
dcterms:subject | theme:space-law | space law | - | -
dcterms:subject | theme:space-traffic-management | space traffic management | - | -
dcterms:title | France-Japan space cooperation – Exploration, Earth observation and launchers on the agenda | - | - | -
sc:pressContact | person:olivia-baumann | Olivia Baumann | <mailto:olivia.baumann@cnes.fr> | <tel:+33144767677>
sc:pressContact | person:pascale-bresson | Pascale Bresson | <mailto:pascale.bresson@cnes.fr> | <tel:+33144767539>
sc:pressContact | person:raphael-sart | Raphaël Sart | <mailto:raphael.sart@cnes.fr> | <tel:+33144767451>
""")),
    ('release-profile', {'release': 'release:2016-07-22'}, rows("""
property | value | valueLabel | mbox | phone
dcterms:alternative | Preparation of Climate strand of IAC 2016 in Guadalajara | - | - | -
dcterms:date | 2016-07-22 | - | - | -
dcterms:language | en | - | - | -
dcterms:publisher | organisation:cnes | CNES | - | -
dcterms:subject | theme:climate-change | climate change | - | -
dcterms:subject | theme:launchers | launchers | - | -
dcterms:subject | theme:low-cost-launchers | low-cost launchers | - | -
dcterms:subject | theme:reusable-launchers | reusable launchers | - | -
dcterms:subject | theme:space-exploration | space exploration | - | -
dcterms:subject | theme:sustainable-development | sustainable development | - | -
dcterms:subject | theme:sustainable-development-in-africa-and-southeast-asia | sustainable development in Africa and Southeast Asia | - | -
dcterms:title | France-Japan space cooperation – CNES meets Japanese partners in Tokyo | - | - | -
""")),
    ('theme-hierarchy', {}, rows("""
theme | themeLabel | broader | broaderLabel
theme:greenhouse-gas-monitoring | greenhouse gas monitoring | theme:climate-change | climate change
theme:low-cost-launchers | low-cost launchers | theme:launchers | launchers
theme:reusable-launchers | reusable launchers | theme:launchers | launchers
theme:space-law | space law | theme:long-term-sustainability-and-governance-of-space | long-term viability and governance of space
theme:space-traffic-management | space traffic management | theme:long-term-sustainability-and-governance-of-space | long-term viability and governance of space
theme:solar-system-exploration | solar system exploration | theme:space-exploration | space exploration
theme:sustainable-development-in-africa-and-southeast-asia | sustainable development in Africa and Southeast Asia | theme:sustainable-development | sustainable development
""")),
    ('posts-and-organisations', {}, rows("""
post | postLabel | organisation | role | title | responsibleFor
post:head-of-cnes | Head of CNES | organisation:cnes | role:head | Chairman and CEO | -
post:head-of-cnes | Head of CNES | organisation:cnes | role:head | President | -
post:head-of-media-of-cnes | Head of Media of CNES | organisation:cnes | role:head-of-media | Head of Media | -
post:press-contact-of-cnes | Press contact of CNES | organisation:cnes | role:press-contact | Press contact | -
post:press-officer-of-cnes | Press Officer of CNES | organisation:cnes | role:press-officer | Press Officer | -
post:president-of-france | President of France | organisation:government-of-france | role:president | President | -
post:prime-minister-of-france | Prime Minister of France | organisation:government-of-france | role:prime-minister | Prime Minister | -
post:minister-of-economic-security | Minister of Economic Security | organisation:government-of-japan | role:minister | Minister | theme:space-policy
post:prime-minister-of-japan | Prime Minister of Japan | organisation:government-of-japan | role:prime-minister | Prime Minister | -
post:director-general-of-isas | Director General of ISAS | organisation:isas | role:director-general | Director General | -
post:president-of-jaxa | President of JAXA | organisation:jaxa | role:president | President | -
post:director-general-of-the-mext-research-and-development-bureau | Director General of the Research and Development Bureau at MEXT | organisation:mext-research-and-development-bureau | role:director-general | Director General | -
post:director-general-of-the-national-space-policy-secretariat | Director General of the National Space Policy Secretariat | organisation:national-space-policy-secretariat | role:director-general | Director General | -
post:president-of-nict | President of NICT | organisation:nict | role:president | President | -
post:director-of-the-space-strategy-office | Director of the Space Strategy Office | organisation:space-strategy-office | role:director | Director | -
""")),
    ('external-links', {}, rows("""
property | node | nodeLabel | link
skos:exactMatch | country:france | France | <http://www.wikidata.org/entity/Q142>
skos:exactMatch | country:germany | Germany | <http://www.wikidata.org/entity/Q183>
skos:exactMatch | country:japan | Japan | <http://www.wikidata.org/entity/Q17>
foaf:homepage | event:iac-2022 | 73rd International Astronautical Congress | <http://www.iac2022.org>
""")),
    ('contribution-details', {}, rows("""
property | value | valueLabel
time:numericDuration | 2 | -
time:unitType | time:unitYear | year (unit)
sc:contributionRole | crole:instrument-loan | lends an instrument
sc:contributionStatus | status:under-way | under way
sc:contributorCountry | country:france | France
sc:duration | duration:two-years | two years
sc:item | hardware:micromega | MicrOmega
sc:statedIn | release:2022-07-01 | CNES press release of 1 July 2022
sc:toMission | mission:hayabusa2 | Hayabusa2
""")),
    ('contribution-details', {'contribution': 'contribution:2020-10-22-cnes-hayabusa2-sample-analysis'}, rows("""
property | value | valueLabel
sc:contributionRole | crole:sample-analysis | analyses samples
sc:contributionStatus | status:planned | planned
sc:contributor | organisation:cnes | CNES
sc:performedAt | organisation:escuc | Extraterrestrial Sample Curation Center
sc:performedBy | organisation:ias | IAS
sc:service | theme:sample-analysis | sample analysis
sc:statedIn | release:2020-10-22 | CNES press release of 22 October 2020
sc:toMission | mission:hayabusa2 | Hayabusa2
""")),
    ('contribution-details', {'contribution': 'contribution:2021-02-25-micromega-delivery-to-jaxa'}, rows("""
property | value | valueLabel
sc:contributionRole | crole:hardware-supply | supplies hardware
sc:contributionStatus | status:done | done
sc:contributorCountry | country:france | France
sc:item | hardware:micromega | MicrOmega
sc:recipient | organisation:jaxa | Japan Aerospace Exploration Agency
sc:statedIn | release:2021-02-25 | CNES press release of 25 February 2021
sc:toMission | mission:hayabusa2 | Hayabusa2
sc:when | 2020-07 | -
""")),
]

CASE_IDS = [f"{name}-{'-'.join(params.values()) or 'defaults'}" for name, params, _ in EXPECTED]


@pytest.mark.parametrize(("name", "params", "expected"), EXPECTED, ids=CASE_IDS)
def test_expected_rows(kg, name, params, expected):
    result = kg.query(name, params)
    if isinstance(expected, bool):
        assert result.kind == "ASK"
        assert result.boolean is expected
    elif isinstance(expected, set):
        assert result.kind == "CONSTRUCT"
        assert graph_lines(result.graph) == expected
    else:
        header, expected_rows = expected
        assert result.kind == "SELECT"
        assert result.variables == header
        assert [tuple(compact(term) for term in row) for row in result.rows] == expected_rows
        assert not result.truncated


def test_every_query_is_tested_with_defaults_and_other_values(kg):
    tested = {}
    for name, params, _ in EXPECTED:
        tested.setdefault(name, []).append(params)
    assert set(tested) == set(kg.catalogue)
    for name, saved in kg.catalogue.items():
        assert {} in tested[name], f"{name}: no case with default parameters"
        if saved.parameters:
            assert any(tested[name]), f"{name}: no case with other parameter values"


# ------------------------------------------------------------------ the catalogue itself

def test_catalogue_size_and_variety(kg):
    catalogue = kg.catalogue
    assert len(catalogue) >= 28
    assert sum(1 for saved in catalogue.values() if saved.parameters) >= 8
    assert sum(1 for saved in catalogue.values() if saved.reasoning) >= 3
    forms = {_query_form(saved.text) for saved in catalogue.values()}
    assert {"SELECT", "ASK", "CONSTRUCT"} <= forms


def _query_form(text: str) -> str:
    return re.search(r"^(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", _body(text), re.MULTILINE).group(1)


def _body(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith("#"))


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_metadata_is_complete(kg, name):
    saved = kg.catalogue[name]
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name), "names are kebab-case"
    assert saved.title and len(saved.title) <= 100
    assert saved.description and len(saved.description) >= 40
    assert saved.tags
    header = [line for line in saved.text.splitlines() if line.startswith("#+")]
    assert any(re.fullmatch(r"#\+ reasoning: (on|off)", line) for line in header), \
        "reasoning is stated explicitly"
    # every '#+ param' line was understood (a name the parser cannot read would be skipped)
    assert len([line for line in header if line.startswith("#+ param")]) == len(saved.parameters)
    for parameter in saved.parameters:
        assert parameter.type and (parameter.default or parameter.optional) and parameter.description, parameter
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", parameter.name), "a valid SPARQL variable name"
        assert re.search(rf"\?{parameter.name}\b", _body(saved.text)), "the parameter is used"
    if saved.reasoning:
        assert "reasoning" in saved.description.lower(), "say why the query needs reasoning"


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_portable_sparql(kg, name):
    text = kg.catalogue[name].text
    body = _body(text)
    prepareQuery(text)  # no predeclared prefixes: each file declares its own
    assert not re.search(r'(?<![:?"\w])(SERVICE|FROM)\b', body, re.IGNORECASE)
    checked_query(text, name)  # the project's own refusal of updates, SERVICE and FROM
    assert re.search(r"\bWHERE\s*\{", body), "an explicit WHERE (remote runners insert VALUES there)"
    # no transitive paths: engines disagree on them (Virtuoso loses rows when rdfs:subClassOf*
    # shares a pattern with other triples, and returns duplicates)
    assert not re.findall(r"[\w>)][+*](?=\s)", body.replace("(*)", ""))
    for match in re.finditer(r"GROUP_CONCAT\s*\(", body, re.IGNORECASE):
        assert "SEPARATOR" in body[match.end():match.end() + 200].upper()
    if _query_form(text) == "SELECT":
        assert "ORDER BY" in body, "rows come in a deterministic order"


def _top_level(node):
    """Algebra nodes evaluated at the top level of the WHERE clause: not under the
    optional side of a left join, a union, a MINUS right side or a subquery."""
    yield node
    if node.name == "LeftJoin":
        children = [node.p1]
    elif node.name in ("Union", "Minus"):
        children = [node.p1] if node.name == "Minus" else []
    else:
        children = [value for key, value in node.items()
                    if isinstance(value, CompValue) and key in ("p", "p1", "p2")]
    for child in children:
        if child.name != "ToMultiSet":  # a subquery
            yield from _top_level(child)


def _variables(expression) -> set[str]:
    found = set()
    if isinstance(expression, CompValue):
        for value in expression.values():
            found |= _variables(value)
    elif isinstance(expression, (list, tuple)):
        for value in expression:
            found |= _variables(value)
    elif type(expression).__name__ == "Variable":
        found.add(str(expression))
    return found


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_parameters_sit_in_top_level_patterns(kg, name):
    """Bound locally by initBindings and remotely by VALUES, a parameter must give the same
    rows both ways: IRI parameters appear in top-level triple patterns; literal parameters
    (dates) can only be compared, so they appear in top-level FILTERs."""
    saved = kg.catalogue[name]
    algebra = prepareQuery(saved.text).algebra
    nodes = list(_top_level(algebra))
    in_triples = {str(term) for node in nodes if node.name == "BGP"
                  for triple in node.triples for term in triple}
    in_filters = set()
    for node in nodes:
        if node.name == "Filter":
            in_filters |= _variables(node.expr)
    for parameter in saved.parameters:
        if parameter.type == "iri":
            assert parameter.name in in_triples, parameter.name
        else:
            assert parameter.name in in_triples | in_filters, parameter.name


def _with_values(text: str, bindings: dict, trailing: bool) -> str:
    """The remote runner's placement (start of the WHERE group), or a trailing VALUES clause."""
    if not trailing:
        return with_values(text, {name: term.n3() for name, term in bindings.items()})
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(term.n3() for term in bindings.values())
    return f"{text.rstrip()}\nVALUES ({names}) {{ ({values}) }}\n"


PARAMETERISED = [(name, params) for name, params, _ in EXPECTED if CATALOGUE[name].parameters]


@pytest.mark.parametrize(("name", "params"), PARAMETERISED,
                         ids=[f"{n}-{'-'.join(p.values()) or 'defaults'}" for n, p in PARAMETERISED])
def test_values_block_gives_the_same_rows_as_bindings(kg, name, params):
    """What a remote runner does (a VALUES block) gives what the local runner does
    (initBindings): a VALUES block at the start of the WHERE clause always, and a trailing
    VALUES clause too when every parameter is an IRI in a top-level triple pattern."""
    saved = kg.catalogue[name]
    bindings = saved.bindings(params)
    local = kg.query(name, params)
    placements = [False] + ([True] if all(p.type == "iri" for p in saved.parameters) else [])
    for trailing in placements:
        remote = kg.runner(saved.reasoning).run(_with_values(saved.text, bindings, trailing))
        assert remote.kind == local.kind
        if local.kind == "ASK":
            assert remote.boolean == local.boolean
        elif local.kind == "SELECT":
            assert remote.variables == local.variables
            assert remote.rows == local.rows
        else:
            assert graph_lines(remote.graph) == graph_lines(local.graph)


def test_kind_hierarchies_are_at_most_two_levels_deep(kg):
    """Queries match asserted classes to a root class through at most two rdfs:subClassOf
    steps (no property path); this holds while the ontology is no deeper than that."""
    from rdflib import RDFS
    from spacecoop.namespaces import SC
    for root in (SC.Agreement, SC.CelestialBody, SC.Event, SC.Organisation, SC.SpaceHardware):
        every = set(kg.ontology.transitive_subjects(RDFS.subClassOf, root))
        direct = set(kg.ontology.subjects(RDFS.subClassOf, root))
        second = {sub for middle in direct for sub in kg.ontology.subjects(RDFS.subClassOf, middle)}
        assert every == {root} | direct | second, root


def test_reasoning_queries_need_reasoning(kg):
    """The queries marked 'reasoning: on' find nothing on the asserted triples alone."""
    for name, saved in kg.catalogue.items():
        if saved.reasoning and _query_form(saved.text) == "SELECT":
            assert kg.query(name, reasoning=False).rows == [], name


# ------------------------------------------------------------------ parameter errors

def test_unknown_parameter_name(kg):
    with pytest.raises(ParameterError, match=r"unknown parameter\(s\) mision \(accepted: mission\)"):
        kg.query("contributions-to-mission", {"mision": "mission:mmx"})


def test_parameter_for_a_query_without_parameters(kg):
    with pytest.raises(ParameterError, match=r"accepted: none"):
        kg.query("press-contacts", {"release": "release:2013-10-28"})


def test_date_of_the_wrong_form(kg):
    with pytest.raises(ParameterError, match=r"from='2020-13-45': not a valid .*date"):
        kg.query("timeline", {"from": "2020-13-45"})
    with pytest.raises(ParameterError, match=r"to='last year'"):
        kg.query("timeline", {"to": "last year"})


def test_iri_that_is_not_an_iri(kg):
    with pytest.raises(ParameterError, match=r"mission='not an iri': not an absolute IRI"):
        kg.query("contributions-to-mission", {"mission": "not an iri"})
    with pytest.raises(ParameterError, match=r"unknown prefix 'missoin'"):
        kg.query("contributions-to-mission", {"mission": "missoin:mmx"})


def test_unknown_query_name(kg):
    with pytest.raises(UnknownQueryError, match=r"no saved query named 'timelines'; did you mean timeline\?"):
        kg.query("timelines")
    with pytest.raises(UnknownQueryError, match=r"^no saved query named 'who-is-who'$") as unknown:
        kg.query("who-is-who")
    assert unknown.value.hint == "queries"  # each face says where the catalogue is


def test_parameter_errors_are_spacecoop_errors_of_their_kind():
    assert issubclass(ParameterError, SpacecoopError) and issubclass(UnknownQueryError, SpacecoopError)
    assert ParameterError.kind == "usage" and UnknownQueryError.kind == "not-found"


def _cli(repository, *args):
    return CliRunner().invoke(main, ["--project", str(repository), "--no-cache", *args])


@pytest.mark.parametrize(("args", "message"), [
    (["query", "timeline", "--param", "from=2020-13-45"], "from='2020-13-45': not a valid"),
    (["query", "timeline", "--param", "since=2020-01-01"], "unknown parameter(s) since (accepted: from, to)"),
    (["query", "posts-of-person", "--param", "person=not an iri"], "person='not an iri': not an absolute IRI"),
    (["query", "no-such-query"], "no saved query named 'no-such-query'"),
])
def test_cli_reports_bad_parameters_in_one_line(repository, args, message):
    result = _cli(repository, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("spacecoop: ")
    assert "Traceback" not in result.output and "Traceback" not in result.stderr


def test_cli_runs_a_saved_query_as_csv(repository):
    result = _cli(repository, "query", "holders-of-post", "--param", "post=post:head-of-cnes",
                  "--format", "csv")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0].strip() == "when,precision,person,personLabel,title,at,release"
    assert len(lines) == 6 and all("jean-yves-le-gall" in line and ",President," in line for line in lines[1:5])
    assert "philippe-baptiste" in lines[5] and ",Chairman and CEO," in lines[5]


def test_cli_lists_the_catalogue(repository, kg):
    result = _cli(repository, "queries")
    assert result.exit_code == 0
    for name in kg.catalogue:
        assert name in result.stdout


# ------------------------------------------------------------------ injection attempts

@pytest.mark.parametrize("value", [
    "mission:mmx> } ; DROP ALL ; <x",
    'mission:mmx" . ?s ?p ?o . "',
    "<https://w3id.org/spacecoop/resource/mission/mmx> } UNION { ?s ?p ?o }",
    "https://w3id.org/x>{?s ?p ?o}",
])
def test_injection_through_an_iri_is_a_type_error(kg, value):
    with pytest.raises(ParameterError, match=r"not an absolute IRI|unknown prefix|not an IRI"):
        kg.query("contributions-to-mission", {"mission": value})


def test_injection_through_a_date_is_a_type_error(kg):
    with pytest.raises(ParameterError, match=r"not a valid"):
        kg.query("timeline", {"from": '2020-01-01"^^xsd:date) || true || ("'})


def test_odd_but_valid_iri_is_only_a_value(kg):
    """Characters that pass as an IRI are bound as a term, never read as SPARQL: a term that
    names no node of the graph, refused as such."""
    for value in ("mission:mmx;DROP", "mission:mmx#?s", "https://w3id.org/spacecoop/resource/mission/mmx?x=1&y=*"):
        with pytest.raises(ParameterError, match=f"mission={re.escape(value)}: no such node"):
            kg.query("contributions-to-mission", {"mission": value})
    with pytest.raises(ParameterError, match="hardware=hardware:mascot#: no such node; did you mean hardware:mascot"):
        kg.query("is-derived-from", {"hardware": "hardware:mascot#", "ancestor": "hardware:philae"})


OPTIONAL_QUERY = """#+ title: Statements of a subject
#+ description: Its statements, or only those with a given predicate.
#+ param subject: iri = mission:mmx | The subject
#+ param predicate: iri? | The predicate, or any
SELECT ?predicate ?object WHERE { ?subject ?predicate ?object }
"""


def test_an_optional_parameter_is_left_unbound_unless_given(tmp_path):
    path = tmp_path / "statements.rq"
    path.write_text(OPTIONAL_QUERY, encoding="utf-8")
    query = parse_saved_query(path)
    predicate = query.parameters[1]
    assert (predicate.name, predicate.optional, predicate.default) == ("predicate", True, None)
    assert set(query.bindings({})) == {"subject"}
    assert query.bindings({"predicate": "sc:partner"})["predicate"] == URIRef(PREFIXES["sc"] + "partner")


def test_an_optional_parameter_with_a_default_is_refused_with_its_line(tmp_path):
    path = tmp_path / "statements.rq"
    path.write_text(OPTIONAL_QUERY.replace("iri? |", "iri? = sc:partner |"), encoding="utf-8")
    with pytest.raises(SpacecoopError) as caught:
        parse_saved_query(path)
    assert str(caught.value) == (f"{path}:4: parameter predicate: an optional parameter (TYPE?) has no default")


def test_the_optional_object_of_sources_of_statement_narrows_the_rows(repository):
    """Without its object, the query answers for every object of the subject and predicate."""
    runner = CliRunner()
    every = runner.invoke(main, ["--project", str(repository), "query", "sources-of-statement", "--format", "csv",
                                 "--param", "subject=mission:mmx", "--param", "predicate=sc:targetBody"])
    one = runner.invoke(main, ["--project", str(repository), "query", "sources-of-statement", "--format", "csv",
                               "--param", "subject=mission:mmx", "--param", "predicate=sc:targetBody",
                               "--param", "object=body:deimos"])
    assert every.exit_code == 0 and one.exit_code == 0, every.output + one.output
    every_rows, one_rows = every.stdout.splitlines()[1:], one.stdout.splitlines()[1:]
    assert len(one_rows) == 1 and "release/2022-07-01" in one_rows[0]
    assert set(one_rows) < set(every_rows)
    assert {row.split(",")[0].rsplit("/", 1)[-1] for row in every_rows} == {"phobos", "deimos"}
